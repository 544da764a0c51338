package dev.msw.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The OpenSSF model-signing signature file: a Sigstore bundle v0.3 (JSON) whose DSSE envelope carries an
 * in-toto Statement v1 listing every file's SHA-256. Writes only the fields the Python {@code model_signing}
 * parser knows (it rejects unknown ones) and reads what it writes.
 *
 * @param payload       the in-toto statement (JSON bytes) that was signed
 * @param signature     ECDSA signature (DER) over DSSE's pre-authentication encoding of the payload
 * @param keyHint       hex SHA-256 of the signer's public key PEM, or null (certificate method)
 * @param certificates  DER certificates, leaf first (certificate method), or empty
 */
public record OmsBundle(byte[] payload, byte[] signature, String keyHint, List<byte[]> certificates) {
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    static final ObjectMapper JSON = new ObjectMapper();

    /** DSSE v1 pre-authentication encoding: "DSSEv1 len(type) type len(body) body". */
    public static byte[] pae(byte[] payload) {
        byte[] head = ("DSSEv1 " + PAYLOAD_TYPE.length() + " " + PAYLOAD_TYPE + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /** The bundle as compact JSON, field order as model_signing writes it. */
    public byte[] toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode root = JSON.createObjectNode();
        root.put("mediaType", MEDIA_TYPE);
        ObjectNode vm = root.putObject("verificationMaterial");
        if (!certificates.isEmpty()) {
            ArrayNode certs = vm.putObject("x509CertificateChain").putArray("certificates");
            for (byte[] c : certificates) {
                certs.addObject().put("rawBytes", b64.encodeToString(c));
            }
        } else {
            vm.putObject("publicKey").put("hint", keyHint);
        }
        vm.putArray("tlogEntries");
        ObjectNode env = root.putObject("dsseEnvelope");
        env.put("payload", b64.encodeToString(payload));
        env.put("payloadType", PAYLOAD_TYPE);
        ObjectNode sig = env.putArray("signatures").addObject();
        sig.put("sig", b64.encodeToString(signature));
        sig.put("keyid", "");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a bundle; a message naming the signature file when it is not one. */
    public static OmsBundle parse(byte[] json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw bad(source, "it is not a JSON object");
            }
            String media = root.path("mediaType").asText("");
            if (!MEDIA_TYPE.equals(media)) {
                throw bad(source, "its mediaType is '" + media + "', expected " + MEDIA_TYPE);
            }
            JsonNode env = root.path("dsseEnvelope");
            if (!env.isObject()) {
                throw bad(source, "it has no dsseEnvelope (a Sigstore message-signature bundle is not supported)");
            }
            String type = env.path("payloadType").asText("");
            if (!PAYLOAD_TYPE.equals(type)) {
                throw bad(source, "its DSSE payloadType is '" + type + "', expected " + PAYLOAD_TYPE);
            }
            JsonNode sigs = env.path("signatures");
            if (!sigs.isArray() || sigs.isEmpty()) {
                throw bad(source, "its DSSE envelope holds no signature");
            }
            Base64.Decoder dec = Base64.getDecoder();
            byte[] payload = dec.decode(env.path("payload").asText(""));
            byte[] sig = dec.decode(sigs.get(0).path("sig").asText(""));
            JsonNode vm = root.path("verificationMaterial");
            String hint = vm.path("publicKey").path("hint").isTextual() ? vm.path("publicKey").path("hint").asText() : null;
            List<byte[]> certs = new ArrayList<>();
            for (JsonNode c : vm.path("x509CertificateChain").path("certificates")) {
                certs.add(dec.decode(c.path("rawBytes").asText("")));
            }
            return new OmsBundle(payload, sig, hint, certs);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(source, "it is not valid JSON with base64 fields (" + e.getMessage() + ")");
        }
    }

    /** Pretty JSON text of the statement, for the payload. */
    static byte[] statementJson(ObjectNode statement) {
        try {
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(statement);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SigningException bad(String source, String why) {
        return new SigningException("Cannot read the signature " + source + " as an OpenSSF model-signing bundle", why,
                "give the .sig file written by 'msw sign' or 'model_signing sign' (or use --format openssl for a raw signature)");
    }
}
