package io.vestibule.audit;

import java.time.Instant;

/**
 * Something an administrator or auditor did, or tried (R-AUD-1): who, from where, what, and how it ended.
 * {@code detail} names what changed, before and after, and never holds a secret (passwords, PINs, keys).
 */
public record AuditEvent(long id, Instant occurredAt, String type, String actor, String sourceAddress, Outcome outcome, String detail) {
    public static final int LONGEST_DETAIL = 4000;

    public enum Outcome {
        SUCCESS, FAILURE, REFUSED
    }
}
