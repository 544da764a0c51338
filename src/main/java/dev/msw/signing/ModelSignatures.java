package dev.msw.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msw.core.CancellationToken;
import dev.msw.core.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Signs and verifies models as OpenSSF model-signing 1.x does (the "files" serialization, SHA-256, key or
 * certificate method), so that bundles written here verify with {@code model_signing verify} and the other way
 * round. Only ECDSA keys on P-256, P-384 and P-521 are accepted, each with its matching SHA-2 size.
 */
public final class ModelSignatures {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://model_signing/signature/v1.0";

    private static final HexFormat HEX = HexFormat.of();

    private ModelSignatures() {
    }

    /** What to sign and how. {@code certificates} is empty for the key method, else leaf first. */
    public record SignRequest(Path model, Path signatureFile, KeyPair key, List<X509Certificate> certificates,
            Set<String> ignorePaths, boolean allowSymlinks) {
    }

    /** The model's files as signed and the bundle bytes to write. */
    public record SignedModel(ModelFiles files, byte[] bundleJson) {
    }

    public static SignedModel sign(SignRequest r, ProgressListener progress, CancellationToken cancel) {
        String curveHash = curveHash(r.key().getPublic(), r.model());
        if (!r.certificates().isEmpty() && !r.certificates().get(0).getPublicKey().equals(r.key().getPublic())) {
            throw new SigningException("The signing certificate " + CertificateChains.subject(r.certificates().get(0))
                    + " does not belong to the private key", "its public key differs from the private key's public half",
                    "give the certificate issued for this key (the leaf certificate)");
        }
        Set<String> ignore = new LinkedHashSet<>(r.ignorePaths());
        String sigInside = ModelFiles.insideModel(r.model(), r.signatureFile());
        if (sigInside != null) {
            ignore.add(sigInside);
        }
        ModelFiles files = ModelFiles.scan(r.model(), ignore, r.allowSymlinks(), cancel);
        Map<String, byte[]> digests = FileDigests.sha256All(r.model(), files.files(), progress, cancel);
        byte[] payload = OmsBundle.statementJson(statement(files, digests, r.allowSymlinks()));
        byte[] sig;
        try {
            Signature s = Signature.getInstance(curveHash + "withECDSA");
            s.initSign(r.key().getPrivate());
            s.update(OmsBundle.pae(payload));
            sig = s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot sign the model " + r.model(), e.getMessage(),
                    "use an ECDSA P-256, P-384 or P-521 private key", e);
        }
        List<byte[]> certs = new ArrayList<>();
        for (X509Certificate c : r.certificates()) {
            try {
                certs.add(c.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new SignedModel(files, new OmsBundle(payload, sig, certs.isEmpty() ? keyHint(r.key().getPublic()) : null,
                certs).toJson());
    }

    static ObjectNode statement(ModelFiles files, Map<String, byte[]> digests, boolean allowSymlinks) {
        ObjectNode st = OmsBundle.JSON.createObjectNode();
        st.put("_type", STATEMENT_TYPE);
        MessageDigest root = FileDigests.sha("SHA-256");
        ArrayNode resources = OmsBundle.JSON.createArrayNode();
        for (String name : files.files()) {
            byte[] d = digests.get(name);
            root.update(d);
            resources.addObject().put("name", name).put("algorithm", "sha256").put("digest", HEX.formatHex(d));
        }
        ObjectNode subject = st.putArray("subject").addObject();
        subject.put("name", files.modelName());
        subject.putObject("digest").put("sha256", HEX.formatHex(root.digest()));
        st.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = st.putObject("predicate");
        ObjectNode ser = predicate.putObject("serialization");
        ser.put("method", "files");
        ser.put("hash_type", "sha256");
        ser.put("allow_symlinks", allowSymlinks);
        if (!files.ignorePaths().isEmpty()) {
            ArrayNode ip = ser.putArray("ignore_paths");
            files.ignorePaths().forEach(ip::add);
        }
        predicate.set("resources", resources);
        return st;
    }

    /** model_signing's key hint: hex SHA-256 of the public key's PEM text. */
    public static String keyHint(PublicKey key) {
        return HEX.formatHex(FileDigests.sha("SHA-256").digest(
                PemKeys.publicKeyPem(key).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** "SHA256", "SHA384" or "SHA512" for P-256, P-384, P-521; refuses other keys. */
    static String curveHash(PublicKey key, Path subject) {
        KeyType t = KeyFingerprint.typeOf(key);
        if (t == null || !t.supportsModelSigning()) {
            throw new SigningException("Cannot use a " + KeyFingerprint.describe(key) + " key for the model signature of "
                    + subject, "OpenSSF model signing accepts only ECDSA keys on P-256, P-384 or P-521",
                    "create one with 'msw keygen --type ec-p256', or use --format openssl for a single file");
        }
        return switch (t) {
            case EC_P256 -> "SHA256";
            case EC_P384 -> "SHA384";
            default -> "SHA512";
        };
    }

    /** What to verify against what. Give {@code publicKey}, or {@code trustAnchors} for certificate bundles. */
    public record VerifyRequest(Path model, Path signatureFile, PublicKey publicKey, List<X509Certificate> trustAnchors,
            Set<String> ignorePaths, boolean ignoreUnsignedFiles, boolean allowSymlinks) {
    }

    public static VerificationReport verify(VerifyRequest r, ProgressListener progress, CancellationToken cancel) {
        byte[] json;
        try {
            json = Files.readAllBytes(r.signatureFile());
        } catch (IOException e) {
            throw new SigningException("Cannot read the signature " + r.signatureFile(), e.getMessage(),
                    "check the path given with --signature", e);
        }
        OmsBundle bundle = OmsBundle.parse(json, r.signatureFile().toString());
        PublicKey key;
        String subject = null;
        if (!bundle.certificates().isEmpty()) {
            List<X509Certificate> chain = bundle.certificates().stream().map(CertificateChains::parse).toList();
            if (r.trustAnchors() != null && !r.trustAnchors().isEmpty()) {
                key = CertificateChains.validate(chain, r.trustAnchors()).getPublicKey();
            } else if (r.publicKey() != null) {
                key = chain.get(0).getPublicKey();
                if (!key.equals(r.publicKey())) {
                    return failed(r, "The model was signed by the certificate " + CertificateChains.subject(chain.get(0))
                            + ", whose key is not the public key given", key, CertificateChains.subject(chain.get(0)));
                }
            } else {
                throw new SigningException("The signature " + r.signatureFile() + " was made with a certificate",
                        "checking it needs the certificate authority to trust",
                        "pass the CA certificate with --certificate-chain (or the signer's public key with --pubkey)");
            }
            subject = CertificateChains.subject(chain.get(0));
        } else {
            if (r.publicKey() == null) {
                throw new SigningException("Cannot verify " + r.model() + " without a public key",
                        "the signature was made with a plain key pair", "pass the signer's public key with --pubkey");
            }
            key = r.publicKey();
            if (bundle.keyHint() != null && !bundle.keyHint().equals(keyHint(key))) {
                return failed(r, "The model was signed with a different key than " + KeyFingerprint.of(key), key, null);
            }
        }
        String hash = curveHash(key, r.model());
        boolean valid;
        try {
            Signature s = Signature.getInstance(hash + "withECDSA");
            s.initVerify(key);
            s.update(OmsBundle.pae(bundle.payload()));
            valid = s.verify(bundle.signature());
        } catch (SignatureException e) {
            valid = false;
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot verify with the public key", e.getMessage(),
                    "use the ECDSA public key that belongs to the signing key", e);
        }
        if (!valid) {
            return failed(r, "The signature does not match its content: the signature file was altered or made with another key",
                    key, subject);
        }
        return compare(r, ParsedStatement.parse(bundle.payload(), r.signatureFile()), key, subject, progress, cancel);
    }

    private static VerificationReport compare(VerifyRequest r, ParsedStatement st, PublicKey key, String subject,
            ProgressListener progress, CancellationToken cancel) {
        Set<String> ignore = new LinkedHashSet<>(st.ignorePaths());
        ignore.addAll(r.ignorePaths());
        String sigInside = ModelFiles.insideModel(r.model(), r.signatureFile());
        if (sigInside != null) {
            ignore.add(sigInside);
        }
        ModelFiles files = ModelFiles.scan(r.model(), ignore, r.allowSymlinks() || st.allowSymlinks(), cancel);
        Set<String> present = new LinkedHashSet<>(files.files());
        List<String> toHash = new ArrayList<>();
        for (String name : files.files()) {
            if (st.resources().containsKey(name) || !r.ignoreUnsignedFiles()) {
                toHash.add(name);
            }
        }
        Map<String, byte[]> actual = FileDigests.sha256All(r.model(), toHash, progress, cancel);
        List<FileCheck> checks = new ArrayList<>();
        for (Map.Entry<String, String> e : st.resources().entrySet()) {
            String name = e.getKey();
            if (!present.contains(name)) {
                checks.add(new FileCheck(name, FileStatus.MISSING, e.getValue(), null));
            } else {
                String a = HEX.formatHex(actual.get(name));
                checks.add(new FileCheck(name, a.equals(e.getValue()) ? FileStatus.OK : FileStatus.CHANGED, e.getValue(), a));
            }
        }
        for (String name : files.files()) {
            if (!st.resources().containsKey(name)) {
                byte[] d = actual.get(name);
                checks.add(new FileCheck(name, r.ignoreUnsignedFiles() ? FileStatus.UNSIGNED : FileStatus.EXTRA, null,
                        d == null ? null : HEX.formatHex(d)));
            }
        }
        boolean ok = checks.stream().noneMatch(c -> c.status().fails());
        long bad = checks.stream().filter(c -> c.status().fails()).count();
        String summary = ok
                ? "Verified: all " + st.resources().size() + " signed files match the signature"
                : "Verification failed: " + bad + " of " + checks.size() + " files differ from the signature";
        return new VerificationReport(r.model().toString(), r.signatureFile().toString(), "oms", ok, true, summary,
                algorithm(key), KeyFingerprint.of(key), KeyFingerprint.describe(key), subject, st.modelName(), checks);
    }

    private static VerificationReport failed(VerifyRequest r, String summary, PublicKey key, String subject) {
        return new VerificationReport(r.model().toString(), r.signatureFile().toString(), "oms", false, false,
                "Verification failed: " + summary, algorithm(key), KeyFingerprint.of(key), KeyFingerprint.describe(key),
                subject, null, List.of());
    }

    static String algorithm(PublicKey key) {
        KeyType t = KeyFingerprint.typeOf(key);
        String hash = t == KeyType.EC_P384 ? "SHA-384" : t == KeyType.EC_P521 ? "SHA-512" : "SHA-256";
        return KeyFingerprint.describe(key) + " with " + hash + " over DSSE (in-toto, files: SHA-256)";
    }

    /** The parts of the in-toto statement verification needs, checked for consistency. */
    record ParsedStatement(String modelName, Map<String, String> resources, List<String> ignorePaths,
            boolean allowSymlinks) {

        static ParsedStatement parse(byte[] payload, Path source) {
            JsonNode st;
            try {
                st = OmsBundle.JSON.readTree(payload);
            } catch (IOException e) {
                throw bad(source, "its signed payload is not JSON");
            }
            if (!STATEMENT_TYPE.equals(st.path("_type").asText())) {
                throw bad(source, "its payload is not an in-toto Statement v1");
            }
            if (!PREDICATE_TYPE.equals(st.path("predicateType").asText())) {
                throw bad(source, "its predicate type is '" + st.path("predicateType").asText() + "', expected " + PREDICATE_TYPE);
            }
            JsonNode subjects = st.path("subject");
            if (!subjects.isArray() || subjects.size() != 1) {
                throw bad(source, "it must name exactly one subject");
            }
            JsonNode ser = st.path("predicate").path("serialization");
            if (!"files".equals(ser.path("method").asText()) || !"sha256".equals(ser.path("hash_type").asText())) {
                throw bad(source, "it uses the '" + ser.path("method").asText() + "' serialization with '"
                        + ser.path("hash_type").asText() + "' hashes; only 'files' with sha256 is supported");
            }
            Map<String, String> resources = new LinkedHashMap<>();
            MessageDigest root = FileDigests.sha("SHA-256");
            for (JsonNode res : st.path("predicate").path("resources")) {
                if (!"sha256".equals(res.path("algorithm").asText())) {
                    throw bad(source, "resource " + res.path("name").asText() + " uses " + res.path("algorithm").asText());
                }
                String digest = res.path("digest").asText().toLowerCase(java.util.Locale.ROOT);
                try {
                    root.update(HEX.parseHex(digest));
                } catch (IllegalArgumentException e) {
                    throw bad(source, "resource " + res.path("name").asText() + " has a malformed digest");
                }
                resources.put(res.path("name").asText(), digest);
            }
            String expected = subjects.get(0).path("digest").path("sha256").asText();
            if (!HEX.formatHex(root.digest()).equalsIgnoreCase(expected)) {
                throw bad(source, "its subject digest does not match its list of files (inconsistent manifest)");
            }
            List<String> ignore = new ArrayList<>();
            for (JsonNode i : ser.path("ignore_paths")) {
                ignore.add(ModelFiles.normalize(i.asText()));
            }
            return new ParsedStatement(subjects.get(0).path("name").asText(), resources, ignore,
                    ser.path("allow_symlinks").asBoolean(false));
        }

        private static SigningException bad(Path source, String why) {
            return new SigningException("The signature " + source + " is not a model signature this version understands",
                    why, "ask the signer to sign with model_signing 1.x or msw");
        }
    }

}
