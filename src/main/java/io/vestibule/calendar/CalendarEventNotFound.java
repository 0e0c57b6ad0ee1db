package io.vestibule.calendar;

/** The organizer has no event of that key: never told apart from another organizer's event of the same key. */
public class CalendarEventNotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalendarEventNotFound() {
        super("No such calendar event", null, false, false);
    }
}
