package io.vestibule.booking;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * A meeting as a VEVENT (RFC 5545), the part every calendar document of Vestibule shares: the invitation and the
 * subscription feed write the same UID, SEQUENCE, times, recurrence, title, join URL and status, so a calendar that
 * sees both keeps one event. Times carry the meeting's TZID, whose VTIMEZONE the document must then include
 * ({@link #calendarZone}), or are written in UTC when the meeting is in UTC.
 */
public final class MeetingEvents {
    private final TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();

    /** The meeting's event; {@code description} is the document's own text on how to join. */
    public VEvent event(Meeting meeting, URI joinUrl, String description, Instant stamp) {
        MeetingSchedule schedule = meeting.schedule();
        Optional<TimeZone> zone = calendarZone(schedule.zone());

        // Without ical4j's default properties: it would add a second DTSTAMP of its own.
        VEvent event = new VEvent(false);
        event.add(new Uid(meeting.icsUid()));
        event.add(new DtStamp(stamp));
        event.add(new Sequence(meeting.icsSequence()));
        event.add(new DtStart<>(inCalendarZone(schedule.start(), zone)));
        event.add(new DtEnd<>(inCalendarZone(schedule.end(), zone)));
        schedule.recurrence().ifPresent(rule -> event.add(new RRule<>(rule.rule())));
        event.add(new Summary(meeting.title()));
        event.add(new Location(joinUrl.toString()));
        event.add(new Url(joinUrl));
        event.add(new Description(description));
        event.add(meeting.status() == MeetingStatus.CANCELLED ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        return event;
    }

    /**
     * The VTIMEZONE the times refer to, or none for UTC and for zones the registry does not define. The registry
     * answers an alias (UTC, US/Eastern) with the canonical zone (Etc/UTC, America/New_York), whose TZID is the
     * one the times must then carry (RFC 5545 3.2.19).
     */
    public Optional<TimeZone> calendarZone(ZoneId zone) {
        if (zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC)) {
            return Optional.empty();
        }
        return Optional.ofNullable(registry.getTimeZone(zone.getId()))
                .filter(timeZone -> ZoneId.getAvailableZoneIds().contains(timeZone.getID()));
    }

    /** The document as text, checked by ical4j's validation on the way out. */
    public static String write(Calendar calendar, String what) {
        return write(calendar, what, true);
    }

    /** The document as text; {@code validating} false for a document the caller knows ical4j would warn about. */
    public static String write(Calendar calendar, String what, boolean validating) {
        try {
            StringWriter text = new StringWriter();
            new CalendarOutputter(validating).output(calendar, text);
            return text.toString();
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("Cannot render " + what, e);
        }
    }

    /**
     * Local time under the calendar zone's TZID, otherwise UTC (RFC 5545 form 2). UTC goes in as an Instant: a
     * ZonedDateTime at offset Z would be written with the parameter TZID=Z, which names no zone.
     */
    private static Temporal inCalendarZone(ZonedDateTime time, Optional<TimeZone> zone) {
        return zone.<Temporal>map(timeZone -> time.withZoneSameInstant(ZoneId.of(timeZone.getID()))).orElseGet(time::toInstant);
    }
}
