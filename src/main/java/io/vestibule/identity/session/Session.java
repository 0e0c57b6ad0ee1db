package io.vestibule.identity.session;

import java.time.Instant;

/**
 * A signed-in browser. It is found by the hash of its token, so the store never holds a usable token.
 *
 * @param owner whose session it is, for the per-user limit (an account id, or a directory identity)
 * @param principal what the service needs to know about the owner on each request
 * @param csrfToken the value state-changing requests must echo in {@code X-CSRF-Token}
 */
public record Session<P>(String tokenHash, String owner, P principal, String csrfToken, Instant createdAt, Instant lastSeenAt) {
    Session<P> touched(Instant now) {
        return new Session<>(tokenHash, owner, principal, csrfToken, createdAt, now);
    }

    @Override
    public String toString() {
        return "Session[owner=" + owner + ", created=" + createdAt + "]";
    }
}
