package io.vestibule.identity.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A signed-in browser. It is found by the hash of its token, so the store never holds a usable token.
 *
 * @param csrfToken the value state-changing requests must echo in {@code X-CSRF-Token}
 */
public record PortalSession(String tokenHash, UUID userId, String csrfToken, Instant createdAt, Instant lastSeenAt) {
    PortalSession touched(Instant now) {
        return new PortalSession(tokenHash, userId, csrfToken, createdAt, now);
    }

    @Override
    public String toString() {
        return "PortalSession[user=" + userId + ", created=" + createdAt + "]";
    }
}
