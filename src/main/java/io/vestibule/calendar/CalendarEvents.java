package io.vestibule.calendar;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.MeetingCancellation;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.MeetingSchedule;
import io.vestibule.booking.Organizer;
import io.vestibule.calendar.block.JoinBlockDetails;
import io.vestibule.calendar.block.JoinBlockRenderer;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.rooms.Pin;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;

/**
 * Calendar events with a secure room each (R-CAL-2): an organizer's event, named by its key, holds one meeting, which
 * follows the event's times and recurrence and closes when the event is deleted. Another organizer's event of the
 * same key is another event. Nothing here writes to invitees: their calendar does.
 */
@ApplicationScoped
public class CalendarEvents {
    /** A call loses a race to a concurrent one at most once or twice: the next attempt reads what the winner wrote. */
    static final int ATTEMPTS = 3;

    private CalendarEventTransaction transaction;
    private CalendarEventRepository events;
    private BookingService bookings;
    private MeetingCancellation cancellation;
    private JoinBlockRenderer joinBlocks;
    private CryptoPolicy policy;

    @Inject
    public CalendarEvents(CalendarEventTransaction transaction, CalendarEventRepository events, BookingService bookings,
                          MeetingCancellation cancellation, JoinBlockRenderer joinBlocks, CryptoPolicy policy) {
        this.transaction = transaction;
        this.events = events;
        this.bookings = bookings;
        this.cancellation = cancellation;
        this.joinBlocks = joinBlocks;
        this.policy = policy;
    }

    /** For CDI's client proxy only. */
    protected CalendarEvents() {
    }

    /**
     * Books the event's meeting the first time, and moves it to the event's times after; an event whose meeting was
     * cancelled gets a new one. The join block is in {@code language} (English, Spanish or French).
     *
     * @throws CalendarEventRaced when concurrent calls for the same event kept winning over this one
     */
    public CalendarMeeting put(Organizer organizer, CalendarEventKey key, CalendarEvent event, Locale language) {
        String keyHash = key.hash(policy);
        CalendarEventRaced lastRace = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return described(transaction.place(organizer, keyHash, event), event, language);
            } catch (CalendarEventRaced race) {
                lastRace = race;
            }
        }
        throw lastRace;
    }

    /**
     * Cancels the event's meeting: its room admits no one from now on and a conference in it ends. Deleting again
     * changes nothing. No invitation is sent: the calendar tells the attendees itself.
     */
    public void delete(Organizer organizer, CalendarEventKey key) {
        UUID meetingId = events.meetingOf(organizer.id(), key.hash(policy)).orElseThrow(CalendarEventNotFound::new);
        cancellation.cancel(organizer, meetingId);
    }

    /** The meeting the organizer's event holds now, if it holds one (perhaps cancelled). */
    public Optional<BookedMeeting> meetingOf(Organizer organizer, CalendarEventKey key) {
        return events.meetingOf(organizer.id(), key.hash(policy)).map(meetingId -> bookings.get(organizer, meetingId));
    }

    private CalendarMeeting described(CalendarEventTransaction.Placed placed, CalendarEvent event, Locale language) {
        BookedMeeting booked = placed.booked();
        Room room = booked.room();
        String alias = room.alias(RoomAlias.Kind.NAME).orElseThrow().value();
        Optional<String> numericAlias = room.alias(RoomAlias.Kind.NUMERIC).map(RoomAlias::value);
        Optional<String> guestPin = booked.pins().guest().map(Pin::digits);
        MeetingSchedule schedule = booked.meeting().schedule();
        JoinBlockDetails details = new JoinBlockDetails(event.subject().strip(), bookings.joinUrl(room), alias, numericAlias,
                guestPin, schedule.start(), schedule.end());
        return new CalendarMeeting(booked.meeting().id(), alias, numericAlias, details.joinUrl(), guestPin,
                joinBlocks.render(details, language), placed.created());
    }
}
