package dev.msw.keys;

import dev.msw.crypto.Identity;

import dev.msw.core.AppPaths;
import dev.msw.core.AtomicOutput;
import dev.msw.crypto.KeyLookup;
import dev.msw.crypto.LocalKeyIdentity;
import dev.msw.crypto.LocalKeyRecipient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * The embedded keyring: named, versioned AES-256 key-encryption keys in a passphrase-protected PKCS#12 file
 * ({@code keytool -list -keystore keyring.p12} reads it). Version N of key {@code team} is the secret-key
 * entry {@code team@vN}; its creation time is the entry's creation date. Every change is written to a
 * temporary file and renamed, so the keyring on disk is always complete. Thread-safe: the GUI shares one
 * instance between tabs and background tasks, so every method that reads or changes the key store locks it.
 */
public final class LocalKeyring implements KeyLookup {
    public static final String FILE_NAME = "keyring.p12";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ALIAS = Pattern.compile("(" + NAME.pattern() + ")@v([1-9][0-9]{0,8})");

    private final Path path;
    private final KeyStore store;
    private final char[] passphrase;

    private LocalKeyring(Path path, KeyStore store, char[] passphrase) {
        this.path = path;
        this.store = store;
        this.passphrase = passphrase.clone();
    }

    /** {@code MSW_KEYRING} if set, else {@code keyring.p12} in the config folder. */
    public static Path defaultPath() {
        String env = System.getenv("MSW_KEYRING");
        return env != null && !env.isBlank() ? Path.of(env) : AppPaths.configDir().resolve(FILE_NAME);
    }

    public static boolean exists(Path path) {
        return Files.isRegularFile(path);
    }

