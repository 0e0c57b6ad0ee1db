package io.vestibule.audit;

/** More events match an export than one export holds: the auditor narrows the filter rather than get part of them. */
public class AuditExportTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long matching;
    private final int limit;

    public AuditExportTooLarge(long matching, int limit) {
        super(matching + " audit events match; an export holds at most " + limit, null, false, false);
        this.matching = matching;
        this.limit = limit;
    }

    public long matching() {
        return matching;
    }

    public int limit() {
        return limit;
    }
}
