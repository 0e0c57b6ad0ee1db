package io.vestibule.guard;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;

/**
 * Where the guard reports a block, once per block. Production raises an alarm in the logs and metrics; tests
 * record the calls. Nothing secret is passed: no PINs, no passwords.
 */
public interface BreakInAlarms {

    /** A room refuses PIN attempts until {@code until}; {@code sources} sent the recent failures (at most threshold + 1). */
    void roomBlocked(String roomId, Set<InetAddress> sources, Instant until);

    /** An address is refused every join and login until {@code until}. */
    void addressBlocked(InetAddress address, Instant until);

    /** An account (as the guard normalised it) is locked until {@code until}; {@code sources} sent the recent failures. */
    void accountBlocked(String account, Set<InetAddress> sources, Instant until);
}
