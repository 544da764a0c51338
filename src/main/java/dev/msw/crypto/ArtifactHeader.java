package dev.msw.crypto;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The header of an msw container (docs/FORMAT.md): format version, algorithm, chunk size, plaintext length,
 * salt, file id, key stanzas and the header MAC. Reading a header never needs a key; {@link #unlock} finds
 * the file key through the stanzas and then verifies the MAC, so a header that was altered in any byte is
 * rejected before a single payload byte is decrypted.
 */
public final class ArtifactHeader {
    /** The first eight bytes of every container. */
    public static final byte[] MAGIC = "MSWCRYPT".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;
    /** AES-256-GCM STREAM payload, HKDF-SHA-256 key derivation, HMAC-SHA-256 header MAC. */
    public static final int ALGORITHM_AES256_GCM_STREAM = 1;
    public static final int DEFAULT_CHUNK_SIZE = 1 << 20;
    public static final int MIN_CHUNK_SIZE = 16;
    public static final int MAX_CHUNK_SIZE = 64 << 20;
    public static final int SALT_LENGTH = 32;
    public static final int FILE_ID_LENGTH = 16;
    public static final int MAC_LENGTH = 32;
    /** Plaintext length field value when the length was not known while encrypting (a stream). */
    public static final long UNKNOWN_LENGTH = -1;
    static final int MAX_STANZAS = 64;
    static final int FIXED_LENGTH = 8 + 1 + 1 + 4 + 8 + SALT_LENGTH + FILE_ID_LENGTH + 2;

    private final int chunkSize;
    private final long plaintextLength;
    private final byte[] salt;
    private final byte[] fileId;
    private final List<Stanza> stanzas;
    private final byte[] encoded;

    private ArtifactHeader(int chunkSize, long plaintextLength, byte[] salt, byte[] fileId, List<Stanza> stanzas,
            byte[] encoded) {
        this.chunkSize = chunkSize;
        this.plaintextLength = plaintextLength;
        this.salt = salt;
        this.fileId = fileId;
        this.stanzas = List.copyOf(stanzas);
        this.encoded = encoded;
    }

    // ---- building ----

    /** Builds and MACs a header; used by encryption and by stanza rewriting. */
    static ArtifactHeader build(int chunkSize, long plaintextLength, byte[] salt, byte[] fileId, List<Stanza> stanzas,
            FileKey fileKey) {
        if (stanzas.isEmpty() || stanzas.size() > MAX_STANZAS) {
            throw new IllegalArgumentException("a file needs 1 to " + MAX_STANZAS + " key stanzas, not " + stanzas.size());
        }
        checkChunkSize(chunkSize);
        ByteBuffer fixed = ByteBuffer.allocate(FIXED_LENGTH);
        fixed.put(MAGIC).put((byte) FORMAT_VERSION).put((byte) ALGORITHM_AES256_GCM_STREAM).putInt(chunkSize)
                .putLong(plaintextLength).put(salt).put(fileId).putShort((short) stanzas.size());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(fixed.array());
        writeCrc(b, fixed.array(), 0, FIXED_LENGTH);
        for (Stanza s : stanzas) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            Stanza.writeTypeAndArgs(one, s.type(), s.args());
            byte[] body = s.body();
            one.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
            one.writeBytes(body);
            byte[] sb = one.toByteArray();
            b.writeBytes(sb);
            writeCrc(b, sb, 0, sb.length);
        }
        byte[] macKey = KeySchedule.headerMacKey(fileKey, salt);
        byte[] unmaced = b.toByteArray();
        byte[] mac = KeySchedule.hmac(macKey, unmaced, 0, unmaced.length);
        Arrays.fill(macKey, (byte) 0);
        b.writeBytes(mac);
        return new ArtifactHeader(chunkSize, plaintextLength, salt.clone(), fileId.clone(), stanzas, b.toByteArray());
    }

    /**
     * The same header with other stanzas and a new MAC; the salt, file id, chunk size and length stay, so the
     * payload bytes remain valid unchanged. {@code fileKey} must be this file's key (from {@link #unlock}).
     */
    public ArtifactHeader withStanzas(List<Stanza> newStanzas, FileKey fileKey) {
        return build(chunkSize, plaintextLength, salt, fileId, newStanzas, fileKey);
    }

    static void checkChunkSize(int chunkSize) {
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK_SIZE + " and "
                    + MAX_CHUNK_SIZE + " bytes, not " + chunkSize);
        }
    }

    private static void writeCrc(ByteArrayOutputStream b, byte[] data, int off, int len) {
        b.writeBytes(ByteBuffer.allocate(4).putInt(crc(data, off, len)).array());
    }

    private static int crc(byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        return (int) c.getValue();
    }

    // ---- reading ----

    /** True when the file starts with the container magic (cheap check for "is this encrypted?"). */
    public static boolean hasMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    public static ArtifactHeader read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads a header and leaves {@code in} positioned at the first payload byte. Checks structure and the
     * per-part checksums (which say where damage is); the MAC is checked by {@link #unlock}.
     *
     * @param name how to call the input in messages (usually its path)
     */
    public static ArtifactHeader read(InputStream in, String name) throws IOException {
        DataInputStream d = new DataInputStream(in);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] fixed = d.readNBytes(FIXED_LENGTH);
        if (fixed.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(fixed, MAGIC.length), MAGIC)) {
            throw new NotEncryptedException(name, "it does not start with the msw container signature 'MSWCRYPT'");
        }
        if (fixed.length < FIXED_LENGTH) {
            throw new TruncatedException(name, "the file ends inside its header");
        }
        raw.writeBytes(fixed);
        int storedCrc = readInt(d, name, "header");
        raw.writeBytes(ByteBuffer.allocate(4).putInt(storedCrc).array());
        ByteBuffer f = ByteBuffer.wrap(fixed, MAGIC.length, FIXED_LENGTH - MAGIC.length);
        int version = f.get() & 0xff;
        int algorithm = f.get() & 0xff;
        boolean crcOk = storedCrc == crc(fixed, 0, FIXED_LENGTH);
        if (version != FORMAT_VERSION || algorithm != ALGORITHM_AES256_GCM_STREAM) {
            throw new NotEncryptedException(name, crcOk
                    ? "it uses format version " + version + ", algorithm " + algorithm + ", which this msw does not know"
                    : "its header is damaged (version and algorithm bytes fail the checksum)");
        }
        if (!crcOk) {
            throw new HeaderTamperedException(name, "the fixed header fields fail their checksum");
        }
        int chunkSize = f.getInt();
        long plaintextLength = f.getLong();
        byte[] salt = new byte[SALT_LENGTH];
        f.get(salt);
        byte[] fileId = new byte[FILE_ID_LENGTH];
        f.get(fileId);
        int count = f.getShort() & 0xffff;
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE || count == 0 || count > MAX_STANZAS
                || plaintextLength < UNKNOWN_LENGTH) {
            throw new HeaderTamperedException(name, "its fields are out of range (chunk size " + chunkSize
                    + ", " + count + " stanzas)");
        }
        List<Stanza> stanzas = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            stanzas.add(readStanza(d, raw, name, i));
        }
        byte[] mac = d.readNBytes(MAC_LENGTH);
        if (mac.length < MAC_LENGTH) {
            throw new TruncatedException(name, "the file ends inside its header MAC");
        }
        raw.writeBytes(mac);
        return new ArtifactHeader(chunkSize, plaintextLength, salt, fileId, stanzas, raw.toByteArray());
    }

    private static Stanza readStanza(DataInputStream d, ByteArrayOutputStream raw, String name, int index)
            throws IOException {
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try {
            int typeLen = d.readUnsignedByte();
            one.write(typeLen);
            byte[] type = readExactly(d, typeLen, one);
            int argCount = d.readUnsignedByte();
            one.write(argCount);
            if (typeLen == 0 || typeLen > 64 || argCount > Stanza.MAX_ARGS) {
                throw new StanzaTamperedException(name, index, "its type or argument count is out of range");
            }
            List<String> args = new ArrayList<>();
            for (int a = 0; a < argCount; a++) {
                int len = d.readUnsignedShort();
                one.write(len >>> 8);
                one.write(len & 0xff);
                if (len > Stanza.MAX_ARG_BYTES) {
                    throw new StanzaTamperedException(name, index, "an argument is longer than the format allows");
                }
                args.add(new String(readExactly(d, len, one), StandardCharsets.UTF_8));
            }
            int bodyLen = d.readInt();
            one.writeBytes(ByteBuffer.allocate(4).putInt(bodyLen).array());
            if (bodyLen < 0 || bodyLen > Stanza.MAX_BODY) {
                throw new StanzaTamperedException(name, index, "its body length is out of range");
            }
            byte[] body = readExactly(d, bodyLen, one);
            int storedCrc = d.readInt();
            byte[] sb = one.toByteArray();
            if (storedCrc != crc(sb, 0, sb.length)) {
                throw new StanzaTamperedException(name, index, "its bytes fail their checksum");
            }
            raw.writeBytes(sb);
            raw.writeBytes(ByteBuffer.allocate(4).putInt(storedCrc).array());
            String typeName = new String(type, StandardCharsets.US_ASCII);
            try {
                return new Stanza(typeName, args, body);
            } catch (IllegalArgumentException e) {
                throw new StanzaTamperedException(name, index, e.getMessage());
            }
        } catch (EOFException e) {
            throw new TruncatedException(name, "the file ends inside key stanza " + index);
        }
    }

    private static byte[] readExactly(DataInputStream d, int len, ByteArrayOutputStream copy) throws IOException {
        byte[] b = new byte[len];
        d.readFully(b);
        copy.writeBytes(b);
        return b;
    }

    private static int readInt(DataInputStream d, String name, String where) throws IOException {
        try {
            return d.readInt();
        } catch (EOFException e) {
            throw new TruncatedException(name, "the file ends inside its " + where);
        }
    }

    // ---- unlocking ----

    /**
     * Finds the file key: offers each stanza to each identity, then verifies the header MAC with the key found.
     *
     * @throws WrongKeyException        no identity opens any stanza
     * @throws HeaderTamperedException  a stanza opened but the header MAC does not verify
     */
    public Unlocked unlock(List<? extends Identity> identities, String name) {
        for (Stanza s : stanzas) {
            for (Identity id : identities) {
                Optional<FileKey> key = id.unwrap(s, fileId.clone());
                if (key.isPresent()) {
                    verifyMac(key.get(), name);
                    return new Unlocked(key.get(), s);
                }
            }
        }
        StringBuilder why = new StringBuilder("it is encrypted for ").append(describeRecipients());
        why.append(", and ");
        if (identities.isEmpty()) {
            why.append("no key or passphrase was given");
        } else {
            List<String> tried = identities.stream().map(Identity::describe).toList();
            why.append(String.join(" and ", tried)).append(identities.size() == 1 ? " does" : " do").append(" not open it");
        }
        throw new WrongKeyException(name, why.toString());
    }

    /** The file key and the stanza that yielded it. Destroy the key when done. */
    public record Unlocked(FileKey fileKey, Stanza stanza) {
    }

    /** Checks the header MAC with a file key obtained elsewhere (e.g. from a Vault Transit decrypt). */
    public void verifyMac(FileKey fileKey, String name) {
        byte[] macKey = KeySchedule.headerMacKey(fileKey, salt);
        int macStart = encoded.length - MAC_LENGTH;
        byte[] expected = KeySchedule.hmac(macKey, encoded, 0, macStart);
        Arrays.fill(macKey, (byte) 0);
        if (!KeySchedule.constantTimeEquals(expected, Arrays.copyOfRange(encoded, macStart, encoded.length))) {
            throw new HeaderTamperedException(name, "the header MAC does not verify, so the header or its stanzas "
                    + "were changed after encryption");
        }
    }

    /** "key 'team' v2 (local) and a passphrase". */
    public String describeRecipients() {
        List<String> parts = new ArrayList<>();
        for (Stanza s : stanzas) {
            parts.add(StanzaDescriptions.describe(s));
        }
        return String.join(" and ", parts);
    }

    // ---- accessors ----

    public int formatVersion() {
        return FORMAT_VERSION;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** The plaintext length recorded when encrypting, or {@link #UNKNOWN_LENGTH} for streams. */
    public long plaintextLength() {
        return plaintextLength;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] fileId() {
        return fileId.clone();
    }

    public List<Stanza> stanzas() {
        return stanzas;
    }

    /** The header's bytes as stored, from the magic through the MAC; the payload starts right after. */
    public byte[] encoded() {
        return encoded.clone();
    }

    public int length() {
        return encoded.length;
    }

    /** The payload length a complete file has for this header, or -1 when the plaintext length is unknown. */
    public long expectedPayloadLength() {
        return plaintextLength == UNKNOWN_LENGTH ? -1 : payloadLengthFor(plaintextLength, chunkSize);
    }

    static long chunkCountFor(long plaintextLength, int chunkSize) {
        return plaintextLength == 0 ? 1 : (plaintextLength + chunkSize - 1) / chunkSize;
    }

    static long payloadLengthFor(long plaintextLength, int chunkSize) {
        return plaintextLength + chunkCountFor(plaintextLength, chunkSize) * KeySchedule.TAG_LENGTH;
    }

    /** Plaintext length implied by a payload length (for streams of unknown length), or -1 if impossible. */
    public long plaintextLengthForPayload(long payloadLength) {
        long full = chunkSize + KeySchedule.TAG_LENGTH;
        long chunks = Math.max(1, (payloadLength + full - 1) / full);
        long plain = payloadLength - chunks * KeySchedule.TAG_LENGTH;
        return plain < 0 ? -1 : plain;
    }
}
