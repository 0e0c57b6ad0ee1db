package io.vestibule.calendar;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.access.MeetingCancellation;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.JoinWindowSetting;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.booking.Organizer;
import io.vestibule.calendar.block.BuiltInJoinBlocks;
import io.vestibule.calendar.block.JoinBlock;
import io.vestibule.calendar.block.JoinBlockDetails;
import io.vestibule.calendar.block.JoinBlockRenderer;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.settings.SavedSettings;
import io.vestibule.rooms.Pin;
import io.vestibule.rooms.PinVault;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomProvisioner;
import io.vestibule.rooms.RoomRepository;
import io.vestibule.rooms.RoomRules;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.MemorySettingStore;
import io.vestibule.testing.TestClock;

/**
 * Calendar events wired as CDI wires them, without a container: the real booking service and room provisioner over
 * in-memory stores, on a clock the test sets. Cancelling stops at booking's part: ending a live conference is access's
 * business and has tests of its own.
 */
final class CalendarFixture {
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final String PUBLIC_URL = "https://vestibule.example.org/";

    final CryptoPolicy policy = CryptoPolicy.standard();
    final TestClock clock = new TestClock(NOW);
    final SavedSettings settings = new SavedSettings(new MemorySettingStore(), new MapConfig(Map.of()));
    final InMemoryRooms rooms = new InMemoryRooms();
    final InMemoryMeetings meetings = new InMemoryMeetings();
    final RoomProvisioner provisioner = new RoomProvisioner(rooms, new ClearPinVault(), policy.newSecureRandom(), clock, new RoomRules(settings));
    final BookingService bookings = new BookingService(meetings, rooms, provisioner, clock, URI.create(PUBLIC_URL),
            new JoinWindowSetting(settings));
    final InMemoryCalendarEvents events = new InMemoryCalendarEvents();
    final RecordingRenderer renderer = new RecordingRenderer();
    final CalendarEvents calendar = new CalendarEvents(new CalendarEventTransaction(events, bookings), events, bookings,
            new BookingCancellation(bookings), renderer, policy);

    static Organizer organizer(String name) {
        return new Organizer(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), name, name + "@example.org");
    }

    Meeting meeting(UUID id) {
        return meetings.find(id).orElseThrow();
    }

    /** The store of calendar events, as the unique constraint on (organizer, key hash) keeps it. */
    static final class InMemoryCalendarEvents implements CalendarEventRepository {
        final Map<String, UUID> byOrganizerAndHash = new HashMap<>();
        /** Runs before the next link, as another call's commit would land between our look-up and our write. */
        Runnable beforeNextLink = () -> { };
        /** Runs when the next change is written: a concurrent change of the same meeting throws {@link CalendarEventRaced} here. */
        Runnable beforeNextSettle = () -> { };

        @Override
        public Optional<UUID> meetingOf(UUID organizerId, String keyHash) {
            return Optional.ofNullable(byOrganizerAndHash.get(organizerId + "/" + keyHash));
        }

        @Override
        public void link(UUID organizerId, String keyHash, UUID meetingId) {
            Runnable race = beforeNextLink;
            beforeNextLink = () -> { };
            race.run();
            if (byOrganizerAndHash.putIfAbsent(organizerId + "/" + keyHash, meetingId) != null) {
                throw new CalendarEventRaced(null);
            }
        }

        @Override
        public void settle() {
            Runnable race = beforeNextSettle;
            beforeNextSettle = () -> { };
            race.run();
        }

        @Override
        public void relink(UUID organizerId, String keyHash, UUID meetingId) {
            byOrganizerAndHash.replace(organizerId + "/" + keyHash, meetingId);
        }
    }

    /** The built-in block, remembering the language and details each rendering was asked for. */
    static final class RecordingRenderer implements JoinBlockRenderer {
        final List<Locale> languages = new ArrayList<>();
        final List<JoinBlockDetails> details = new ArrayList<>();

        @Override
        public JoinBlock render(JoinBlockDetails details, Locale language) {
            this.languages.add(language);
            this.details.add(details);
            return new BuiltInJoinBlocks().render(details, language);
        }
    }

    /** Booking's part of a cancellation; the conference part needs live conferences, which these tests have none of. */
    static final class BookingCancellation extends MeetingCancellation {
        private final BookingService bookings;

        BookingCancellation(BookingService bookings) {
            this.bookings = bookings;
        }

        @Override
        public void cancel(Organizer owner, UUID meetingId) {
            bookings.cancel(owner, meetingId);
        }
    }

    static final class InMemoryRooms implements RoomRepository {
        private final Map<UUID, Room> byId = new HashMap<>();

        @Override
        public Optional<Room> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<Room> findByAlias(String alias) {
            return byId.values().stream().filter(room -> room.aliases().stream().anyMatch(a -> a.value().equals(alias))).findFirst();
        }

        @Override
        public Optional<Room> findPersonalRoom(UUID ownerId) {
            return byId.values().stream().filter(room -> room.kind() == RoomKind.PERSONAL && room.ownerId().equals(ownerId)).findFirst();
        }

        @Override
        public boolean aliasTaken(String alias) {
            return findByAlias(alias).isPresent();
        }

        @Override
        public Room add(Room room) {
            byId.put(room.id(), room);
            return room;
        }

        @Override
        public List<Room> search(String text, int limit) {
            return byId.values().stream().filter(room -> room.name().contains(text)).limit(limit).toList();
        }
    }

    static final class InMemoryMeetings implements MeetingRepository {
        private final Map<UUID, Meeting> byId = new HashMap<>();

        @Override
        public Meeting add(Meeting meeting) {
            byId.put(meeting.id(), meeting);
            return meeting;
        }

        @Override
        public Optional<Meeting> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<Meeting> ownedBy(UUID ownerId) {
            return byId.values().stream().filter(meeting -> meeting.ownerId().equals(ownerId)).toList();
        }

        @Override
        public List<Meeting> inRoom(UUID roomId) {
            return byId.values().stream().filter(meeting -> meeting.roomId().equals(roomId)).toList();
        }

        @Override
        public List<Meeting> titled(String title) {
            return byId.values().stream().filter(meeting -> meeting.title().equalsIgnoreCase(title)).toList();
        }
    }

    /** PINs kept readable; what these tests look at is which PIN goes where, not how PINs are sealed. */
    static final class ClearPinVault extends PinVault {
        ClearPinVault() {
            super(null);
        }

        @Override
        public byte[] seal(UUID roomId, Role role, Pin pin) {
            return pin.digits().getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public Pin open(UUID roomId, Role role, byte[] sealed) {
            return new Pin(new String(sealed, StandardCharsets.US_ASCII));
        }
    }
}
