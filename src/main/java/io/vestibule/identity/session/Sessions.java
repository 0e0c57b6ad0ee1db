package io.vestibule.identity.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Starts, resumes and ends sessions. A session token is 256 random bits, handed to the browser once in a cookie;
 * the store keeps only its SHA-256 hash. Every sign-in gets a new token, so a token planted before sign-in is
 * worthless afterwards (no session fixation).
 *
 * <p>The policy is read at each use, so a changed idle timeout applies to live sessions at once.
 */
public class Sessions<P> {
    private static final int TOKEN_BYTES = 32;

    private final SessionStore<P> store;
    private final Supplier<SessionPolicy> policy;
    private final CryptoPolicy crypto;
    private final SecureRandom random;
    private final Clock clock;

    public Sessions(SessionStore<P> store, Supplier<SessionPolicy> policy, CryptoPolicy crypto, SecureRandom random, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.crypto = crypto;
        this.random = random;
        this.clock = clock;
    }

    /** A started session and the token for the browser's cookie, which exists nowhere else. */
    public record Started<P>(String token, Session<P> session) {
        @Override
        public String toString() {
            return "Started[" + session + "]";
        }
    }

    /** Synchronized so that concurrent sign-ins cannot together exceed a limit (one instance's store). */
    public synchronized Started<P> start(String owner, P principal) throws SessionLimitReached {
        Instant now = clock.instant();
        SessionPolicy limits = policy.get();
        removeExpired(now, limits);
        List<Session<P>> owners = store.ofOwner(owner).stream()
                .sorted(Comparator.comparing(Session<P>::lastSeenAt))
                .toList();
        if (owners.size() >= limits.perUserLimit()) {
            if (limits.whenFull() == SessionPolicy.WhenFull.REFUSE) {
                throw new SessionLimitReached(SessionLimitReached.Scope.OWNER, limits.perUserLimit());
            }
            owners.subList(0, owners.size() - limits.perUserLimit() + 1).forEach(oldest -> store.remove(oldest.tokenHash()));
        }
        if (store.all().size() >= limits.totalLimit()) {
            throw new SessionLimitReached(SessionLimitReached.Scope.SERVICE, limits.totalLimit());
        }
        String token = randomToken();
        Session<P> session = new Session<>(hash(token), owner, principal, randomToken(), now, now);
        store.put(session);
        return new Started<>(token, session);
    }

    /** The live session of a token, marked as seen now; empty for an unknown, idle or too old session. */
    public Optional<Session<P>> resume(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String tokenHash = hash(token);
        Optional<Session<P>> found = store.get(tokenHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (expired(found.get(), now, policy.get())) {
            store.remove(tokenHash);
            return Optional.empty();
        }
        Session<P> touched = found.get().touched(now);
        store.put(touched);
        return Optional.of(touched);
    }

    public void end(String token) {
        if (token != null) {
            store.remove(hash(token));
        }
    }

    /** Ends every session of an owner, for instance when the account is deleted. */
    public void endAllOf(String owner) {
        endAllOf(owner, Optional.empty());
    }

    /** Ends every session of an owner but one, for instance the one that changed the owner's password. */
    public void endAllOf(String owner, Optional<String> keptTokenHash) {
        store.ofOwner(owner).stream()
                .filter(session -> keptTokenHash.map(kept -> !kept.equals(session.tokenHash())).orElse(true))
                .forEach(session -> store.remove(session.tokenHash()));
    }

    /** The live sessions, for the administrators' view; expired ones are cleared first. */
    public Collection<Session<P>> live() {
        removeExpired(clock.instant(), policy.get());
        return store.all();
    }

    /** Compares in constant time, so response timing reveals nothing of the expected token. */
    public static boolean csrfTokenMatches(Session<?> session, String presented) {
        return presented != null && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean expired(Session<?> session, Instant now, SessionPolicy limits) {
        return session.lastSeenAt().plus(limits.idleTimeout()).isBefore(now)
                || session.createdAt().plus(limits.maximumLifetime()).isBefore(now);
    }

    private void removeExpired(Instant now, SessionPolicy limits) {
        store.all().stream().filter(session -> expired(session, now, limits)).forEach(session -> store.remove(session.tokenHash()));
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
