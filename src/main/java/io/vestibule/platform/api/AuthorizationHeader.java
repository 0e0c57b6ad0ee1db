package io.vestibule.platform.api;

import java.util.Locale;
import java.util.Optional;

/** Reads {@code Authorization: Bearer <token>} (RFC 6750 §2.1), for join tokens and the provider's access tokens alike. */
public final class AuthorizationHeader {
    private static final String BEARER = "bearer ";

    private AuthorizationHeader() {
    }

    /** The text after the {@code Bearer} scheme (any case), stripped and possibly empty; nothing for another scheme or no header. */
    public static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }
}
