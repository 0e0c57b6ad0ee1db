package io.vestibule.calendar.feed;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The secret of a calendar subscription, the capability in the feed's address: 256 bits from a SecureRandom,
 * base64url without padding (43 characters). Only its SHA-256 ({@link #hash}) is stored: whoever reads the database
 * learns no address that works.
 */
public final class FeedToken {
    static final int BYTES = 32;
    static final int LENGTH = 43;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final String value;

    private FeedToken(String value) {
        this.value = value;
    }

    public static FeedToken issue(SecureRandom random) {
        byte[] bits = new byte[BYTES];
        random.nextBytes(bits);
        return new FeedToken(ENCODER.encodeToString(bits));
    }

    /**
     * The token in presented text, if it has the form of one: 43 base64url characters that encode 32 bytes exactly
     * (the last character's two spare bits zero), so that no two spellings name one token.
     */
    public static Optional<FeedToken> parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        byte[] bits = Base64.getUrlDecoder().decode(text);
        return ENCODER.encodeToString(bits).equals(text) ? Optional.of(new FeedToken(text)) : Optional.empty();
    }

    /** The token as it goes into the feed's address; shown to its owner once. */
    public String value() {
        return value;
    }

    /** What is stored and looked up: the hexadecimal SHA-256 of the token's text. */
    public String hash(CryptoPolicy policy) {
        return HexFormat.of().formatHex(policy.digest(value.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "FeedToken[redacted]";
    }
}