    /** Creates an empty keyring; refuses to replace an existing one. */
    public static LocalKeyring create(Path path, char[] passphrase) throws IOException {
        if (Files.exists(path)) {
            throw new KeyringException("Refusing to create the keyring " + path, "a keyring already exists there",
                    "use it as it is, or move it away first (its keys are needed to decrypt your files)");
        }
        requireStrongEnough(passphrase);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            LocalKeyring ring = new LocalKeyring(path, ks, passphrase);
            ring.save(false);
            return ring;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKCS#12 is not available in this Java runtime", e);
        }
    }

    /** Opens an existing keyring. */
    public static LocalKeyring open(Path path, char[] passphrase) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new KeyringException("No keyring at " + path, "the file does not exist",
                    "create one with 'msw keyring init' (or the Artifacts tab), or point --keyring / MSW_KEYRING at yours");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, passphrase);
            return new LocalKeyring(path, ks, passphrase);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyringException("Wrong passphrase for the keyring " + path,
                        "the keyring's integrity check failed with this passphrase", "try again with the right passphrase", e);
            }
            throw new KeyringException("Cannot read the keyring " + path, String.valueOf(e.getMessage()),
                    "check that it is a PKCS#12 file written by msw", e);
        } catch (GeneralSecurityException e) {
            throw new KeyringException("Cannot read the keyring " + path, e.getMessage(),
                    "check that it is a PKCS#12 file written by msw", e);
        }
    }

    private static void requireStrongEnough(char[] passphrase) {
        if (passphrase.length < 8) {
            throw new KeyringException("The keyring passphrase is too short", "it has fewer than 8 characters",
                    "choose a longer passphrase (a few random words work well)");
        }
    }

    public static String alias(String name, int version) {
        return name + "@v" + version;
    }

    public static void requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new KeyringException("Invalid key name '" + name + "'",
                    "names use lower-case letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)",
                    "choose a name such as 'team' or 'prod-models'");
        }
    }

    public Path path() {
        return path;
    }

    /** Creates version 1 of a new key; refuses if the name exists. */
    public synchronized KeyVersion createKey(String name) throws IOException {
        requireValidName(name);
        if (latestVersion(name).isPresent()) {
            throw new KeyringException("Key '" + name + "' already exists in " + path, "names are unique",
                    "choose another name, or add a version to it by rotating the key");
        }
        return store(name, 1);
    }

    /** Adds the next version of an existing key (key rotation); older versions stay for decryption. */
    public synchronized KeyVersion addVersion(String name) throws IOException {
        int latest = latestVersion(name).orElseThrow(() -> unknownKey(name));
        return store(name, latest + 1);
    }

    private KeyVersion store(String name, int version) throws IOException {
        try {
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(256, new SecureRandom());
            SecretKey key = gen.generateKey();
            store.setEntry(alias(name, version), new KeyStore.SecretKeyEntry(key),
                    new KeyStore.PasswordProtection(passphrase));
            save(true);
            return new KeyVersion(name, version, created(alias(name, version)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store an AES key in PKCS#12: " + e.getMessage(), e);
        }
    }

    /** Every version of every key, by name then version. */
    public synchronized List<KeyVersion> list() {
        List<KeyVersion> out = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                Matcher m = ALIAS.matcher(alias);
                if (m.matches() && store.isKeyEntry(alias)) {
                    out.add(new KeyVersion(m.group(1), Integer.parseInt(m.group(2)), created(alias)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyring not loaded", e);
        }
        out.sort(Comparator.comparing(KeyVersion::name).thenComparingInt(KeyVersion::version));
        return out;
    }

    public synchronized List<String> keyNames() {
        return list().stream().map(KeyVersion::name).distinct().toList();
    }

    public synchronized OptionalInt latestVersion(String name) {
        return list().stream().filter(k -> k.name().equals(name)).mapToInt(KeyVersion::version).max();
    }

    @Override
    public synchronized Optional<SecretKey> find(String name, int version) {
        if (!NAME.matcher(name).matches() || version < 1) {
            return Optional.empty();
        }
        try {
            KeyStore.Entry e = store.getEntry(alias(name, version), new KeyStore.PasswordProtection(passphrase));
            return e instanceof KeyStore.SecretKeyEntry s ? Optional.of(s.getSecretKey()) : Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** A recipient for the latest version of {@code name}. */
    public LocalKeyRecipient recipient(String name) {
        int v = latestVersion(name).orElseThrow(() -> unknownKey(name));
        return recipient(name, v);
    }

    public LocalKeyRecipient recipient(String name, int version) {
        SecretKey k = find(name, version).orElseThrow(() -> unknownKey(alias(name, version)));
        return new LocalKeyRecipient(name, version, k);
    }

    /**
     * An identity that opens every {@code local} stanza this keyring has the key for, except key versions
     * below their minimum decryption version (kept beside the keyring by {@link KeyPolicyStore}), so every
     * caller — CLI, Artifacts tab, Console, local secret store — honours a raised minimum.
     */
    public Identity identity() {
        return new LocalKeyBackend(this).identity();
    }

    @Override
    public String describe() {
        return "the keyring " + path;
    }

    private KeyringException unknownKey(String name) {
        return new KeyringException("No key '" + name + "' in the keyring " + path, "the keyring does not hold it",
                "list the keys with 'msw key list', or create it with 'msw key create " + name + "'");
    }

    private Instant created(String alias) {
        try {
            Date d = store.getCreationDate(alias);
            return d == null ? Instant.EPOCH : d.toInstant();
        } catch (GeneralSecurityException e) {
            return Instant.EPOCH;
        }
    }

    private void save(boolean overwrite) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(path, overwrite)) {
            try (OutputStream os = out.stream()) {
                store.store(os, passphrase);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot write PKCS#12: " + e.getMessage(), e);
            }
            out.commit();
        }
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user profile's ACLs protect the file
        }
    }

    /** Clears the passphrase held in memory; the instance is unusable afterwards. */
    public synchronized void close() {
        Arrays.fill(passphrase, '\0');
    }
}
