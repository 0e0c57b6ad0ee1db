package io.vestibule.access;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.token.Expectation;
import io.vestibule.access.token.TokenKind;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.JoinWindowSetting;
import io.vestibule.booking.Organizer;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomChanged;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

import static io.vestibule.access.JoinFixture.START;
import static io.vestibule.access.JoinFixture.ip;
import static io.vestibule.access.JoinFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A room that no longer admits anyone (R-BOOK-4) lets nobody further into the conference still running in it, in
 * the moments before that conference ends: a host's admit and unlock, a waiting guest's lobby token and everyone's
 * refresh are refused as for an ended conference. The housekeeping then ends the conference.
 *
 * <p>The scene: a locked conference in a meeting room whose join window closes one minute after {@link
 * JoinFixture#START} (the meeting ends then and the window takes no minutes after the end), with a host, a guest
 * who came before the lock, and a guest waiting in the lobby.
 */
class ShutRoomTest {
    private static final String HOST_PIN = "48291736";
    private static final String GUEST_PIN = "95027314";

    private final JoinFixture fixture = new JoinFixture();
    private final Organizer owner = new Organizer(UUID.randomUUID(), "Olga Owner", "olga@example.org");
    private BookedMeeting booked;
    private JoinAnswer.Joined host;
    private JoinAnswer.Joined guest;
    private JoinAnswer.Waiting waiting;

    @BeforeEach
    void aGuestWaitsInALockedConference() throws Exception {
        fixture.settings.save(Map.of(JoinWindowSetting.MINUTES_AFTER_END, "0"), "admin");
        booked = fixture.bookings.book(owner, new BookingRequest("Board", START.minus(Duration.ofMinutes(5)),
                START.plus(Duration.ofMinutes(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, false, Optional.of(HOST_PIN), Optional.of(GUEST_PIN)), false));
        String alias = booked.room().alias(RoomAlias.Kind.NAME).orElseThrow().value();
        host = (JoinAnswer.Joined) fixture.joins.join(request(alias, ip("192.0.2.1"), Optional.of(HOST_PIN), Optional.empty()));
        guest = (JoinAnswer.Joined) fixture.joins.join(request(alias, ip("192.0.2.2"), Optional.of(GUEST_PIN), Optional.empty()));
        fixture.control.lock(host.token().compact(), conference().id());
        waiting = (JoinAnswer.Waiting) fixture.joins.join(request(alias, ip("192.0.2.3"), Optional.of(GUEST_PIN), Optional.empty()));
    }

    @Test
    void whileTheRoomAdmitsTheLobbyAndRefreshesWork() throws Exception {
        fixture.control.admit(host.token().compact(), conference().id(), waiting.participant().id());

        assertThat(fixture.joins.waitWith(waiting.token().compact())).isInstanceOf(JoinAnswer.Joined.class);
        assertThat(fixture.joins.refresh(host.token().compact())).isInstanceOf(JoinAnswer.Joined.class);
        assertThat(fixture.joins.refresh(guest.token().compact())).isInstanceOf(JoinAnswer.Joined.class);
    }

    @Test
    void afterTheMeetingIsCancelledNobodyIsLetInAndNoTokenRefreshes() {
        fixture.bookings.cancel(owner, booked.meeting().id());
        roomWritten();

        assertShutOut();
    }

    @Test
    void afterTheJoinWindowClosesNobodyIsLetInAndNoTokenRefreshes() {
        fixture.clock.advance(Duration.ofSeconds(61));

        assertShutOut();
    }

    @Test
    void theHousekeepingEndsTheConferenceOnceTheJoinWindowCloses() throws Exception {
        ConferenceHousekeeping housekeeping = housekeeping();
        housekeeping.sweep();
        assertThat(conference().ended()).as("still open").isFalse();

        fixture.clock.advance(Duration.ofSeconds(61));
        housekeeping.sweep();

        assertThat(conference().ended()).isTrue();
        assertThat(fixture.live.find(conference().id())).isEmpty();
        assertRefused(() -> fixture.verifier.verify(waiting.token().compact(), Expectation.of(TokenKind.LOBBY)));
        assertRefused(() -> fixture.verifier.verify(guest.token().compact(), Expectation.of(TokenKind.JOIN)));
    }

    @Test
    void aPersonalRoomHasNoWindowToCloseAndStaysOpenWhenAMeetingHeldInItIsCancelled() throws Exception {
        BookedMeeting inPersonalRoom = fixture.bookings.book(owner, new BookingRequest("One to one", START.minus(Duration.ofMinutes(5)),
                START.plus(Duration.ofMinutes(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_PIN_ONLY, false, Optional.empty(), Optional.empty()), true));
        JoinAnswer.Joined owning = (JoinAnswer.Joined) fixture.joins.join(request(inPersonalRoom.room().alias(RoomAlias.Kind.NAME)
                .orElseThrow().value(), ip("192.0.2.4"), Optional.of(inPersonalRoom.pins().host().digits()), Optional.empty()));
        fixture.bookings.cancel(owner, inPersonalRoom.meeting().id());
        fixture.joinableRooms.written(new RoomChanged(inPersonalRoom.room().id()));
        fixture.clock.advance(Duration.ofSeconds(61));

        housekeeping().sweep();

        assertThat(owning.conference().ended()).isFalse();
        assertThat(fixture.joins.refresh(owning.token().compact())).isInstanceOf(JoinAnswer.Joined.class);
    }

    /** The room is shut, but its conference has not ended yet: each step past the join is refused on its own. */
    private void assertShutOut() {
        UUID conferenceId = conference().id();
        assertRefused(() -> fixture.control.admit(host.token().compact(), conferenceId, waiting.participant().id()));
        assertRefused(() -> fixture.control.unlock(host.token().compact(), conferenceId));
        assertThat(conference().lobby()).extracting(participant -> participant.id()).containsExactly(waiting.participant().id());
        assertRefused(() -> fixture.joins.waitWith(waiting.token().compact()));
        assertRefused(() -> fixture.joins.refresh(host.token().compact()));
        assertRefused(() -> fixture.joins.refresh(guest.token().compact()));
        assertThat(conference().ended()).as("ending is the housekeeping's or the cancellation's part").isFalse();
    }

    private static void assertRefused(ThrowingCallable step) {
        assertThatExceptionOfType(TokenRejected.class).isThrownBy(step)
                .satisfies(rejected -> assertThat(rejected.rejection()).isEqualTo(TokenRejection.REVOKED));
    }

    private Conference conference() {
        return host.conference();
    }

    /** What the entity listeners announce in the container after every write of the room or its meeting. */
    private void roomWritten() {
        fixture.joinableRooms.written(new RoomChanged(booked.room().id()));
    }

    private ConferenceHousekeeping housekeeping() {
        ConferenceHousekeeping housekeeping = new ConferenceHousekeeping();
        housekeeping.live = fixture.live;
        housekeeping.notifier = ConferenceNotifier.NONE;
        housekeeping.control = fixture.control;
        housekeeping.clock = fixture.clock;
        return housekeeping;
    }
}
