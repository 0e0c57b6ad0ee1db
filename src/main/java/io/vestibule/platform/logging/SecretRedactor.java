package io.vestibule.platform.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that removes secrets from text bound for a log (R-RUN-5). Types that hold secrets already redact
 * their own {@code toString}; this catches what slips past that: JSON or form fields named like secrets,
 * bearer and JOSE tokens, the session cookie, calendar feed addresses (their path is the capability), and PEM private
 * keys.
 */
public final class SecretRedactor {
    static final String REDACTED = "[redacted]";

    private static final String SECRET_NAMES =
            "password|passwd|passphrase|secret|pin|hostPin|guestPin|token|csrfToken|accessToken|refreshToken|idToken|apiKey|privateKey";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // "password": "…"  and  'pin':'…'
            new Rule(Pattern.compile("([\"']?(?i:" + SECRET_NAMES + ")[\"']?\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')"),
                    "$1\"" + REDACTED + "\""),
            // password=…  token=…  keystorePass = …  (form, query or key=value text)
            new Rule(Pattern.compile("(\\b(?i:" + SECRET_NAMES + ")=)[^&\\s,;\"']+"), "$1" + REDACTED),
            new Rule(Pattern.compile("(\\b\\w*(?i:pass|passwd|password|passphrase|secret|token)\\s*=\\s*)[^&\\s,;\"']+"), "$1" + REDACTED),
            new Rule(Pattern.compile("(?i)(\\bBearer\\s+)[A-Za-z0-9._~+/=-]+"), "$1" + REDACTED),
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), REDACTED),
            // https://host/api/v1/calendar/feed/<token>.ics and its webcal:// twin
            new Rule(Pattern.compile("(/calendar/feed/)[A-Za-z0-9_-]+"), "$1" + REDACTED),
            new Rule(Pattern.compile("(__Host-vestibule-[a-z]+=)[^;\\s]+"), "$1" + REDACTED),
            new Rule(Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?-----END \\1PRIVATE KEY-----"), "[redacted private key]"));

    private SecretRedactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(rule.replacement());
            }
        }
        return result;
    }
}
