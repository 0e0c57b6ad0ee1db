package io.vestibule.calendar;

/** A calendar event the service cannot hold as sent: {@code field} names the part at fault, {@code reason} says why. */
public class CalendarEventRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public CalendarEventRefused(String field, String reason, String message) {
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
