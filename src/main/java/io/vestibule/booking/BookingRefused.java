package io.vestibule.booking;

/** A booking request that breaks a rule; names the field to correct and, as a stable code, the rule it breaks. */
public final class BookingRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public BookingRefused(String field, String reason, String message) {
        super(message, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
