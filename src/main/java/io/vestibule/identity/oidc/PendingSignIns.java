package io.vestibule.identity.oidc;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The authorization requests in flight. The browser holds only a random handle (in a short-lived cookie); the store
 * keeps the request under the handle's SHA-256, as sessions are kept, so it holds no usable handle. A handle serves
 * once. The store is bounded: sign-ins can be started by anyone, so past {@code capacity} live requests new ones are
 * refused rather than memory grown.
 */
final class PendingSignIns {
    private static final int RANDOM_BYTES = 32;

    private final Map<String, PendingSignIn> pending = new ConcurrentHashMap<>();
    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;
    private final int capacity;

    /** A started request and the handle for the browser's cookie, which exists nowhere else. */
    record Begun(String handle, PendingSignIn request) {
        @Override
        public String toString() {
            return "Begun[" + request + "]";
        }
    }

    PendingSignIns(CryptoPolicy policy, SecureRandom random, Clock clock, Duration lifetime, int capacity) {
        this.policy = policy;
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
        this.capacity = capacity;
    }

    Begun begin(String next) throws SsoRefused {
        Instant now = clock.instant();
        if (pending.size() >= capacity) {
            pending.values().removeIf(request -> expired(request, now));
            if (pending.size() >= capacity) {
                throw new SsoRefused(SsoRefused.Reason.BUSY, "too many sign-ins in flight");
            }
        }
        String handle = randomText();
        PendingSignIn request = new PendingSignIn(randomText(), randomText(), randomText(), next, now);
        pending.put(hash(handle), request);
        return new Begun(handle, request);
    }

    /** The live request of a handle, removed so that it serves once; empty for an unknown, used or expired handle. */
    Optional<PendingSignIn> take(String handle) {
        if (handle == null || handle.isEmpty() || handle.length() > 100) {
            return Optional.empty();
        }
        return Optional.ofNullable(pending.remove(hash(handle))).filter(request -> !expired(request, clock.instant()));
    }

    Duration lifetime() {
        return lifetime;
    }

    private boolean expired(PendingSignIn request, Instant now) {
        return !now.isBefore(request.createdAt().plus(lifetime));
    }

    private String randomText() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String hash(String handle) {
        return HexFormat.of().formatHex(policy.digest(handle.getBytes(StandardCharsets.UTF_8)));
    }
}
