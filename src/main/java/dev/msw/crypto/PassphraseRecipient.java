package dev.msw.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Encrypts for a passphrase. Stanza {@code passphrase argon2id m=KIB t=N p=N}, body = salt(16) ‖ AES-256-GCM
 * wrap of the file key under Argon2id(passphrase, salt). The passphrase is copied; {@link #destroy()} clears it.
 */
public final class PassphraseRecipient implements Recipient {
    public static final String TYPE = "passphrase";
    static final int SALT_LENGTH = 16;

    private final char[] passphrase;
    private final Argon2Settings settings;
    private final SecureRandom random;

    public PassphraseRecipient(char[] passphrase) {
        this(passphrase, Argon2Settings.DEFAULT);
    }

    public PassphraseRecipient(char[] passphrase, Argon2Settings settings) {
        this(passphrase, settings, new SecureRandom());
    }

    PassphraseRecipient(char[] passphrase, Argon2Settings settings, SecureRandom random) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase is empty");
        }
        this.passphrase = passphrase.clone();
        this.settings = settings;
        this.random = random;
    }

    @Override
    public Stanza wrap(FileKey fileKey, byte[] fileId) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        List<String> args = args(settings);
        SecretKey kek = derive(passphrase, salt, settings);
        byte[] wrapped = KeyWrap.wrap(kek, KeyWrap.randomNonce(random), fileKey, Stanza.bindingData(fileId, TYPE, args));
        byte[] body = new byte[SALT_LENGTH + wrapped.length];
        System.arraycopy(salt, 0, body, 0, SALT_LENGTH);
        System.arraycopy(wrapped, 0, body, SALT_LENGTH, wrapped.length);
        return new Stanza(TYPE, args, body);
    }

    public void destroy() {
        Arrays.fill(passphrase, '\0');
    }

    @Override
    public String describe() {
        return "a passphrase";
    }

    static List<String> args(Argon2Settings s) {
        return List.of("argon2id", "m=" + s.memoryKiB(), "t=" + s.iterations(), "p=" + s.parallelism());
    }

    /** Parses the stanza arguments back; throws IllegalArgumentException when they are malformed or too costly. */
    static Argon2Settings parseArgs(List<String> args) {
        if (args.size() != 4 || !"argon2id".equals(args.get(0))) {
            throw new IllegalArgumentException("expected 'argon2id m=… t=… p=…'");
        }
        return new Argon2Settings(param(args.get(1), "m="), param(args.get(2), "t="), param(args.get(3), "p="));
    }

    private static int param(String arg, String prefix) {
        if (!arg.startsWith(prefix)) {
            throw new IllegalArgumentException("expected " + prefix + "…, got " + arg);
        }
        return Integer.parseInt(arg.substring(prefix.length()));
    }

    static SecretKey derive(char[] passphrase, byte[] salt, Argon2Settings s) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] pw = new byte[encoded.remaining()];
        encoded.get(pw);
        Arrays.fill(encoded.array(), (byte) 0);
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(s.memoryKiB())
                .withIterations(s.iterations())
                .withParallelism(s.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[32];
        gen.generateBytes(pw, out);
        Arrays.fill(pw, (byte) 0);
        SecretKey k = new SecretKeySpec(out, "AES");
        Arrays.fill(out, (byte) 0);
        return k;
    }
}
