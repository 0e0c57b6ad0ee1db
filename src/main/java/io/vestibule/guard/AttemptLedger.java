package io.vestibule.guard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state behind the break-in guard: recent attempts and blocks, per key ({@code room:…}, {@code address:…},
 * {@code account:…}). {@link InMemoryAttemptLedger} keeps it in one instance; a cluster-wide ledger (a Hazelcast
 * map updated by entry processors) can replace it without changing the guard (R-BRUTE-5).
 *
 * <p>Memory is bounded per key: a ledger keeps at most {@link AttemptLimit#attemptsToKeep() threshold + 1}
 * attempts for a key, which is all it needs to tell whether the threshold was exceeded, and forgets a key once
 * its newest attempt has left the window and its block has ended. The number of keys is bounded only by what
 * arrives within one window (an attacker with many addresses makes many small keys).
 *
 * <h2>Concurrency trade-off</h2>
 * Every method is atomic for its key. On one instance the counts are therefore exact: of any number of
 * simultaneous join attempts from one address, exactly {@code threshold} see a count within the limit; every
 * later one sees {@code threshold + 1} and is refused, blocked or not. What can slip past:
 * <ul>
 * <li><b>A ledger per instance.</b> In a cluster of N instances each with its own {@link InMemoryAttemptLedger},
 * each counts only the requests it serves. An attacker whose requests the load balancer spreads over all of them
 * makes up to N × threshold attempts per window before every instance has blocked — N × 20 PIN guesses per room
 * every 10 minutes with the defaults. Acceptable for a single instance or a small cluster, not what R-BRUTE-5
 * asks for.</li>
 * <li><b>A shared ledger</b> is exact across the cluster, at the price of a network round trip (a fraction of a
 * millisecond on a LAN) on every join attempt, every failure and every is-blocked check. Even then, PIN and password
 * failures are recorded only after the secret has been checked, in a step separate from the is-blocked check
 * before it: guesses already in flight when the (threshold + 1)-th failure blocks the key are still checked and
 * answered. That is at most one guess per request thread busy with that key at the moment — bounded by the request
 * threads of all instances, in practice the handful that arrive within one round trip of the blocking failure.
 * Join attempts are recorded and counted in one atomic step before they are admitted, so none slip past a shared
 * ledger — provided its {@link #record} is atomic; a ledger that reads, adds and writes back in separate steps
 * lets every concurrent attempt through the same way.</li>
 * </ul>
 * A ledger that loses its state (all instances restart) forgets its blocks; attackers gain at most one more window.
 */
public interface AttemptLedger {

    /**
     * Records an attempt at {@code at} and returns the attempts of the key within the limit's window ending at
     * {@code at}, this one included — never more than {@code limit.attemptsToKeep()}, since no more are kept.
     *
     * @param source the address the attempt came from, kept with it for the alarm
     */
    Tally record(String key, Instant at, String source, AttemptLimit limit);

    /** When the key's block ends, if it is blocked at {@code now}. */
    Optional<Instant> blockedUntil(String key, Instant now);

    /**
     * Blocks the key until {@code until} (a longer block already in place stays; a shorter one is extended).
     *
     * @return whether the key was not blocked at {@code now}, so that exactly one caller raises the alarm; or else
     *         whether a block in force was extended and its alarm is known, so that the alarm follows
     */
    Blocking block(String key, Instant now, Instant until);

    /**
     * Remembers the alarm the key's block raised, so that {@link #lift} can name it; does nothing when the key is not
     * blocked at {@code now} (the block was lifted in between).
     *
     * @return when the block ends, if the key is still blocked: later than the alarm was raised with when the block was
     *         extended before its alarm was known
     */
    Optional<Instant> alarmRaised(String key, String alarm, Instant now);

    /** Forgets the key's attempts and block. */
    void clear(String key);

    /** Every key blocked at {@code now}. */
    List<Blocked> blocked(Instant now);

    /**
     * Forgets the key's attempts and block if it is blocked at {@code now}, in one atomic step, and returns the block
     * lifted; empty when the key was not blocked (and then nothing changes).
     */
    Optional<Blocked> lift(String key, Instant now);

    /** Forgets every key whose newest attempt is older than its window and which is not blocked at {@code now}. */
    void forgetIdle(Instant now);

    /**
     * The attempts of a key within the window, and the distinct sources of the attempts kept (at most threshold + 1).
     */
    record Tally(int attempts, Set<String> sources) {
        public Tally {
            sources = Set.copyOf(sources);
        }
    }

    /**
     * What {@link #block} did: a fresh block, whose alarm the caller raises; or a block in force extended, whose alarm
     * (when already known) must now end later; or neither.
     */
    record Blocking(boolean fresh, Optional<String> extendedAlarm) {
        static final Blocking UNCHANGED = new Blocking(false, Optional.empty());
        static final Blocking FRESH = new Blocking(true, Optional.empty());

        static Blocking extended(String alarm) {
            return new Blocking(false, Optional.of(alarm));
        }
    }

    /** A key's block: when it ends, the distinct sources of the attempts kept, and the alarm it raised if known. */
    record Blocked(String key, Instant until, Set<String> sources, Optional<String> alarm) {
        public Blocked {
            sources = Set.copyOf(sources);
        }
    }
}
