package io.vestibule.access;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.booking.BookingService;

/**
 * Whether the room a conference runs in still admits anyone (R-BOOK-4): not once an administrator closed it, its
 * meeting was cancelled or moved, or its join window closed. A join asks this once; what follows a join (admitting
 * from the lobby, unlocking, collecting a join token, refreshing one) asks again, so that nobody gets into or stays
 * in a conference whose room no longer admits anyone in the moments before that conference is ended.
 */
@ApplicationScoped
public class RoomAdmissions {
    private static final Logger LOG = Logger.getLogger(RoomAdmissions.class.getName());

    private JoinableRooms rooms;
    private BookingService bookings;
    private Clock clock;

    @Inject
    public RoomAdmissions(JoinableRooms rooms, BookingService bookings, Clock clock) {
        this.rooms = rooms;
        this.bookings = bookings;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected RoomAdmissions() {
    }

    public boolean admitsNow(UUID roomId) {
        Optional<JoinableRoom> room;
        try {
            room = rooms.ofRoom(roomId);
        } catch (RuntimeException unreadable) {
            // The database is away: the join that started the conference stands until the room can be read again
            // (the housekeeping looks every two seconds), rather than every refresh failing and everyone dropping out.
            LOG.log(Level.FINE, "Room " + roomId + " cannot be read; its conference goes on meanwhile", unreadable);
            return true;
        }
        return room.map(joinable -> joinable.admitsAt(clock.instant(), bookings.joinWindow())).orElse(false);
    }

    /** The conference, while its room admits anyone; otherwise every token for it is as void as an ended conference's. */
    public Conference requireAdmitting(Conference conference) throws TokenRejected {
        if (!admitsNow(conference.roomId())) {
            throw new TokenRejected(TokenRejection.REVOKED);
        }
        return conference;
    }
}
