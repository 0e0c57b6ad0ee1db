package io.vestibule.calendar.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The signatures accepted while they are inside the window, so that each serves once. Only valid signatures are
 * remembered (only a secret's holder can add one), at most {@link #MOST_REMEMBERED}; when that many are still
 * fresh, new callbacks are refused rather than an entry forgotten early.
 *
 * <p>The cache is this process's: in a cluster a captured call could be replayed once to each other instance
 * within the window (TLS keeps calls from being captured; docs/security-target.md says so).
 */
@ApplicationScoped
public class CallbackReplays {
    static final int MOST_REMEMBERED = 100_000;
    private static final int SWEEP_EVERY = 1_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicLong additions = new AtomicLong();
    private final Clock clock;
    private final int mostRemembered;

    @Inject
    public CallbackReplays(Clock clock) {
        this(clock, MOST_REMEMBERED);
    }

    CallbackReplays(Clock clock, int mostRemembered) {
        this.clock = clock;
        this.mostRemembered = mostRemembered;
    }

    /** For CDI's client proxy only. */
    protected CallbackReplays() {
        this(null);
    }

    /** Records the signature until {@code forgetAfter}; throws when it was recorded already, or nothing more fits. */
    void firstSight(String signature, Instant forgetAfter) throws CallbackRefused {
        Instant now = clock.instant();
        if (additions.incrementAndGet() % SWEEP_EVERY == 0 || seen.size() >= mostRemembered) {
            seen.values().removeIf(until -> until.isBefore(now));
        }
        if (seen.size() >= mostRemembered) {
            throw new CallbackRefused(CallbackRejection.BUSY);
        }
        // An entry outlives its timestamp's window, so a signature found here is a replay, never a stale leftover.
        if (seen.putIfAbsent(signature, forgetAfter) != null) {
            throw new CallbackRefused(CallbackRejection.REPLAYED);
        }
    }
}
