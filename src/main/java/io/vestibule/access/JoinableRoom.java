package io.vestibule.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.vestibule.booking.Admission;
import io.vestibule.booking.JoinWindow;
import io.vestibule.booking.MeetingTimes;
import io.vestibule.rooms.Room;

/**
 * A room as every join attempt reads it: the room with its sealed PINs and, for a meeting room, its meeting's times.
 * The room is a detached copy that nothing changes; a write to the room or its meetings replaces the whole copy
 * ({@link JoinableRooms}).
 */
public record JoinableRoom(Room room, List<MeetingTimes> meetings) {
    public JoinableRoom {
        meetings = List.copyOf(meetings);
    }

    /** Whether the room admits joins at {@code now} with the join window in force then. */
    public Optional<Admission> admissionAt(Instant now, JoinWindow window) {
        return Admission.ofRoom(room, meetings, now, window);
    }

    /** Whether anyone may be in the room at {@code now}: not closed by an administrator, and its meeting, if any, open. */
    public boolean admitsAt(Instant now, JoinWindow window) {
        return room.closedAt().isEmpty() && admissionAt(now, window).map(Admission.Open.class::isInstance).orElse(true);
    }
}
