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
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

import io.vestibule.rooms.Pin;

/**
 * The invitation a meeting sends to calendars (R-BOOK-3): an iTIP (RFC 5546) REQUEST while the meeting stands and
 * a CANCEL once it is cancelled, with the same UID and a SEQUENCE that rises with every change, so calendar
 * clients update or remove the event instead of adding another. Times carry the meeting's TZID with its
 * VTIMEZONE definition, or are written in UTC when the meeting is in UTC. The invitation holds the guest PIN, never
 * the host PIN.
 */
public final class InvitationCalendar {
    static final String PRODUCT_ID = "-//Vestibule//Vestibule meeting invitation//EN";

    private final TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();

    /** What the invitation says about how to join. */
    public record JoinDetails(URI joinUrl, String alias, String numericAlias, Optional<Pin> guestPin) {
    }

    /** The meeting's owner, the invitation's organizer. */
    public record Owner(String displayName, String email) {
    }

    public String render(Meeting meeting, Owner organizer, JoinDetails join, Instant stamp) {
        MeetingSchedule schedule = meeting.schedule();
        boolean cancelled = meeting.status() == MeetingStatus.CANCELLED;
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
        event.add(new Location(join.joinUrl().toString()));
        event.add(new Url(join.joinUrl()));
        event.add(new Description(description(join)));
        event.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        if (organizer.email() != null && !organizer.email().isBlank()) {
            event.add(new Organizer(URI.create("mailto:" + organizer.email()))
                    .add(new Cn(organizer.displayName())));
        }
        for (String invitee : meeting.invitees()) {
            event.add(new Attendee(URI.create("mailto:" + invitee))
                    .add(Role.REQ_PARTICIPANT)
                    .add(PartStat.NEEDS_ACTION)
                    .add(Rsvp.TRUE));
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancelled ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        zone.ifPresent(timeZone -> calendar.add(timeZone.getVTimeZone()));
        calendar.add(event);
        try {
            StringWriter text = new StringWriter();
            new CalendarOutputter(true).output(calendar, text);
            return text.toString();
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("Cannot render the invitation of meeting " + meeting.id(), e);
        }
    }

    /**
     * The VTIMEZONE the times refer to, or none for UTC and for zones the registry does not define. The registry
     * answers an alias (UTC, US/Eastern) with the canonical zone (Etc/UTC, America/New_York), whose TZID is the
     * one the times must then carry (RFC 5545 3.2.19).
     */
    private Optional<TimeZone> calendarZone(ZoneId zone) {
        if (zone.getRules().isFixedOffset() && zone.getRules().getOffset(Instant.EPOCH).equals(ZoneOffset.UTC)) {
            return Optional.empty();
        }
        return Optional.ofNullable(registry.getTimeZone(zone.getId()))
                .filter(timeZone -> ZoneId.getAvailableZoneIds().contains(timeZone.getID()));
    }

    /**
     * Local time under the calendar zone's TZID, otherwise UTC (RFC 5545 form 2). UTC goes in as an Instant: a
     * ZonedDateTime at offset Z would be written with the parameter TZID=Z, which names no zone.
     */
    private static Temporal inCalendarZone(ZonedDateTime time, Optional<TimeZone> zone) {
        return zone.<Temporal>map(timeZone -> time.withZoneSameInstant(ZoneId.of(timeZone.getID()))).orElseGet(time::toInstant);
    }

    private static String description(JoinDetails join) {
        StringBuilder text = new StringBuilder()
                .append("Join the meeting: ").append(join.joinUrl()).append('\n');
        if (join.guestPin().isPresent()) {
            text.append("Guest PIN: ").append(join.guestPin().get().digits()).append('\n');
        } else {
            text.append("Guests join without a PIN.\n");
        }
        text.append("Meeting room: ").append(join.alias())
                .append(" (numeric ").append(join.numericAlias()).append(")\n");
        return text.toString();
    }
}
