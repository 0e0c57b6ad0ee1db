package io.vestibule.identity.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Starts, resumes and ends portal sessions. A session token is 256 random bits, handed to the browser once in
 * a cookie; the store keeps only its SHA-256 hash. Every sign-in gets a new token, so a token planted before
 * sign-in is worthless afterwards (no session fixation).
 */
public class PortalSessions {
    private static final int TOKEN_BYTES = 32;

    private final SessionStore store;
    private final SessionPolicy policy;
    private final CryptoPolicy crypto;
    private final SecureRandom random;
    private final Clock clock;

    public PortalSessions(SessionStore store, SessionPolicy policy, CryptoPolicy crypto, SecureRandom random, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.crypto = crypto;
        this.random = random;
        this.clock = clock;
    }

    /** A started session and the token for the browser's cookie, which exists nowhere else. */
    public record Started(String token, PortalSession session) {
        @Override
        public String toString() {
            return "Started[" + session + "]";
        }
    }

    public Started start(UUID userId) {
        Instant now = clock.instant();
        removeExpired(now);
        store.ofUser(userId).stream()
                .sorted(Comparator.comparing(PortalSession::lastSeenAt).reversed())
                .skip(policy.perUserLimit() - 1L)
                .forEach(oldest -> store.remove(oldest.tokenHash()));
        String token = randomToken();
        PortalSession session = new PortalSession(hash(token), userId, randomToken(), now, now);
        store.put(session);
        return new Started(token, session);
    }

    /** The live session of a token, marked as seen now; empty for an unknown, idle or too old session. */
    public Optional<PortalSession> resume(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String tokenHash = hash(token);
        Optional<PortalSession> found = store.get(tokenHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (expired(found.get(), now)) {
            store.remove(tokenHash);
            return Optional.empty();
        }
        PortalSession touched = found.get().touched(now);
        store.put(touched);
        return Optional.of(touched);
    }

    public void end(String token) {
        if (token != null) {
            store.remove(hash(token));
        }
    }

    /** Compares in constant time, so response timing reveals nothing of the expected token. */
    public static boolean csrfTokenMatches(PortalSession session, String presented) {
        return presented != null && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean expired(PortalSession session, Instant now) {
        return session.lastSeenAt().plus(policy.idleTimeout()).isBefore(now)
                || session.createdAt().plus(policy.maximumLifetime()).isBefore(now);
    }

    private void removeExpired(Instant now) {
        store.all().stream().filter(session -> expired(session, now)).forEach(session -> store.remove(session.tokenHash()));
    }

    private String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String hash(String token) {
        return HexFormat.of().formatHex(crypto.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
