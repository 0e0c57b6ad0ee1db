package io.vestibule.booking;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

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

    private final MeetingEvents events = new MeetingEvents();

    /** What the invitation says about how to join. */
    public record JoinDetails(URI joinUrl, String alias, String numericAlias, Optional<Pin> guestPin) {
    }

    /** The meeting's owner, the invitation's organizer. */
    public record Owner(String displayName, String email) {
    }

    public String render(Meeting meeting, Owner organizer, JoinDetails join, Instant stamp) {
        boolean cancelled = meeting.status() == MeetingStatus.CANCELLED;
        VEvent event = events.event(meeting, join.joinUrl(), description(join), stamp);
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
        events.calendarZone(meeting.schedule().zone()).ifPresent(timeZone -> calendar.add(timeZone.getVTimeZone()));
        calendar.add(event);
        return MeetingEvents.write(calendar, "the invitation of meeting " + meeting.id());
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
