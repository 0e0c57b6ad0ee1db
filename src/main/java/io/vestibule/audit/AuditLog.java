package io.vestibule.audit;

import java.util.List;

/** The audit log: written by every audited action (the catalogue {@link AuditEventType}), read by holders of "view logs" (the Auditor). */
public interface AuditLog {
    void record(AuditEventType type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail);

    /** The events the query selects, newest (highest id) first, at most its limit. */
    List<AuditEvent> find(AuditQuery query);

    /** How many events the query selects, whatever its limit. */
    long count(AuditQuery query);

    /**
     * Checks that an export of the query's events holds all of them: an export cut short at {@code limit} would let
     * an auditor take part of the record for the whole of it.
     *
     * @throws AuditExportTooLarge when more than {@code limit} events match
     */
    default void checkExportable(AuditQuery query, int limit) {
        long matching = count(query);
        if (matching > limit) {
            throw new AuditExportTooLarge(matching, limit);
        }
    }
}
