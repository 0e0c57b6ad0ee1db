package io.vestibule.calendar;

/**
 * Another call wrote the same organizer's event between our read and our write: it recorded the event's first meeting
 * (the unique constraint on organizer and key), or changed that meeting (its version). The database decides, not a
 * lock; the loser's transaction is rolled back and tried again, and then reads what the winner wrote.
 */
public class CalendarEventRaced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalendarEventRaced(Throwable cause) {
        super("Another call wrote the same calendar event meanwhile", cause, false, false);
    }
}
