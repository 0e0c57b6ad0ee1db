package io.vestibule.access;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Ticker;

import io.vestibule.booking.BookingService;
import io.vestibule.booking.JoinWindow;
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
    @Inject
    RoomRepository rooms;

    @Inject
    MeetingRepository meetings;

    @Inject
    BookingService bookings;

    @Inject
    @ConfigProperty(name = "vestibule.join.room-cache-seconds", defaultValue = "30")
    int cacheSeconds;

    @Inject
    @ConfigProperty(name = "vestibule.join.room-cache-size", defaultValue = "10000")
    int cacheSize;

    private JoinableRoomCache cache;
    private JoinWindow window;

    @PostConstruct
    void start() {
        if (cacheSeconds < 0 || cacheSize < 0) {
            throw new IllegalArgumentException("VESTIBULE_JOIN_ROOM_CACHE_SECONDS and VESTIBULE_JOIN_ROOM_CACHE_SIZE must not be negative");
        }
        cache = new JoinableRoomCache(Duration.ofSeconds(cacheSeconds), cacheSize, Ticker.systemTicker());
        window = bookings.joinWindow();
    }

    public Optional<JoinableRoom> find(String alias) {
        return cache.find(alias, this::load);
    }

    /** After the writing transaction, committed or not: until then, readers see the room as it was. */
    void written(@Observes(during = TransactionPhase.AFTER_COMPLETION) RoomChanged change) {
        cache.forget(change.roomId());
    }

    private Optional<JoinableRoom> load(String alias) {
        return rooms.findByAlias(alias).map(room -> new JoinableRoom(room, meetingsOf(room), window));
    }

    private List<MeetingTimes> meetingsOf(Room room) {
        // A personal room has no booking window, however many meetings are held in it.
        return room.kind() == RoomKind.PERSONAL ? List.of() : meetings.inRoom(room.id()).stream().map(Meeting::times).toList();
    }
}
