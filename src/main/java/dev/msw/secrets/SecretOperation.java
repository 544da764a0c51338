package dev.msw.secrets;

import dev.msw.secrets.policy.Capability;
import java.util.Set;

/**
 * The operations on a KV v2 secret and the API path section and capability each needs, exactly as Vault checks
 * them (e.g. listing needs {@code list} on {@code metadata/}, undelete needs {@code update} on {@code undelete/}).
 */
public enum SecretOperation {
    READ("data", Set.of(Capability.READ), "read"),
    CREATE("data", Set.of(Capability.CREATE), "create"),
    UPDATE("data", Set.of(Capability.UPDATE), "update"),
    LIST("metadata", Set.of(Capability.LIST), "list"),
    READ_METADATA("metadata", Set.of(Capability.READ), "read history and metadata"),
    WRITE_METADATA("metadata", Set.of(Capability.UPDATE, Capability.CREATE), "edit metadata"),
    SOFT_DELETE("delete", Set.of(Capability.UPDATE), "soft delete"),
    UNDELETE("undelete", Set.of(Capability.UPDATE), "undelete"),
    DESTROY("destroy", Set.of(Capability.UPDATE), "destroy versions"),
    DELETE_ALL("metadata", Set.of(Capability.DELETE), "delete all versions");

    private final String section;
    private final Set<Capability> anyOf;
    private final String label;

    SecretOperation(String section, Set<Capability> anyOf, String label) {
        this.section = section;
        this.anyOf = anyOf;
        this.label = label;
    }

    /** The KV v2 API section: data, metadata, delete, undelete, destroy. */
    public String section() {
        return section;
    }

    /** The operation is allowed if any of these capabilities is granted. */
    public Set<Capability> anyOf() {
        return anyOf;
    }

    /** The capability named in a denial message. */
    public String capabilityName() {
        return anyOf.iterator().next().apiName();
    }

    public String label() {
        return label;
    }

    public boolean allowedBy(Set<Capability> granted) {
        return !granted.contains(Capability.DENY) && anyOf.stream().anyMatch(granted::contains);
    }
}
