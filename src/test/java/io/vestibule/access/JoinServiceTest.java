package io.vestibule.access;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.access.conference.WaitingReason;
import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.RecordNotDurable;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.MeetingChanges;
import io.vestibule.booking.Organizer;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomChanged;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

import static io.vestibule.access.JoinFixture.START;
import static io.vestibule.access.JoinFixture.ip;
import static io.vestibule.access.JoinFixture.request;
import static io.vestibule.access.events.CallEvent.Type.JOIN_REFUSED;
import static io.vestibule.access.events.CallEvent.Type.PARTICIPANT_JOIN;
import static io.vestibule.access.events.CallEvent.Type.PARTICIPANT_WAIT;
import static io.vestibule.access.events.CallEvent.Type.PIN_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The order in which {@link JoinService} refuses a join, and what each refusal leaves behind. Each test makes its
 * refusal's condition hold together with every condition checked after it, so the answer shows which check wins:
 *
 * <ol>
 * <li>the source address is blocked: {@code blocked};</li>
 * <li>the alias names no room, or the room is blocked for PIN guessing: {@code not_found};</li>
 * <li>the meeting is not open: {@code outside_window}, or, cancelled, {@code not_found};</li>
 * <li>the invitation given is not valid for the room: {@code invalid_invitation};</li>
 * <li>a PIN is needed and none was given: {@code pin_required}, or the PIN is wrong: {@code invalid_pin} (one
 * request cannot be both);</li>
 * <li>a guest meets a locked conference: waits ({@code locked}); a guest meets no host where guests wait for one:
 * waits ({@code waiting_for_host}); the conference is full: {@code full} — for a host, full comes first, since
 * hosts pass the lobby.</li>
 * </ol>
 *
 * The scene: a two-PIN meeting room whose guests wait for a host, holding a conference filled to its limit (the host
 * and a crowd of guests from allow-listed addresses).
 */
class JoinServiceTest {
    private static final String HOST_PIN = "48291736";
    private static final String GUEST_PIN = "95027314";
    private static final String WRONG_PIN = "11112222";
    private static final String NOT_A_TOKEN = "not-a-token";
    private static final InetAddress NEWCOMER = ip("203.0.113.9");
    private static final InetAddress HOST_ADDRESS = ip("192.0.2.1");
    private static final InetAddress PIN_GUESSER = ip("203.0.113.77");

    private final JoinFixture fixture = new JoinFixture();
    private final Organizer owner = new Organizer(UUID.randomUUID(), "Olga Owner", "olga@example.org");
    private BookedMeeting booked;
    private String alias;
    private JoinAnswer.Joined host;

