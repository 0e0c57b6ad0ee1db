package io.vestibule.booking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomKind;

/** Whether a booked meeting's room admits joins at a given moment, and if not, when it opens or closed. */
public sealed interface Admission {
    /**
     * Whether a room admits joins at {@code now} (R-BOOK-2, R-BOOK-4), given the meetings held in it; empty for a
     * personal room, which has no booking window of its own. A meeting room without its meeting admits no one.
     */
    static Optional<Admission> ofRoom(Room room, List<MeetingTimes> meetingsInRoom, Instant now, JoinWindow window) {
        if (room.kind() == RoomKind.PERSONAL) {
            return Optional.empty();
        }
        return meetingsInRoom.stream()
                .map(meeting -> meeting.admissionAt(now, window))
                .findFirst()
                .or(() -> Optional.of(new Cancelled()));
    }

    record Open() implements Admission {
    }

    record NotYetOpen(Instant opensAt) implements Admission {
    }

    record Closed(Instant closedAt) implements Admission {
    }

    record Cancelled() implements Admission {
    }
}
