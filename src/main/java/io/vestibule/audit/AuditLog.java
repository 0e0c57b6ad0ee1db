package io.vestibule.audit;

import java.util.List;

/** The audit log: written by every administrative action, read by holders of "view logs" (the Auditor). */
public interface AuditLog {
    void record(String type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail);

    /** The events the query selects, newest (highest id) first, at most its limit. */
    List<AuditEvent> find(AuditQuery query);
}
