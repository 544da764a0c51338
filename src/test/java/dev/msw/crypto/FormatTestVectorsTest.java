package dev.msw.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The test vectors printed in docs/FORMAT.md, checked byte for byte: the document and the code cannot drift.
 * Inputs are fixed (file key, salt, file id, key-encryption key, stanza nonces and salts); the test rebuilds
 * every derived value and the whole container, then decrypts the documented container.
 */
class FormatTestVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    static final Pattern LINE = Pattern.compile("^([a-z0-9-]+):\\s+([0-9a-f]+)\\s*$");

    /** name → hex, from the "test-vector" code block of docs/FORMAT.md; repeated names concatenate. */
    static Map<String, String> documented() throws IOException {
        String doc = Files.readString(Path.of("docs/FORMAT.md"));
        int start = doc.indexOf("```test-vector");
        int end = doc.indexOf("```", start + 5);
        assertFalse(start < 0 || end < 0, "docs/FORMAT.md lacks its ```test-vector block");
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : doc.substring(start, end).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                values.merge(m.group(1), m.group(2), String::concat);
            }
        }
        return values;
    }

    @Test
    void documentedVectorMatchesTheCode() throws IOException {
        Map<String, String> v = documented();
        FileKey fileKey = FileKey.of(HEX.parseHex(v.get("file-key")));
        byte[] salt = HEX.parseHex(v.get("salt"));
        byte[] fileId = HEX.parseHex(v.get("file-id"));
        byte[] plaintext = HEX.parseHex(v.get("plaintext"));
        assertEquals(FixedRandom.counting(0x00, 32).length, fileKey.rawBytes().length);

        assertEquals(v.get("payload-key"), HEX.formatHex(KeySchedule.payloadKey(fileKey, salt)), "payload-key");
        assertEquals(v.get("header-mac-key"), HEX.formatHex(KeySchedule.headerMacKey(fileKey, salt)), "header-mac-key");
        assertEquals(v.get("nonce-chunk-0"), HEX.formatHex(KeySchedule.nonce(0, false)), "nonce-chunk-0");
        assertEquals(v.get("nonce-chunk-2-last"), HEX.formatHex(KeySchedule.nonce(2, true)), "nonce-chunk-2-last");

        LocalKeyRecipient local = new LocalKeyRecipient("team", 1,
                new SecretKeySpec(HEX.parseHex(v.get("local-kek")), "AES"),
                new FixedRandom(HEX.parseHex(v.get("local-nonce"))));
        PassphraseRecipient passphrase = new PassphraseRecipient(
                new String(HEX.parseHex(v.get("passphrase")), StandardCharsets.UTF_8).toCharArray(),
                new Argon2Settings(64, 1, 1),
                new FixedRandom(HEX.parseHex(v.get("passphrase-salt")), HEX.parseHex(v.get("passphrase-nonce"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArtifactEncryptor().withChunkSize(Integer.parseInt(v.get("chunk-size"), 16)).encrypt(
                new ByteArrayInputStream(plaintext), out, plaintext.length, fileKey, salt, fileId,
                List.of(local, passphrase), ProgressListener.NONE, CancellationToken.NONE);
        assertEquals(v.get("container"), HEX.formatHex(out.toByteArray()), "container bytes\n"
                + wrap(HEX.formatHex(out.toByteArray())));
    }

    @Test
    void documentedContainerDecryptsWithEitherStanza() throws IOException {
        Map<String, String> v = documented();
        byte[] container = HEX.parseHex(v.get("container"));
        byte[] plaintext = HEX.parseHex(v.get("plaintext"));
        KeyLookup kek = new KeyLookup() {
            @Override
            public java.util.Optional<javax.crypto.SecretKey> find(String name, int version) {
                return name.equals("team") && version == 1
                        ? java.util.Optional.of(new SecretKeySpec(HEX.parseHex(v.get("local-kek")), "AES"))
                        : java.util.Optional.empty();
            }

            @Override
            public String describe() {
                return "the vector's key";
            }
        };
        for (Identity id : List.of(new LocalKeyIdentity(kek), new PassphraseIdentity(
                new String(HEX.parseHex(v.get("passphrase")), StandardCharsets.UTF_8).toCharArray()))) {
            byte[] got = new ArtifactDecryptor().decryptToMemory(new ByteArrayInputStream(container), "vector",
                    container.length, List.of(id), ProgressListener.NONE, CancellationToken.NONE);
            assertArrayEquals(plaintext, got);
        }
    }

    private static String wrap(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            sb.append("container:          ").append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        return sb.toString();
    }
}
