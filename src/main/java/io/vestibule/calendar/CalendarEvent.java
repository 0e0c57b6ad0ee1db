package io.vestibule.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import io.vestibule.platform.FieldRefused;

/**
 * A calendar event as its calendar describes it: the whole of it at every call, so a recurrence left out is a
 * recurrence removed. The subject may be empty (Outlook adds the meeting before the organizer types one).
 */
public record CalendarEvent(String subject, Instant start, Instant end, ZoneId timeZone, Optional<String> recurrence) {
    /** Outlook's own limit for a subject. */
    public static final int MAX_SUBJECT = 255;
    /** The meeting's title when the event has no subject yet. */
    static final String UNTITLED = "Meeting";
    /** The longest title a meeting holds; a longer subject is shortened for the meeting, kept whole in the join block. */
    static final int MAX_TITLE = 200;

    public CalendarEvent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(recurrence, "recurrence");
        // Calendars schedule to the minute; sub-second digits would only make a repeated call look like a change.
        start = start.truncatedTo(ChronoUnit.SECONDS);
        end = end.truncatedTo(ChronoUnit.SECONDS);
        if (subject.length() > MAX_SUBJECT) {
            throw new FieldRefused("subject", "too_long", "The subject is longer than " + MAX_SUBJECT + " characters.");
        }
    }

    /** The meeting's title: the subject, shortened to what a meeting holds without splitting a character. */
    String meetingTitle() {
        String subject = this.subject.strip();
        if (subject.isEmpty()) {
            return UNTITLED;
        }
        if (subject.length() <= MAX_TITLE) {
            return subject;
        }
        int cut = Character.isHighSurrogate(subject.charAt(MAX_TITLE - 2)) ? MAX_TITLE - 2 : MAX_TITLE - 1;
        return subject.substring(0, cut) + "…";
    }
}
