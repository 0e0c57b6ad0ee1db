package io.vestibule.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What decides when a meeting's room admits joins: its times, its recurrence rule and whether it was cancelled. A
 * value, safe to keep and share between threads where the entity is not.
 */
public record MeetingTimes(Instant start, Instant end, ZoneId zone, Optional<String> recurrence, boolean cancelled) {
    public Admission admissionAt(Instant now, JoinWindow window) {
        return cancelled ? new Admission.Cancelled() : schedule().admissionAt(now, window);
    }

    public MeetingSchedule schedule() {
        return MeetingSchedule.of(start, end, zone, recurrence.map(Recurrence::parse));
    }
}
