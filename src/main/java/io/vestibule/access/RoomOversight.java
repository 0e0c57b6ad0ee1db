package io.vestibule.access;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.LiveConferences;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.booking.RoomReferences;
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

    private RoomRepository rooms;
    private RoomProvisioner provisioner;
    private MeetingRepository meetings;
    private LiveConferences live;
    private ConferenceControl control;
    private RoomRules rules;
    private RoomReferences references;

    @Inject
    public RoomOversight(RoomRepository rooms, RoomProvisioner provisioner, MeetingRepository meetings, LiveConferences live,
                         ConferenceControl control, RoomRules rules, RoomReferences references) {
        this.rooms = rooms;
        this.provisioner = provisioner;
        this.meetings = meetings;
        this.live = live;
        this.control = control;
        this.rules = rules;
        this.references = references;
    }

    /** For CDI's client proxy only. */
    protected RoomOversight() {
    }

    /**
     * The rooms the text names as people know them ({@link RoomReferences}: an id, an alias or numeric alias, a join
     * link, a meeting's title), then those with the text in their name, newest first; at most {@value #MOST_FOUND}.
     */
    public List<Room> search(String text) {
        Map<UUID, Room> found = new LinkedHashMap<>();
        if (!text.isBlank()) {
            references.resolve(text).rooms().stream().limit(MOST_FOUND)
                    .forEach(named -> rooms.find(named.roomId()).ifPresent(room -> found.putIfAbsent(room.id(), room)));
        }
        rooms.search(text, MOST_FOUND).forEach(room -> found.putIfAbsent(room.id(), room));
        return found.values().stream().limit(MOST_FOUND).toList();
    }

    /** The conferences running now, the longest running first. */
    public List<LiveRoom> live() {
        return live.all().stream().filter(conference -> !conference.ended())
                .sorted(Comparator.comparing(Conference::startedAt))
                .flatMap(conference -> rooms.find(conference.roomId()).map(room -> new LiveRoom(room, conference)).stream())
                .toList();
    }

    public Optional<RoomOverview> overview(UUID roomId) {
        return rooms.find(roomId).map(this::overview);
    }

    /** The room's own limit, or (empty) the service's; a conference running in it follows at its next join. */
    public Optional<RoomOverview> limitParticipants(UUID roomId, Optional<Integer> limit) {
        return provisioner.limitParticipants(roomId, limit).map(this::overview);
    }

    /** The room's own choice whether newcomers wait for admission, or (empty) the service's; from its next conference on. */
    public Optional<RoomOverview> letNewcomersWaitForAdmission(UUID roomId, Optional<Boolean> wait) {
        return provisioner.letNewcomersWaitForAdmission(roomId, wait).map(this::overview);
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
