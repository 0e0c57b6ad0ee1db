package io.vestibule.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The audit log: written by every administrative action, read by holders of "view logs" (the Auditor). */
public interface AuditLog {
    void record(String type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail);

    /** Newest first, at most {@code limit}. */
    List<AuditEvent> find(Instant from, Instant to, Optional<String> type, int limit);
}
