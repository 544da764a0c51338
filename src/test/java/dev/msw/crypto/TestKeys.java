package dev.msw.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Key-encryption keys held in a map: a keyring stand-in for core tests (the real keyring has its own tests). */
final class TestKeys implements KeyLookup {
    /** Cheap Argon2id settings so that tests stay fast; production uses {@link Argon2Settings#DEFAULT}. */
    static final Argon2Settings FAST_ARGON = new Argon2Settings(64, 1, 1);

    private final Map<String, SecretKey> keys = new HashMap<>();

    TestKeys add(String name, int version, byte fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, fill);
        keys.put(name + "@" + version, new SecretKeySpec(k, "AES"));
        return this;
    }

    SecretKey get(String name, int version) {
        return keys.get(name + "@" + version);
    }

    LocalKeyRecipient recipient(String name, int version) {
        return new LocalKeyRecipient(name, version, get(name, version));
    }

    LocalKeyIdentity identity() {
        return new LocalKeyIdentity(this);
    }

    @Override
    public Optional<SecretKey> find(String name, int version) {
        return Optional.ofNullable(keys.get(name + "@" + version));
    }

    @Override
    public String describe() {
        return "the test keys";
    }
}
