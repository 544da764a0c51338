package dev.msw.crypto;

/** How stanzas are named for people; stanza types this build does not know are shown by type and arguments. */
public final class StanzaDescriptions {
    private StanzaDescriptions() {
    }

    public static String describe(Stanza s) {
        return switch (s.type()) {
            case LocalKeyRecipient.TYPE -> s.args().size() == 2
                    ? "key '" + s.args().get(0) + "' v" + s.args().get(1) + " (local keyring)" : "a local key";
            case PassphraseRecipient.TYPE -> "a passphrase";
            case "vault-transit" -> s.args().isEmpty() ? "a Vault Transit key"
                    : "Vault Transit key '" + s.args().get(0) + "'" + (s.args().size() > 1 ? " v" + s.args().get(1) : "");
            default -> "a '" + s.type() + "' recipient";
        };
    }

    /** The key name a stanza names, if its type has one ("" otherwise). */
    public static String keyName(Stanza s) {
        return switch (s.type()) {
            case LocalKeyRecipient.TYPE, "vault-transit" -> s.args().isEmpty() ? "" : s.args().get(0);
            default -> "";
        };
    }

    /** The key version a stanza names, if its type has one ("" otherwise). */
    public static String keyVersion(Stanza s) {
        return switch (s.type()) {
            case LocalKeyRecipient.TYPE, "vault-transit" -> s.args().size() > 1 ? s.args().get(1) : "";
            default -> "";
        };
    }
}
