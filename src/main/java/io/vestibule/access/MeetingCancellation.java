package io.vestibule.access;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.booking.BookingService;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.Organizer;

/**
 * An owner cancels a meeting (R-BOOK-4): the cancellation is stored first, so that nobody joins again, then the
 * conference running in the meeting's room ends as a host's end does. A meeting held in the owner's personal room
 * leaves that room, which has no booking window, open.
 */
@ApplicationScoped
public class MeetingCancellation {
    private BookingService bookings;
    private ConferenceControl control;

    @Inject
    public MeetingCancellation(BookingService bookings, ConferenceControl control) {
        this.bookings = bookings;
        this.control = control;
    }

    /** For CDI's client proxy only. */
    protected MeetingCancellation() {
    }

    public void cancel(Organizer owner, UUID meetingId) {
        Meeting cancelled = bookings.cancel(owner, meetingId);
        control.endInRoomIfShut(cancelled.roomId());
    }
}
