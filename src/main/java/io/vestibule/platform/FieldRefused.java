package io.vestibule.platform;

/**
 * A request the service cannot take as sent (a booking, a calendar event, a calendar integration): {@code field} names
 * the part to correct and {@code reason}, a stable code, the rule it breaks. The resources answer it with the API's
 * {@code invalid_request} naming both.
 */
public final class FieldRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public FieldRefused(String field, String reason, String message) {
        super(message, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
