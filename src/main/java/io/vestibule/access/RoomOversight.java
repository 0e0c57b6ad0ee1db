package io.vestibule.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.LiveConferences;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomProvisioner;
import io.vestibule.rooms.RoomRepository;
import io.vestibule.rooms.RoomRules;

/**
 * What administrators do with rooms (the console's Rooms page): find them by name or alias, see their meetings and
 * live state, set a room's participant limit, and close a room, which ends its conference as a host's end does.
 */
@ApplicationScoped
public class RoomOversight {
    public static final int MOST_FOUND = 50;
    private static final String JOIN_PATH = "/join/";

    private RoomRepository rooms;
    private RoomProvisioner provisioner;
    private MeetingRepository meetings;
    private LiveConferences live;
    private ConferenceControl control;
    private RoomRules rules;

    @Inject
    public RoomOversight(RoomRepository rooms, RoomProvisioner provisioner, MeetingRepository meetings, LiveConferences live,
                         ConferenceControl control, RoomRules rules) {
        this.rooms = rooms;
        this.provisioner = provisioner;
        this.meetings = meetings;
        this.live = live;
        this.control = control;
        this.rules = rules;
    }

    /** For CDI's client proxy only. */
    protected RoomOversight() {
    }

    /** Rooms by a part of their name, or by an alias, numeric alias or join link; newest first. */
    public List<Room> search(String text) {
        int link = text.lastIndexOf(JOIN_PATH);
        String wanted = link >= 0 ? text.substring(link + JOIN_PATH.length()).split("[?#]", 2)[0] : text;
        return rooms.search(wanted, MOST_FOUND);
    }

    public Optional<RoomOverview> overview(UUID roomId) {
        return rooms.find(roomId).map(this::overview);
    }

    /** The room's own limit, or (empty) the service's; a conference running in it follows at its next join. */
    public Optional<RoomOverview> limitParticipants(UUID roomId, Optional<Integer> limit) {
        return provisioner.limitParticipants(roomId, limit).map(this::overview);
    }

    /** Closes the room first, so that nobody joins again, then ends its conference. */
    public Optional<RoomOverview> close(UUID roomId) {
        Optional<Room> closed = provisioner.close(roomId);
        closed.ifPresent(room -> control.endInRoom(room.id()));
        return closed.map(this::overview);
    }

    private RoomOverview overview(Room room) {
        Optional<Conference> running = live.all().stream()
                .filter(conference -> conference.roomId().equals(room.id()) && !conference.ended()).findFirst();
        return new RoomOverview(room, meetings.inRoom(room.id()), running,
                room.participantLimit().orElseGet(rules::participantLimit));
    }
}
