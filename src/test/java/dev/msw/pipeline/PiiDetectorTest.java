package dev.msw.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msw.pipeline.pii.PiiDetector;
import dev.msw.pipeline.pii.PiiMasker;
import dev.msw.pipeline.pii.PiiMatch;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
    private final PiiDetector detector = new PiiDetector();

    private List<String> entities(String text) {
        return detector.detect(text, PiiDetector.ENTITIES, "US").stream().map(PiiMatch::entity).toList();
    }

    @Test
    void emailsAndPhonesAreFoundWithSpans() {
        String t = "Write to billing@example.com or call +44 20 7946 0958 today.";
        List<PiiMatch> m = detector.detect(t, PiiDetector.ENTITIES, "US");
        assertEquals(List.of("EMAIL", "PHONE"), m.stream().map(PiiMatch::entity).toList());
        assertEquals("billing@example.com", t.substring(m.get(0).start(), m.get(0).end()));
        assertEquals("+44 20 7946 0958", t.substring(m.get(1).start(), m.get(1).end()));
        assertTrue(m.get(0).score() > 0.9);
        assertEquals(List.of("PHONE"), entities("call (650) 253-0000 now"));
        assertEquals(List.of(), entities("call 123-4567 now"), "not a valid number");
        assertEquals(List.of(), entities("user@@example"), "not an e-mail");
    }

    @Test
    void cardsNeedLuhn() {
        assertEquals(List.of("CREDIT_CARD"), entities("card 4111 1111 1111 1111 exp"));
        assertEquals(List.of(), entities("card 4111 1111 1111 1112 exp"));
    }

    @Test
    void ibanNeedsMod97() {
        assertEquals(List.of("IBAN"), entities("pay to DE89 3704 0044 0532 0130 00 please"));
        assertEquals(List.of(), entities("pay to DE89 3704 0044 0532 0130 01 please"));
    }

    @Test
    void ssnInvalidRangesAreRejected() {
        assertEquals(List.of("US_SSN"), entities("ssn 123-45-6789"));
        assertEquals(List.of(), entities("ssn 000-45-6789"));
        assertEquals(List.of(), entities("ssn 666-45-6789"));
        assertEquals(List.of(), entities("ssn 912-45-6789"));
        assertEquals(List.of(), entities("ssn 123-00-6789"));
        assertEquals(List.of(), entities("ssn 123-45-0000"));
    }

    @Test
    void ipAddresses() {
        assertEquals(List.of("IP_ADDRESS"), entities("host 192.168.10.25 answered"));
        assertEquals(List.of(), entities("version 300.1.2.3 shipped"));
        assertEquals(List.of("IP_ADDRESS"), entities("host 2001:db8::8a2e:370:7334 answered"));
    }

    @Test
    void secrets() {
        assertEquals(List.of("SECRET"), entities("key AKIAIOSFODNN7EXAMPLE here"));
        assertEquals(List.of("SECRET"), entities("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"));
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = b64("{\"sub\":\"1234567890\"}");
        assertEquals(List.of("SECRET"), entities("token " + header + "." + payload + ".c2lnbmF0dXJl"));
        assertEquals(List.of(), entities("token eyJub3Rqc29u.eyJhbHNvbm90.x"), "must decode to JSON with alg");
    }

    @Test
    void maskingModes() {
        assertEquals("<EMAIL>", PiiMasker.mask("EMAIL", "ann@example.com", "replace"));
        assertEquals("a**@example.com", PiiMasker.mask("EMAIL", "ann@example.com", "mask"));
        assertEquals("**** **** **** 1111", PiiMasker.mask("CREDIT_CARD", "4111 1111 1111 1111", "mask"));
        assertEquals("[REDACTED]", PiiMasker.mask("PHONE", "+44 20 7946 0958", "redact"));
        String h = PiiMasker.mask("EMAIL", "ann@example.com", "hash");
        assertTrue(h.matches("<EMAIL:[0-9a-f]{12}>"), h);
        assertEquals(h, PiiMasker.mask("EMAIL", "ann@example.com", "hash"), "stable pseudonym");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
