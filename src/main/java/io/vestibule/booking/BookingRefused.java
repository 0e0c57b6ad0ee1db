package io.vestibule.booking;

/** A booking request that breaks a rule; names the field to correct. */
public final class BookingRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public BookingRefused(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