    @BeforeEach
    void aFullConferenceRunsInTheMeetingRoom() {
        booked = fixture.bookings.book(owner, new BookingRequest("Weekly", START.minus(Duration.ofMinutes(5)),
                START.plus(Duration.ofHours(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, true, Optional.of(HOST_PIN), Optional.of(GUEST_PIN)), false));
        alias = booked.room().alias(RoomAlias.Kind.NAME).orElseThrow().value();
        host = (JoinAnswer.Joined) fixture.joins.join(request(alias, HOST_ADDRESS, Optional.of(HOST_PIN), Optional.empty()));
        fixture.clock.advance(Duration.ofSeconds(100));
        for (int i = 1; i < Room.DEFAULT_PARTICIPANT_LIMIT; i++) {
            assertThat(fixture.joins.join(request(alias, ip("198.51.100." + i), Optional.of(GUEST_PIN), Optional.empty())))
                    .isInstanceOf(JoinAnswer.Joined.class);
        }
        assertThat(host.conference().presentCount()).isEqualTo(Room.DEFAULT_PARTICIPANT_LIMIT);
    }

    // ---- 1. the source address ------------------------------------------------------------------------------

    @Test
    void aBlockedAddressIsRefusedBeforeAnythingElseIsLookedAt() {
        conferenceLocked();
        hostGone();
        meetingMovedToTomorrow();
        roomBlocked();
        addressBlocked();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(WRONG_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(answer).isEqualTo(new JoinAnswer.Blocked(Duration.ofMinutes(10)));
        assertRecorded(tuple(JOIN_REFUSED, "blocked"));
        assertThat(fixture.attempts.keys).as("a blocked address's attempts are not counted again").isEmpty();
        assertThat(fixture.alarms.raised).isEmpty();
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=blocked}");
    }

    // ---- 2. the room ------------------------------------------------------------------------------------------

    @Test
    void anAliasOfNoRoomIsNotFound() {
        JoinAnswer answer = join(request("nosuchroom", NEWCOMER, Optional.of(WRONG_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(answer).isEqualTo(new JoinAnswer.NotFound());
        assertRecorded(tuple(JOIN_REFUSED, "not_found"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=not_found}");
    }

    @Test
    void anAliasThatCannotNameARoomIsNotFound() {
        JoinAnswer answer = join(request("../" + alias, NEWCOMER, Optional.of(HOST_PIN), Optional.empty()));

        assertThat(answer).isEqualTo(new JoinAnswer.NotFound());
        assertRecorded(tuple(JOIN_REFUSED, "not_found"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
    }

    @Test
    void aRoomBlockedForPinGuessingAnswersAsIfItDidNotExist() {
        conferenceLocked();
        hostGone();
        meetingMovedToTomorrow();
        roomBlocked();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(WRONG_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(answer).isEqualTo(new JoinAnswer.NotFound());
        assertRecorded(tuple(JOIN_REFUSED, "not_found"));
        assertThat(fixture.attempts.keys).as("the wrong PIN is not checked, so not counted").containsExactly(addressKey());
        assertThat(fixture.alarms.raised).isEmpty();
    }

    @Test
    void evenTheHostPinDoesNotOpenABlockedRoom() {
        roomBlocked();

        assertThat(join(request(alias, NEWCOMER, Optional.of(HOST_PIN), Optional.empty()))).isEqualTo(new JoinAnswer.NotFound());
    }

    // ---- 3. the meeting's window --------------------------------------------------------------------------

    @Test
    void aMeetingNotYetOpenIsOutsideTheWindow() {
        conferenceLocked();
        hostGone();
        Instant tomorrow = meetingMovedToTomorrow();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(WRONG_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(answer).isEqualTo(new JoinAnswer.OutsideWindow(tomorrow.minus(Duration.ofMinutes(15)), null));
        assertRecorded(tuple(JOIN_REFUSED, "outside_window"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=outside_window}");
    }

    @Test
    void aCancelledMeetingAnswersAsIfItsRoomDidNotExist() {
        conferenceLocked();
        hostGone();
        meetingCancelled();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(WRONG_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(answer).isEqualTo(new JoinAnswer.NotFound());
        assertRecorded(tuple(JOIN_REFUSED, "not_found"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
    }

    @Test
    void evenTheHostPinDoesNotOpenAMeetingBeforeItsWindow() {
        meetingMovedToTomorrow();

        assertThat(join(request(alias, NEWCOMER, Optional.of(HOST_PIN), Optional.empty())))
                .isInstanceOf(JoinAnswer.OutsideWindow.class);
    }

    // ---- 4. the invitation --------------------------------------------------------------------------------

    @Test
    void anInvalidInvitationIsRefusedBeforeThePinIsChecked() {
        conferenceLocked();
        hostGone();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(WRONG_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(answer).isEqualTo(new JoinAnswer.InvalidInvitation("token_malformed"));
        assertRecorded(tuple(JOIN_REFUSED, "invalid_invitation"));
        assertThat(fixture.attempts.keys).as("the wrong PIN is not checked, so not counted").containsExactly(addressKey());
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=invalid_invitation}");
    }

    // ---- 5. the PIN -----------------------------------------------------------------------------------------

    @Test
    void withoutAPinATwoPinRoomSaysWhichPinsItTakes() {
        conferenceLocked();
        hostGone();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.empty(), Optional.empty()));

        assertThat(answer).isEqualTo(new JoinAnswer.PinRequired(
                new PinCheck.PinRequired(PinCheck.Requirement.REQUIRED, PinCheck.Requirement.REQUIRED)));
        assertRecorded(tuple(JOIN_REFUSED, "pin_required"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=pin_required}");
    }

    @Test
    void aWrongPinCountsAgainstTheRoomAndIsRecordedAsAPinFailureOnly() {
        conferenceLocked();
        hostGone();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(WRONG_PIN), Optional.empty()));

        assertThat(answer).isEqualTo(new JoinAnswer.InvalidPin());
        assertRecorded(tuple(PIN_FAILURE, "invalid_pin"));
        assertThat(fixture.calls.events.get(0).roomId()).contains(booked.room().id().toString());
        assertThat(fixture.attempts.keys).containsExactly(addressKey(), "room:" + booked.room().id());
        assertThat(fixture.counted.names).containsExactly("vestibule_pin_failures", "vestibule_joins{outcome=invalid_pin}");
    }

    // ---- 6. the conference: lock, lobby, limit ------------------------------------------------------------

    @Test
    void aGuestMeetingALockedConferenceWaitsForAHostToAdmitThem() {
        conferenceLocked();
        hostGone();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(GUEST_PIN), Optional.empty()));

        assertThat(answer).isInstanceOfSatisfying(JoinAnswer.Waiting.class,
                waiting -> assertThat(waiting.reason()).isEqualTo(WaitingReason.LOCKED));
        assertRecorded(tuple(PARTICIPANT_WAIT, "locked"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=waiting}");
    }

    @Test
    void aGuestWithNoHostPresentWaitsForOneEvenWhenTheConferenceIsFull() {
        hostGone();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(GUEST_PIN), Optional.empty()));

        assertThat(answer).isInstanceOfSatisfying(JoinAnswer.Waiting.class,
                waiting -> assertThat(waiting.reason()).isEqualTo(WaitingReason.WAITING_FOR_HOST));
        assertRecorded(tuple(PARTICIPANT_WAIT, "waiting_for_host"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
    }

    @Test
    void aGuestFindingAFullConferenceIsRefused() {
        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(GUEST_PIN), Optional.empty()));

        assertThat(answer).isEqualTo(new JoinAnswer.Full());
        assertRecorded(tuple(JOIN_REFUSED, "full"));
        assertThat(fixture.attempts.keys).containsExactly(addressKey());
        assertThat(fixture.counted.names).containsExactly("vestibule_joins{outcome=full}");
    }

    @Test
    void aHostPassesTheLockButNotTheLimit() {
        conferenceLocked();

        JoinAnswer answer = join(request(alias, NEWCOMER, Optional.of(HOST_PIN), Optional.empty()));

        assertThat(answer).isEqualTo(new JoinAnswer.Full());
        assertRecorded(tuple(JOIN_REFUSED, "full"));
    }

    // ---- 7. the record before the token (penetration test, finding 7) -----------------------------------------

    @Test
    void joinsAndLobbyEntriesAreAnsweredOnlyOnceTheirRecordIsDurableAndRefusalsAreNotHeldUp() {
        String quiet = anotherMeetingsAlias();
        fixture.startWatching();
        JoinAnswer waiting = fixture.joins.join(request(quiet, NEWCOMER, Optional.of(GUEST_PIN), Optional.empty()));
        JoinAnswer joined = fixture.joins.join(request(quiet, ip("192.0.2.2"), Optional.of(HOST_PIN), Optional.empty()));
        fixture.joins.join(request(quiet, ip("192.0.2.3"), Optional.of(GUEST_PIN), Optional.of(NOT_A_TOKEN)));

        assertThat(waiting).isInstanceOf(JoinAnswer.Waiting.class);
        assertThat(joined).isInstanceOf(JoinAnswer.Joined.class);
        assertThat(fixture.calls.durable).extracting(CallEvent::type).containsExactly(PARTICIPANT_WAIT, PARTICIPANT_JOIN);
        assertThat(fixture.calls.events).extracting(CallEvent::type).endsWith(PARTICIPANT_WAIT, PARTICIPANT_JOIN, JOIN_REFUSED);
    }

    @Test
    void whenTheJournalCannotTakeTheRecordTheJoinFailsAndThePersonIsWithdrawn() {
        String quiet = anotherMeetingsAlias();
        fixture.calls.journalFails = true;

        assertThatExceptionOfType(RecordNotDurable.class)
                .isThrownBy(() -> join(request(quiet, NEWCOMER, Optional.of(GUEST_PIN), Optional.empty())));
        assertThatExceptionOfType(RecordNotDurable.class)
                .isThrownBy(() -> join(request(quiet, ip("192.0.2.2"), Optional.of(HOST_PIN), Optional.empty())));
        fixture.calls.journalFails = false;
        JoinAnswer.Joined afterwards = (JoinAnswer.Joined) join(request(quiet, ip("192.0.2.2"), Optional.of(HOST_PIN), Optional.empty()));

        assertThat(afterwards.conference().presentCount()).as("only the host who joined afterwards").isEqualTo(1);
        assertThat(afterwards.conference().lobby()).isEmpty();
    }

    /** A meeting of its own, open now, where guests wait for the host; no one has joined it yet. */
    private String anotherMeetingsAlias() {
        BookedMeeting other = fixture.bookings.book(owner, new BookingRequest("Quiet", fixture.clock.instant().minus(Duration.ofMinutes(5)),
                fixture.clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, true, Optional.of(HOST_PIN), Optional.of(GUEST_PIN)), false));
        return other.room().alias(RoomAlias.Kind.NAME).orElseThrow().value();
    }

    // ---- conditions, each holding from the moment it is made -------------------------------------------------

    /** The host locks the conference; only while their join token is still valid. */
    private void conferenceLocked() {
        try {
            fixture.control.lock(host.token().compact(), host.conference().id());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(host.conference().locked()).isTrue();
    }

    /** The host's presence runs out (they stopped refreshing); the guests, who came later, are still present. */
    private void hostGone() {
        fixture.clock.advance(Duration.ofSeconds(100));
        assertThat(host.conference().hostPresent(fixture.clock.instant())).isFalse();
        assertThat(host.conference().presentCount()).isEqualTo(Room.DEFAULT_PARTICIPANT_LIMIT);
    }

    /** Returns the new start. */
    private Instant meetingMovedToTomorrow() {
        Instant start = fixture.clock.instant().plus(Duration.ofDays(1));
        fixture.bookings.change(owner, booked.meeting().id(), new MeetingChanges(Optional.empty(), Optional.of(start),
                Optional.of(start.plus(Duration.ofHours(1))), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        roomWritten();
        return start;
    }

    private void meetingCancelled() {
        fixture.bookings.cancel(owner, booked.meeting().id());
        roomWritten();
    }

    /** What the entity listeners announce in the container after every write of the room or its meeting. */
    private void roomWritten() {
        fixture.joinableRooms.written(new RoomChanged(booked.room().id()));
    }

    /** Someone else guessed PINs past the room's threshold. */
    private void roomBlocked() {
        for (int i = 0; i <= fixture.breakInPolicy.room().threshold(); i++) {
            fixture.guard.pinFailed(booked.room().id().toString(), PIN_GUESSER);
        }
        assertThat(fixture.guard.roomBlocked(booked.room().id().toString())).isTrue();
    }

    /** The newcomer's address spent its join attempts. */
    private void addressBlocked() {
        for (int i = 0; i <= fixture.breakInPolicy.address().threshold(); i++) {
            fixture.guard.admitJoinAttempt(NEWCOMER);
        }
        assertThat(fixture.guard.admitJoinAttempt(NEWCOMER).isAdmitted()).isFalse();
    }

    private JoinAnswer join(JoinRequest request) {
        fixture.startWatching();
        return fixture.joins.join(request);
    }

    private void assertRecorded(org.assertj.core.groups.Tuple... events) {
        assertThat(fixture.calls.events).extracting(CallEvent::type, CallEvent::outcome).containsExactly(events);
    }

    private static String addressKey() {
        return "address:" + NEWCOMER.getHostAddress();
    }
}
