package io.vestibule.booking;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.vestibule.platform.FieldRefused;

/**
 * When a meeting takes place: first start and end in the meeting's time zone, and an optional recurrence.
 * Occurrences repeat in local time, so a weekly 10:00 meeting stays at 10:00 across daylight-saving changes.
 */
public record MeetingSchedule(ZonedDateTime start, ZonedDateTime end, Optional<Recurrence> recurrence) {
    /** Meetings last at most this long; a longer one is almost always a mistyped date. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);
    /** How far back and ahead occurrences are searched for a series without end. */
    private static final Duration SEARCH_HORIZON = Duration.ofDays(366 * 5);

    public MeetingSchedule {
        if (!end.isAfter(start)) {
            throw new FieldRefused("end", "end_before_start", "The end must be after the start.");
        }
        if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw new FieldRefused("end", "meeting_too_long", "A meeting may last at most 24 hours.");
        }
        // RFC 5545 leaves a first start off the rule's days undefined; calendars would then disagree with us.
        Set<DayOfWeek> weekdays = recurrence.map(Recurrence::weekdays).orElse(Set.of());
        if (!weekdays.isEmpty() && !weekdays.contains(start.getDayOfWeek())) {
            throw new FieldRefused("recurrence", "first_day_not_repeated", "The first meeting must fall on one of the days the meeting repeats on.");
        }
    }

    public static MeetingSchedule of(Instant start, Instant end, ZoneId zone, Optional<Recurrence> recurrence) {
        return new MeetingSchedule(start.atZone(zone), end.atZone(zone), recurrence);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public ZoneId zone() {
        return start.getZone();
    }

    /**
     * Whether the room admits joins at {@code now}: open when {@code now} lies within some occurrence's window,
     * otherwise not yet open (with the next opening) or closed (with the last closing).
     */
    public Admission admissionAt(Instant now, JoinWindow window) {
        ZonedDateTime moment = now.atZone(zone());
        // An occurrence whose window contains now started between (now - duration - after) and (now + before).
        ZonedDateTime earliest = moment.minus(duration()).minus(window.afterEnd());
        ZonedDateTime latest = moment.plus(window.beforeStart());
        if (!starts(earliest, latest).isEmpty()) {
            return new Admission.Open();
        }
        Optional<ZonedDateTime> next = starts(latest, latest.plus(SEARCH_HORIZON)).stream().findFirst();
        if (next.isPresent()) {
            return new Admission.NotYetOpen(next.get().minus(window.beforeStart()).toInstant());
        }
        List<ZonedDateTime> before = starts(earliest.minus(SEARCH_HORIZON), earliest);
        ZonedDateTime lastStart = before.isEmpty() ? start : before.get(before.size() - 1);
        return new Admission.Closed(lastStart.plus(duration()).plus(window.afterEnd()).toInstant());
    }

    /** Occurrence starts within [from, to]. */
    List<ZonedDateTime> starts(ZonedDateTime from, ZonedDateTime to) {
        if (recurrence.isEmpty()) {
            return !start.isBefore(from) && !start.isAfter(to) ? List.of(start) : List.of();
        }
        return recurrence.get().startsBetween(start, from, to);
    }
}
