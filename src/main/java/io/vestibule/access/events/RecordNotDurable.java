package io.vestibule.access.events;

/** A call event that did not reach the fsynced journal in time (the disk is full or stalled, or the service is stopping). */
public final class RecordNotDurable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordNotDurable(String message) {
        super(message, null, false, false);
    }
}
