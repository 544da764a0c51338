package dev.msw.secrets;

import java.util.List;

/** ACL policies of a store: on a Vault server ({@code sys/policies/acl}) or inside the local store. */
public interface PolicyAdmin {
    List<String> list();

    String read(String name);

    /** Parses the HCL first; a syntax error names the line and nothing is saved. */
    void write(String name, String hcl);

    void delete(String name);
}
