package io.vestibule.access;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Ticker;

import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.booking.MeetingTimes;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomChanged;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomRepository;

/** The rooms that join attempts name, read through a {@link JoinableRoomCache} that every write of them empties. */
@ApplicationScoped
public class JoinableRooms {
    private RoomRepository rooms;
    private MeetingRepository meetings;
    private JoinableRoomCache<String> byAlias;
    private JoinableRoomCache<UUID> byId;

    @Inject
    public JoinableRooms(RoomRepository rooms, MeetingRepository meetings,
                         @ConfigProperty(name = "vestibule.join.room-cache-seconds", defaultValue = "30") int cacheSeconds,
                         @ConfigProperty(name = "vestibule.join.room-cache-size", defaultValue = "10000") int cacheSize) {
        if (cacheSeconds < 0 || cacheSize < 0) {
            throw new IllegalArgumentException("VESTIBULE_JOIN_ROOM_CACHE_SECONDS and VESTIBULE_JOIN_ROOM_CACHE_SIZE must not be negative");
        }
        this.rooms = rooms;
        this.meetings = meetings;
        this.byAlias = new JoinableRoomCache<>(Duration.ofSeconds(cacheSeconds), cacheSize, Ticker.systemTicker());
        this.byId = new JoinableRoomCache<>(Duration.ofSeconds(cacheSeconds), cacheSize, Ticker.systemTicker());
    }

    /** For CDI's client proxy only. */
    protected JoinableRooms() {
    }

    public Optional<JoinableRoom> find(String alias) {
        return byAlias.find(alias, this::load);
    }

    /** The room a conference runs in, as joins read it. */
    public Optional<JoinableRoom> ofRoom(UUID roomId) {
        return byId.find(roomId, id -> rooms.find(id).map(this::joinable));
    }

    /** After the writing transaction, committed or not: until then, readers see the room as it was. */
    void written(@Observes(during = TransactionPhase.AFTER_COMPLETION) RoomChanged change) {
        byAlias.forget(change.roomId());
        byId.forget(change.roomId());
    }

    private Optional<JoinableRoom> load(String alias) {
        return rooms.findByAlias(alias).map(this::joinable);
    }

    private JoinableRoom joinable(Room room) {
        return new JoinableRoom(room, meetingsOf(room));
    }

    private List<MeetingTimes> meetingsOf(Room room) {
        // A personal room has no booking window, however many meetings are held in it.
        return room.kind() == RoomKind.PERSONAL ? List.of() : meetings.inRoom(room.id()).stream().map(Meeting::times).toList();
    }
}
