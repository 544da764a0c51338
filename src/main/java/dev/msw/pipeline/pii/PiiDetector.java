package dev.msw.pipeline.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * Finds personal data and secrets in text. Patterns only propose candidates; each is then validated the way
 * the data itself is defined: e-mail syntax (Commons Validator), phone numbers (libphonenumber, valid numbers
 * only), card numbers (Luhn and issuer prefix), IBAN (ISO 7064 mod 97 and country length), US SSN (invalid
 * areas, groups and serials rejected), IP addresses, cloud access keys, private-key blocks and JWTs (which
 * must decode to a JSON header naming an algorithm). Overlapping finds keep the higher score. Thread-safe.
 */
public final class PiiDetector {
    public static final Set<String> ENTITIES =
            Set.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET");

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})-(\\d{2})-(\\d{4})(?![\\d-])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.])");
    private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])");
    private static final Pattern AWS_KEY = Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}\\b");
    private static final Pattern GOOGLE_KEY = Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b");
    private static final Pattern GITHUB_TOKEN = Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36}\\b");
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** All validated finds of the requested entities, sorted by position, without overlaps. */
    public List<PiiMatch> detect(String text, Set<String> entities, String phoneRegion) {
        List<PiiMatch> all = new ArrayList<>();
        // cheap preconditions first: most outputs are short labels with nothing to find
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        boolean colon = text.indexOf(':') >= 0;
        if (digits < 4 && !colon && text.indexOf('@') < 0 && text.indexOf('-') < 0 && text.length() < 16) {
            return all;
        }
        if (entities.contains("SECRET")) {
            secrets(text, all);
        }
        if (entities.contains("EMAIL")) {
            find(EMAIL, text, m -> EmailValidator.getInstance().isValid(m.group()) ? 0.95 : 0, "EMAIL", all);
        }
        if (entities.contains("IBAN")) {
            find(IBAN, text, m -> IBANValidator.getInstance().isValid(m.group().replace(" ", "")) ? 0.95 : 0, "IBAN", all);
        }
        if (entities.contains("CREDIT_CARD")) {
            find(CARD, text, m -> cardScore(m.group().replaceAll("[ -]", "")), "CREDIT_CARD", all);
        }
        if (entities.contains("US_SSN")) {
            find(SSN, text, m -> ssnValid(m.group(1), m.group(2), m.group(3)) ? 0.85 : 0, "US_SSN", all);
        }
        if (entities.contains("IP_ADDRESS")) {
            find(IPV4, text, m -> InetAddressValidator.getInstance().isValidInet4Address(m.group()) ? 0.8 : 0, "IP_ADDRESS", all);
            find(IPV6, text, m -> m.group().length() >= 3 && InetAddressValidator.getInstance().isValidInet6Address(m.group())
                    ? 0.8 : 0, "IP_ADDRESS", all);
        }
        if (entities.contains("PHONE") && digits >= 5) {
            for (PhoneNumberMatch m : phones.findNumbers(text, phoneRegion, PhoneNumberUtil.Leniency.VALID, 10_000)) {
                all.add(new PiiMatch("PHONE", m.start(), m.end(), m.rawString().startsWith("+") ? 0.9 : 0.75));
            }
        }
        return withoutOverlaps(all);
    }

    private interface Scorer {
        double score(Matcher m);
    }

    private static void find(Pattern p, String text, Scorer scorer, String entity, List<PiiMatch> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            double score = scorer.score(m);
            if (score > 0) {
                out.add(new PiiMatch(entity, m.start(), m.end(), score));
            }
        }
    }

    private static void secrets(String text, List<PiiMatch> out) {
        find(PRIVATE_KEY, text, m -> 0.99, "SECRET", out);
        find(AWS_KEY, text, m -> 0.9, "SECRET", out);
        find(GOOGLE_KEY, text, m -> 0.9, "SECRET", out);
        find(GITHUB_TOKEN, text, m -> 0.9, "SECRET", out);
        find(JWT, text, m -> jwtDecodes(m.group()) ? 0.95 : 0, "SECRET", out);
    }

    /** A JWT counts only when its header and payload are base64url JSON objects and the header names "alg". */
    static boolean jwtDecodes(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return false;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return header != null && header.isObject() && header.hasNonNull("alg") && payload != null && payload.isObject();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Luhn is required; a known issuer prefix and length raise the score. */
    static double cardScore(String digits) {
        if (digits.length() < 13 || digits.length() > 19 || !luhn(digits) || digits.chars().distinct().count() < 2) {
            return 0;
        }
        boolean knownIssuer = digits.matches("4\\d{12}(\\d{3}){0,2}|5[1-5]\\d{14}|2(2[2-9]|[3-6]\\d|7[01])\\d{13}"
                + "|3[47]\\d{13}|6(011|5\\d\\d)\\d{12,15}|3(0[0-5]|[68]\\d)\\d{11,16}|35(2[89]|[3-8]\\d)\\d{12,15}");
        return knownIssuer ? 0.95 : 0.6;
    }

    /** Area 000, 666 and 900–999, group 00 and serial 0000 are never issued (SSA). */
    static boolean ssnValid(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900 && !"00".equals(group) && !"0000".equals(serial);
    }

    private static List<PiiMatch> withoutOverlaps(List<PiiMatch> all) {
        List<PiiMatch> byScore = new ArrayList<>(all);
        byScore.sort(Comparator.comparingDouble(PiiMatch::score).reversed()
                .thenComparing(m -> -(m.end() - m.start())).thenComparingInt(PiiMatch::start));
        List<PiiMatch> kept = new ArrayList<>();
        for (PiiMatch m : byScore) {
            boolean overlaps = kept.stream().anyMatch(k -> m.start() < k.end() && k.start() < m.end());
            if (!overlaps) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(PiiMatch::start));
        return kept;
    }
}
