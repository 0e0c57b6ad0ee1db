package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;

/**
 * Where the guard reports a block, once per block, and a block an administrator lifted before its end. Production
 * raises an alarm in the logs and metrics; tests record the calls. Nothing secret is passed: no PINs, no passwords.
 * Each report of a block answers with a reference to the alarm it raised, which the guard hands back to
 * {@link #blockLifted} if the block is lifted.
 */
public interface BreakInAlarms {

    /** A room refuses PIN attempts until {@code until}; {@code sources} sent the recent failures (at most threshold + 1). */
    String roomBlocked(String roomId, Set<InetAddress> sources, Instant until);

    /** An address is refused every join and login until {@code until}. */
    String addressBlocked(InetAddress address, Instant until);

    /** An account (as the guard normalised it) is locked until {@code until}; {@code sources} sent the recent failures. */
    String accountBlocked(String account, Set<InetAddress> sources, Instant until);

    /** The block that raised the alarm was extended while in force: the alarm clears at its new end, {@code until}. */
    void blockExtended(String alarm, Instant until);

    /** The block that raised the alarm was lifted before its end: the alarm clears now. */
    void blockLifted(String alarm);
}
