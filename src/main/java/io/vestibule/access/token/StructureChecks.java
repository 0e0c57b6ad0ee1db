package io.vestibule.access.token;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import io.vestibule.platform.checks.Check;

/** The first checks: size before anything is parsed, then the compact serialization and the header's JSON. */
final class StructureChecks {
    /** Our headers ({@code alg, kid, typ}) take about 120 characters; a larger one is an attack or an error. */
    static final int MAX_HEADER_CHARS = 1024;
    /** No header or payload within the token size limit comes near this; it only bounds the parser. */
    private static final int MAX_JSON_CHARS = 65_536;

    private StructureChecks() {
    }

    /**
     * The JSON object in {@code json}, if it is one. Nimbus's parser alone is not enough: it reads {@code []} as an
     * empty object and {@code null} as no object at all.
     */
    static Optional<Map<String, Object>> jsonObject(String json) {
        if (!json.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSONObjectUtils.parse(json, MAX_JSON_CHARS));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code token_too_large}: longer than the token limit, or a header part longer than {@link #MAX_HEADER_CHARS}.
     * Counts characters, which equals bytes for the only characters later checks let through (base64url and dots).
     */
    static final class NotTooLarge implements Check<CandidateToken, TokenRejected> {
        private final int maxTokenChars;

        NotTooLarge(int maxTokenChars) {
            this.maxTokenChars = maxTokenChars;
        }

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            if (token.compact.length() > maxTokenChars) {
                throw new TokenRejected(TokenRejection.TOO_LARGE);
            }
            int firstDot = token.compact.indexOf('.');
            int headerChars = firstDot < 0 ? token.compact.length() : firstDot;
            if (headerChars > MAX_HEADER_CHARS) {
                throw new TokenRejected(TokenRejection.TOO_LARGE);
            }
        }
    }

    /**
     * {@code token_malformed}: not exactly three dot-separated base64url parts without padding (the last may be
     * empty, as in an unsigned token, which the algorithm check then names), or a header that is not a JSON object.
     */
    static final class CompactSerialization implements Check<CandidateToken, TokenRejected> {

        @Override
        public void check(CandidateToken token) throws TokenRejected {
            String[] parts = token.compact.split("\\.", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new TokenRejected(TokenRejection.MALFORMED);
            }
            for (String part : parts) {
                if (!isBase64Url(part)) {
                    throw new TokenRejected(TokenRejection.MALFORMED);
                }
            }
            token.parts = new Base64URL[] {new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2])};
            token.header = jsonObject(token.parts[0].decodeToString()).orElseThrow(() -> new TokenRejected(TokenRejection.MALFORMED));
        }

        /** The base64url alphabet, unpadded; a length of 1 modulo 4 cannot come from any byte string. */
        private static boolean isBase64Url(String part) {
            if (part.length() % 4 == 1) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!allowed) {
                    return false;
                }
            }
            return true;
        }
    }
}
