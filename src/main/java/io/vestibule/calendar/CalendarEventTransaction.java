package io.vestibule.calendar;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingChanges;
import io.vestibule.booking.MeetingSchedule;
import io.vestibule.booking.MeetingStatus;
import io.vestibule.booking.Organizer;
import io.vestibule.booking.Recurrence;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

/**
 * One attempt at giving an organizer's calendar event its meeting, in one transaction: the meeting, its room and the
 * event's record are written together or not at all, so a lost race leaves nothing behind.
 */
@ApplicationScoped
@Transactional
public class CalendarEventTransaction {
    /** Rooms made for calendar events: both PINs generated (the guest PIN goes into the invitation), guests wait for a host. */
    static final RoomSettings ROOM = new RoomSettings(RoomType.HOST_AND_GUEST_PINS, true, Optional.empty(), Optional.empty());

    private CalendarEventRepository events;
    private BookingService bookings;

    @Inject
    public CalendarEventTransaction(CalendarEventRepository events, BookingService bookings) {
        this.events = events;
        this.bookings = bookings;
    }

    /** For CDI's client proxy only. */
    protected CalendarEventTransaction() {
    }

    /** The event's meeting, booked, moved to the event's times, or left alone when nothing changed. */
    public Placed place(Organizer organizer, String keyHash, CalendarEvent event) {
        Optional<UUID> linked = events.meetingOf(organizer.id(), keyHash);
        if (linked.isEmpty()) {
            BookedMeeting booked = bookings.book(organizer, request(event));
            events.link(organizer.id(), keyHash, booked.meeting().id());
            return new Placed(booked, true);
        }
        BookedMeeting current = bookings.get(organizer, linked.get());
        if (current.meeting().status() == MeetingStatus.CANCELLED) {
            // A cancelled meeting stays cancelled: the event gets a new room, whose PINs nobody has seen yet.
            BookedMeeting booked = bookings.book(organizer, request(event));
            events.relink(organizer.id(), keyHash, booked.meeting().id());
            return new Placed(booked, true);
        }
        if (unchanged(current.meeting(), event)) {
            return new Placed(current, false);
        }
        BookedMeeting changed = bookings.change(organizer, linked.get(), changes(event));
        events.settle();
        return new Placed(changed, false);
    }

    /** The meeting the event holds, and whether this call booked it. */
    public record Placed(BookedMeeting booked, boolean created) {
    }

    private static BookingRequest request(CalendarEvent event) {
        return new BookingRequest(event.meetingTitle(), event.start(), event.end(), event.timeZone(), event.recurrence(),
                List.of(), ROOM, false);
    }

    private static MeetingChanges changes(CalendarEvent event) {
        return new MeetingChanges(Optional.of(event.meetingTitle()), Optional.of(event.start()), Optional.of(event.end()),
                Optional.of(event.timeZone()), Optional.of(event.recurrence()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A repeated call with the same event must not raise the invitation's sequence. */
    private static boolean unchanged(Meeting meeting, CalendarEvent event) {
        MeetingSchedule schedule = meeting.schedule();
        return meeting.title().equals(event.meetingTitle())
                && schedule.start().toInstant().equals(event.start())
                && schedule.end().toInstant().equals(event.end())
                && schedule.zone().equals(event.timeZone())
                && schedule.recurrence().map(Recurrence::rule).equals(event.recurrence().map(CalendarEventTransaction::normalised));
    }

    private static String normalised(String rule) {
        try {
            return Recurrence.parse(rule).rule();
        } catch (IllegalArgumentException invalid) {
            return rule;
        }
    }
}
