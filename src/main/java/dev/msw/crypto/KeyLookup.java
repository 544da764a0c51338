package dev.msw.crypto;

import java.util.Optional;
import javax.crypto.SecretKey;

/** Finds a key-encryption key by name and version; the local keyring implements it. */
public interface KeyLookup {
    Optional<SecretKey> find(String name, int version);

    /** For people: where the keys come from ("keyring /path/keyring.p12"). */
    String describe();
}
