package io.vestibule.media.signaling;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.Json;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.access.ConferenceControl;
import io.vestibule.access.JoinAnswer;
import io.vestibule.access.JoinFixture;
import io.vestibule.access.conference.Conference;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.Organizer;
import io.vestibule.media.gateway.MediaGateway;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

import static io.vestibule.access.JoinFixture.START;
import static io.vestibule.access.JoinFixture.ip;
import static io.vestibule.access.JoinFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket that signs in while a host removes its participant (issue 24, finding 5) is closed, not left open for a
 * participant the conference no longer has: the removal is forced between the socket's look-up of its participant
 * and the moment the socket counts as theirs, through the authenticator's seam.
 */
class SocketSignInRaceTest {
    private static final String HOST_PIN = "48291736";
    private static final String GUEST_PIN = "95027314";

    private final JoinFixture fixture = new JoinFixture();
    private final ConferenceNotices notices = new ConferenceNotices();
    private final SocketAuthenticator authenticator;
    private ConferenceControl control;
    private String alias;
    private JoinAnswer.Joined host;

    SocketSignInRaceTest() {
        notices.sockets = new ConnectedSockets();
        notices.clock = fixture.clock;
        notices.gateway = new MediaGateway(null, null, null, null, null, null, null, new SecureRandom(), null, fixture.clock, null);
        fixture.notifier = notices;
        authenticator = new SocketAuthenticator(fixture.verifier, fixture.joins, notices.sockets, fixture.clock);
    }

    @BeforeEach
    void aHostIsIn() {
        Organizer owner = new Organizer(UUID.randomUUID(), "Olga Owner", "olga@example.org");
        BookedMeeting booked = fixture.bookings.book(owner, new BookingRequest("Board", START.minus(Duration.ofMinutes(5)),
                START.plus(Duration.ofHours(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, false, Optional.of(HOST_PIN), Optional.of(GUEST_PIN)), false));
        alias = booked.room().alias(RoomAlias.Kind.NAME).orElseThrow().value();
        host = (JoinAnswer.Joined) fixture.joins.join(request(alias, ip("192.0.2.1"), Optional.of(HOST_PIN), Optional.empty()));
        control = fixture.control;
    }

    @Test
    void aParticipantsSocketSigningInAsTheyAreRemovedIsClosed() throws Exception {
        JoinAnswer.Joined guest = (JoinAnswer.Joined) fixture.joins.join(request(alias, ip("192.0.2.2"), Optional.of(GUEST_PIN), Optional.empty()));

        RecordedSocket socket = signInWhileRemoved(guest.token().compact(), guest.conference(), guest.participant().id());

        assertThat(socket.closed).as("closed, sent: %s", socket.sent).isNotEmpty();
        assertThat(socket.sent).noneMatch(text -> text.contains("\"ready\""));
    }

    @Test
    void aLobbySocketSigningInAsItsParticipantIsRemovedIsClosed() throws Exception {
        control.lock(host.token().compact(), host.conference().id());
        JoinAnswer.Waiting guest = (JoinAnswer.Waiting) fixture.joins.join(request(alias, ip("192.0.2.3"), Optional.of(GUEST_PIN), Optional.empty()));

        RecordedSocket socket = signInWhileRemoved(guest.token().compact(), guest.conference(), guest.participant().id());

        assertThat(socket.closed).as("closed, sent: %s", socket.sent).isNotEmpty();
        assertThat(socket.sent).noneMatch(text -> text.contains("\"waiting\""));
    }

    private RecordedSocket signInWhileRemoved(String token, Conference conference, UUID participantId) {
        RecordedSocket socket = new RecordedSocket("racing", conference.id());
        notices.sockets.add(socket.client);
        authenticator.beforeSocketIsTheirs = () -> {
            try {
                control.remove(host.token().compact(), conference.id(), participantId);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };

        authenticator.authenticate(socket.client, Json.createObjectBuilder().add("type", "auth").add("token", token).build());

        return socket;
    }
}
