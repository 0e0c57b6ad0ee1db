package io.vestibule.calendar.integration;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An integration's shared secret: 256 random bits written as 43 base64url characters. The HMAC key is that text's
 * bytes, as calendar systems and {@code openssl dgst -hmac} take a webhook secret, so nobody has to decode it first.
 */
public final class IntegrationSecret {
    public static final int RANDOM_BYTES = 32;

    private final String text;

    private IntegrationSecret(String text) {
        this.text = text;
    }

    public static IntegrationSecret generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new IntegrationSecret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    static IntegrationSecret of(byte[] text) {
        return new IntegrationSecret(new String(text, StandardCharsets.US_ASCII));
    }

    /** The secret as the administrator copies it, shown once. */
    public String text() {
        return text;
    }

    byte[] macKey() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "IntegrationSecret[redacted]";
    }
}
