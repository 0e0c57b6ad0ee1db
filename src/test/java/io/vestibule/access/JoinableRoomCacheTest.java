package io.vestibule.access;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.vestibule.booking.Admission;
import io.vestibule.booking.JoinWindow;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingSchedule;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomType;

import static org.assertj.core.api.Assertions.assertThat;

class JoinableRoomCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong();
    private final JoinableRoomCache<String> cache = new JoinableRoomCache<>(TIME_TO_LIVE, 100, nanos::get);
    private final Database database = new Database();

    @Test
    void aRoomIsReadOnceAndThenServedFromMemory() {
        JoinableRoom first = cache.find("quarterly", database).orElseThrow();

        assertThat(cache.find("quarterly", database)).containsSame(first);
        assertThat(database.reads("quarterly")).isEqualTo(1);
    }

    @Test
    void aWriteOfTheRoomIsReadAgainAtTheNextJoin() {
        JoinableRoom before = cache.find("quarterly", database).orElseThrow();
        JoinableRoom after = database.rewrite("quarterly");

        cache.forget(before.room().id());

        assertThat(cache.find("quarterly", database)).containsSame(after);
        assertThat(database.reads("quarterly")).isEqualTo(2);
    }

    @Test
    void aWriteOfAnotherRoomLeavesThisOneCached() {
        cache.find("quarterly", database).orElseThrow();
        JoinableRoom other = cache.find("weekly", database).orElseThrow();

        cache.forget(other.room().id());
        cache.find("quarterly", database);

        assertThat(database.reads("quarterly")).isEqualTo(1);
    }

    @Test
    void aCopyIsReadAgainOnceItsTimeToLiveHasPassed() {
        cache.find("quarterly", database);
        nanos.addAndGet(TIME_TO_LIVE.minusSeconds(1).toNanos());
        cache.find("quarterly", database);
        assertThat(database.reads("quarterly")).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        cache.find("quarterly", database);
        assertThat(database.reads("quarterly")).isEqualTo(2);
    }

    @Test
    void aReadOverlappingAWriteIsUsedOnceButNotKept() {
        UUID roomId = database.room("quarterly").room().id();
        Function<String, Optional<JoinableRoom>> readDuringAWrite = alias -> {
            Optional<JoinableRoom> stale = database.apply(alias);
            database.rewrite(alias);
            cache.forget(roomId);
            return stale;
        };

        JoinableRoom stale = cache.find("quarterly", readDuringAWrite).orElseThrow();

        assertThat(cache.find("quarterly", database).orElseThrow()).isNotSameAs(stale)
                .isSameAs(database.room("quarterly"));
    }

    @Test
    void anAliasThatNamesNoRoomIsAskedForEveryTime() {
        assertThat(cache.find("nosuchroom", database)).isEmpty();
        assertThat(cache.find("nosuchroom", database)).isEmpty();

        assertThat(database.reads("nosuchroom")).isEqualTo(2);
    }

    @Test
    void itHoldsNoMoreRoomsThanItsCapacity() {
        JoinableRoomCache<String> small = new JoinableRoomCache<>(TIME_TO_LIVE, 10, nanos::get);
        for (int i = 0; i < 100; i++) {
            small.find("room" + i, database);
        }
        for (int i = 0; i < 100; i++) {
            small.find("room" + i, database);
        }

        long readAgain = database.reads.values().stream().filter(count -> count > 1).count();
        assertThat(readAgain).isGreaterThanOrEqualTo(90);
    }

    @Test
    void aMeetingRoomAdmitsByItsMeetingsTimesAndAPersonalRoomAlways() {
        ZonedDateTime start = NOW.atZone(ZoneOffset.UTC).plusMinutes(10);
        Room meetingRoom = room(RoomKind.MEETING);
        Meeting meeting = new Meeting(UUID.randomUUID(), meetingRoom.ownerId(), meetingRoom.id(), "Weekly",
                new MeetingSchedule(start, start.plusHours(1), Optional.empty()), List.of(), "meet.example.org", NOW);

        assertThat(new JoinableRoom(meetingRoom, List.of(meeting.times())).admissionAt(NOW, JoinWindow.DEFAULT))
                .contains(new Admission.Open());
        assertThat(new JoinableRoom(meetingRoom, List.of(meeting.times())).admissionAt(start.plusHours(2).toInstant(), JoinWindow.DEFAULT))
                .containsInstanceOf(Admission.Closed.class);
        assertThat(new JoinableRoom(meetingRoom, List.of()).admissionAt(NOW, JoinWindow.DEFAULT))
                .contains(new Admission.Cancelled());
        assertThat(new JoinableRoom(room(RoomKind.PERSONAL), List.of(meeting.times())).admissionAt(NOW, JoinWindow.DEFAULT))
                .isEmpty();

        meeting.cancel(NOW);
        assertThat(new JoinableRoom(meetingRoom, List.of(meeting.times())).admissionAt(NOW, JoinWindow.DEFAULT))
                .contains(new Admission.Cancelled());
    }

    private static Room room(RoomKind kind) {
        return new Room(UUID.randomUUID(), UUID.randomUUID(), kind, "Weekly", List.of(RoomAlias.numeric("12345678")),
                RoomType.HOST_PIN_ONLY, false, new byte[] {1}, null, NOW);
    }

    /** Rooms by alias, counting how often each alias is read; "nosuchroom" names none. */
    private static final class Database implements Function<String, Optional<JoinableRoom>> {
        private final Map<String, JoinableRoom> rooms = new HashMap<>();
        private final Map<String, Integer> reads = new HashMap<>();

        @Override
        public Optional<JoinableRoom> apply(String alias) {
            reads.merge(alias, 1, Integer::sum);
            return alias.equals("nosuchroom") ? Optional.empty() : Optional.of(room(alias));
        }

        JoinableRoom room(String alias) {
            return rooms.computeIfAbsent(alias, any -> new JoinableRoom(JoinableRoomCacheTest.room(RoomKind.MEETING), List.of()));
        }

        /** The same room, written: a new copy with the same id. */
        JoinableRoom rewrite(String alias) {
            Room room = room(alias).room();
            return rooms.compute(alias, (any, old) -> new JoinableRoom(room, List.of()));
        }

        int reads(String alias) {
            return reads.getOrDefault(alias, 0);
        }
    }
}
