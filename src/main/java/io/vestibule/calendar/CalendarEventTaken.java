package io.vestibule.calendar;

/**
 * Another call recorded a meeting for the same organizer's event between our look-up and our write: the database's
 * unique constraint, not a lock, decides the race; the loser's transaction is rolled back and tried again.
 */
public class CalendarEventTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalendarEventTaken(Throwable cause) {
        super("The calendar event already has a meeting", cause, false, false);
    }
}
