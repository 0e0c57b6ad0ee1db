package io.vestibule.access;

import java.util.List;
import java.util.Optional;

import io.vestibule.access.conference.Conference;
import io.vestibule.booking.Meeting;
import io.vestibule.rooms.Room;

/**
 * A room as an administrator sees it: its meetings, the conference running in it (if any) and the participant limit
 * its next join meets — its own, else the service's.
 */
public record RoomOverview(Room room, List<Meeting> meetings, Optional<Conference> live, int participantLimitInForce) {
    public RoomOverview {
        meetings = List.copyOf(meetings);
    }
}
