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

import io.vestibule.access.JoinFixture.ClearPinVault;
import io.vestibule.access.JoinFixture.InMemoryMeetings;
import io.vestibule.access.JoinFixture.InMemoryRooms;
import io.vestibule.access.MeetingCancellation;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.JoinWindowSetting;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.Organizer;
import io.vestibule.calendar.block.JoinBlock;
import io.vestibule.calendar.block.JoinBlockDetails;
import io.vestibule.calendar.block.JoinBlockRenderer;
import io.vestibule.calendar.block.JoinBlockTemplates;
import io.vestibule.calendar.block.TemplatedJoinBlocks;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.settings.SavedSettings;
import io.vestibule.rooms.RoomProvisioner;
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

    /** The default templates' block, remembering the language and details each rendering was asked for. */
    static final class RecordingRenderer implements JoinBlockRenderer {
        private final JoinBlockRenderer defaults = new TemplatedJoinBlocks(new JoinBlockTemplates(
                new SavedSettings(new MemorySettingStore(), new MapConfig(Map.of()))));
        final List<Locale> languages = new ArrayList<>();
        final List<JoinBlockDetails> details = new ArrayList<>();

        @Override
        public JoinBlock render(JoinBlockDetails details, Locale language) {
            this.languages.add(language);
            this.details.add(details);
            return defaults.render(details, language);
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
}
