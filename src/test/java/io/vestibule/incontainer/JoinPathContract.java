package io.vestibule.incontainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.access.JoinAnswer;
import io.vestibule.access.JoinRequest;
import io.vestibule.access.JoinService;
import io.vestibule.access.JoinableRooms;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.booking.MeetingSchedule;
import io.vestibule.booking.MeetingStatus;
import io.vestibule.rooms.PinPolicy;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomProvisioner;
import io.vestibule.rooms.RoomRepository;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

/**
 * The JPA repositories and the join path as the container wires them: CDI injection, JTA transactions, the
 * container's pool behind {@code jdbc/vestibule}, the schema Flyway made at start, the entity listeners' events
 * reaching {@link JoinableRooms}. Every test runs inside Payara Micro (Arquillian's servlet protocol); the
 * subclasses choose the database. The HTTP contract stays with the black-box tests ({@code *IT} against the
 * runnable jar).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class JoinPathContract {
    private static final String ICS_DOMAIN = "in-container.test";
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Inject
    RoomRepository rooms;

    @Inject
    MeetingRepository meetings;

    @Inject
    RoomProvisioner provisioner;

    @Inject
    JoinService joins;

    @Inject
    JoinableRooms joinableRooms;

    /*
     * Not the UserTransaction: Payara's @Transactional interceptor keeps the invocation's previous transaction-operations
     * manager in a field of the interceptor, which threads calling one application-scoped repository share. The
     * housekeeping sweep's nested calls every two seconds can leave "transaction methods not allowed" on this thread's
     * invocation, and the UserTransaction then refuses with "Operation not allowed" (seen once in CI); the transaction
     * manager does not consult that flag.
     */
    @Resource(lookup = "java:appserver/TransactionManager")
    TransactionManager transaction;

    @Resource(lookup = "jdbc/vestibule")
    DataSource dataSource;

    private final SecureRandom random = new SecureRandom();

    /** {@link java.sql.DatabaseMetaData#getDatabaseProductName()} of the database this class runs against. */
    protected abstract String databaseProduct();

    @Test
    void theApplicationRunsOnThisClassesDatabaseWithEveryMigrationApplied() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select count(*), sum(case when success then 1 else 0 end), max(installed_rank) from flyway_schema_history")) {
            assertEquals(databaseProduct(), connection.getMetaData().getDatabaseProductName());
            assertTrue(result.next());
            int applied = result.getInt(1);
            assertTrue(applied >= 4, "migrations recorded: " + applied);
            assertEquals(applied, result.getInt(2), "every recorded migration succeeded");
        }
    }

    @Test
    void aRoomSavedThroughTheRepositoryIsFoundByEitherAliasInANewTransaction() throws Exception {
        UUID owner = account();
        Room created = inTransaction(() -> provisioner.createMeetingRoom(owner, "Quarterly review", generatedPins()));
        List<String> aliases = created.aliases().stream().map(RoomAlias::value).toList();
        assertEquals(2, aliases.size(), "a name alias and a numeric one");

        for (String alias : aliases) {
            Room found = inTransaction(() -> rooms.findByAlias(alias)).orElseThrow(() -> new AssertionError("no room at " + alias));
            assertNotSame(created, found, "read back from the database, not the writing transaction's instance");
            assertEquals(created.id(), found.id());
            assertEquals(owner, found.ownerId());
            assertEquals("Quarterly review", found.name());
            assertEquals(RoomType.HOST_AND_GUEST_PINS, found.type());
            assertEquals(Set.copyOf(aliases), found.aliases().stream().map(RoomAlias::value).collect(Collectors.toSet()));
            assertArrayEquals(created.sealedHostPin(), found.sealedHostPin());
            assertArrayEquals(created.sealedGuestPin().orElseThrow(), found.sealedGuestPin().orElseThrow());
            assertTrue(rooms.aliasTaken(alias));
        }
        assertEquals(created.id(), rooms.find(created.id()).orElseThrow().id());
        assertEquals(2, count("select count(*) from room_alias where room_id = ?", created.id().toString()));
        assertTrue(rooms.findByAlias("no-such-" + UUID.randomUUID().toString().substring(0, 8)).isEmpty());
    }

    @Test
    void aRoomAddedInATransactionThatRollsBackIsNotFound() throws Exception {
        UUID owner = account();
        transaction.begin();
        Room room;
        try {
            room = provisioner.createMeetingRoom(owner, "Never was", generatedPins());
        } finally {
            transaction.rollback();
        }
        String alias = room.aliases().get(0).value();
        assertTrue(rooms.findByAlias(alias).isEmpty());
        assertFalse(rooms.aliasTaken(alias));
        assertTrue(rooms.find(room.id()).isEmpty());
        assertEquals(0, count("select count(*) from room where id = ?", room.id().toString()));
    }

    @Test
    void meetingsComeBackSoonestFirstForTheirOwnerAndByRoom() throws Exception {
        UUID owner = account();
        UUID someoneElse = account();
        Room first = inTransaction(() -> provisioner.createMeetingRoom(owner, "First", generatedPins()));
        Room second = inTransaction(() -> provisioner.createMeetingRoom(owner, "Second", generatedPins()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Added out of order, in one transaction.
        Meeting inThreeDays = meeting(owner, first, "In three days", now.plus(Duration.ofDays(3)), List.of("a@example.org", "b@example.org"));
        Meeting tomorrow = meeting(owner, second, "Tomorrow", now.plus(Duration.ofDays(1)), List.of());
        Meeting inTwoDays = meeting(owner, first, "In two days", now.plus(Duration.ofDays(2)), List.of());
        Meeting othersMeeting = meeting(someoneElse, first, "Someone else's", now.plus(Duration.ofHours(12)), List.of());
        inTransaction(() -> List.of(meetings.add(inThreeDays), meetings.add(tomorrow), meetings.add(inTwoDays), meetings.add(othersMeeting)));

        assertEquals(List.of(tomorrow.id(), inTwoDays.id(), inThreeDays.id()), ids(inTransaction(() -> meetings.ownedBy(owner))));
        assertEquals(List.of(othersMeeting.id()), ids(inTransaction(() -> meetings.ownedBy(someoneElse))));
        assertEquals(Set.of(inThreeDays.id(), inTwoDays.id(), othersMeeting.id()), Set.copyOf(ids(meetings.inRoom(first.id()))));
        assertEquals(List.of(tomorrow.id()), ids(meetings.inRoom(second.id())));

        Meeting read = inTransaction(() -> meetings.find(inThreeDays.id())).orElseThrow();
        assertNotSame(inThreeDays, read);
        assertEquals("In three days", read.title());
        assertEquals(first.id(), read.roomId());
        assertEquals(now.plus(Duration.ofDays(3)), read.times().start());
        assertEquals(ZONE, read.times().zone());
        assertEquals(List.of("a@example.org", "b@example.org"), read.invitees());
        assertEquals(MeetingStatus.SCHEDULED, read.status());

        inTransaction(() -> {
            meetings.find(inThreeDays.id()).orElseThrow().cancel(Instant.now());
            return null;
        });
        Meeting cancelled = inTransaction(() -> meetings.find(inThreeDays.id())).orElseThrow();
        assertEquals(MeetingStatus.CANCELLED, cancelled.status());
        assertEquals(1, cancelled.icsSequence(), "a cancellation raises the invitation's sequence");
        assertTrue(meetings.find(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aWrongPinIsRefusedAndTheRightPinsAreAnsweredWithTokens() throws Exception {
        OpenRoom room = openRoom("Joinable");
        InetAddress source = address(10);

        assertInstanceOf(JoinAnswer.InvalidPin.class, joins.join(request(room.alias, Optional.of(room.wrongPin()), source)));
        assertEquals("invalid_pin", joins.join(request(room.alias, Optional.of(room.wrongPin()), source)).outcome());
        assertEquals("pin_required", joins.join(request(room.alias, Optional.empty(), source)).outcome());
        assertInstanceOf(JoinAnswer.NotFound.class, joins.join(request("no-such-room-" + random.nextInt(1_000_000), Optional.of(room.hostPin), source)));

        JoinAnswer host = joins.join(request(room.alias, Optional.of(room.hostPin), source));
        var joined = assertInstanceOf(JoinAnswer.Joined.class, host);
        assertEquals("host", host.outcome());
        assertEquals(room.id, joined.conference().roomId());
        assertEquals(3, joined.token().compact().split("\\.").length, "a compact JWS");

        JoinAnswer guest = joins.join(request(room.alias, Optional.of(room.guestPin), source));
        var guestJoined = assertInstanceOf(JoinAnswer.Joined.class, guest);
        assertEquals("guest", guest.outcome());
        assertEquals(joined.conference().id(), guestJoined.conference().id(), "one conference per room");
        assertNotEquals(joined.token().compact(), guestJoined.token().compact());
    }

    @Test
    void aChangedPinAppliesToTheVeryNextJoin() throws Exception {
        OpenRoom room = openRoom("Changing");
        InetAddress source = address(20);
        assertEquals("host", joins.join(request(room.alias, Optional.of(room.hostPin), source)).outcome());
        assertTrue(joinableRooms.find(room.alias).isPresent());

        String newHostPin = differentPin(room.hostPin, room.guestPin);
        inTransaction(() -> {
            Room stored = rooms.find(room.id).orElseThrow();
            provisioner.reconfigure(stored, new RoomSettings(RoomType.HOST_AND_GUEST_PINS, false, Optional.of(newHostPin), Optional.empty()));
            return null;
        });

        // The entity listener's event, observed after the commit, dropped the join path's copy of the room.
        assertEquals("invalid_pin", joins.join(request(room.alias, Optional.of(room.hostPin), source)).outcome());
        assertEquals("host", joins.join(request(room.alias, Optional.of(newHostPin), source)).outcome());
        assertEquals("guest", joins.join(request(room.alias, Optional.of(room.guestPin), source)).outcome(), "the guest PIN was kept");
    }

    @Test
    void aRoomWhoseMeetingIsLaterOrCancelledAdmitsNoOne() throws Exception {
        UUID owner = account();
        Room room = inTransaction(() -> provisioner.createMeetingRoom(owner, "Later", generatedPins()));
        String hostPin = provisioner.pins(room).host().digits();
        String alias = room.aliases().get(0).value();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(3));
        Meeting later = meeting(owner, room, "Later today", start, List.of());
        inTransaction(() -> meetings.add(later));
        InetAddress source = address(30);

        JoinAnswer early = joins.join(request(alias, Optional.of(hostPin), source));
        var outside = assertInstanceOf(JoinAnswer.OutsideWindow.class, early);
        assertEquals(start.minus(Duration.ofMinutes(15)), outside.opensAt(), "rooms open 15 minutes before the start");

        inTransaction(() -> {
            meetings.find(later.id()).orElseThrow().cancel(Instant.now());
            return null;
        });
        assertInstanceOf(JoinAnswer.NotFound.class, joins.join(request(alias, Optional.of(hostPin), source)),
                "a cancelled meeting's room answers as an unknown one, at once");
    }

    /** A meeting room whose meeting is open now, with its PINs in clear. */
    private OpenRoom openRoom(String name) throws Exception {
        UUID owner = account();
        Room room = inTransaction(() -> provisioner.createMeetingRoom(owner, name, generatedPins()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Meeting open = new Meeting(UUID.randomUUID(), owner, room.id(), name,
                MeetingSchedule.of(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)), ZONE, Optional.empty()),
                List.of(), ICS_DOMAIN, now);
        inTransaction(() -> meetings.add(open));
        var pins = provisioner.pins(room);
        return new OpenRoom(room.id(), room.aliases().get(0).value(), pins.host().digits(), pins.guest().orElseThrow().digits());
    }

    private record OpenRoom(UUID id, String alias, String hostPin, String guestPin) {
        String wrongPin() {
            return hostPin.equals("13572468") || guestPin.equals("13572468") ? "24681357" : "13572468";
        }
    }

    private static RoomSettings generatedPins() {
        return new RoomSettings(RoomType.HOST_AND_GUEST_PINS, false, Optional.empty(), Optional.empty());
    }

    private String differentPin(String... taken) {
        PinPolicy policy = new PinPolicy(PinPolicy.DEFAULT_LENGTH);
        while (true) {
            String candidate = policy.generate(random).digits();
            if (!List.of(taken).contains(candidate)) {
                return candidate;
            }
        }
    }

    private static Meeting meeting(UUID owner, Room room, String title, Instant start, List<String> invitees) {
        return new Meeting(UUID.randomUUID(), owner, room.id(), title,
                MeetingSchedule.of(start, start.plus(Duration.ofHours(1)), ZONE, Optional.empty()), invitees, ICS_DOMAIN, Instant.now());
    }

    private static JoinRequest request(String alias, Optional<String> pin, InetAddress source) {
        return new JoinRequest(alias, "In-container tester", pin, Optional.empty(), source, 40000, Optional.of("arquillian"), Optional.empty());
    }

    /** A documentation address (192.0.2.0/24) per test, so that one test's failures never block another's joins. */
    private static InetAddress address(int last) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) last});
    }

    private static List<UUID> ids(List<Meeting> list) {
        return list.stream().map(Meeting::id).toList();
    }

    /** A portal user as sign-in leaves one (rooms and meetings refer to their owner's row): written with SQL. */
    private UUID account() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "insert into user_account (id, issuer, subject, username, display_name, email, created_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, id.toString());
            statement.setString(2, "in-container-test");
            statement.setString(3, id.toString());
            statement.setString(4, "owner-" + id);
            statement.setString(5, "Owner " + id.toString().substring(0, 8));
            statement.setString(6, "owner-" + id + "@example.org");
            statement.setObject(7, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
            statement.executeUpdate();
        }
        return id;
    }

    private int count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                assertTrue(result.next());
                return result.getInt(1);
            }
        }
    }

    private <T> T inTransaction(Callable<T> work) throws Exception {
        transaction.begin();
        try {
            T result = work.call();
            transaction.commit();
            return result;
        } catch (Exception | Error e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }
}
