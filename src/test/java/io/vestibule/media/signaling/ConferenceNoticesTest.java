package io.vestibule.media.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;
import io.vestibule.access.conference.Arrival;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.token.IssuedToken;

import static org.assertj.core.api.Assertions.assertThat;

/** What a waiting participant's socket hears when they are let in: the admission's interleavings, forced. */
class ConferenceNoticesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final ConferenceNotices notices = new ConferenceNotices();
    private final Conference conference = new Conference(UUID.randomUUID(), UUID.randomUUID(), false, 10, Duration.ofMinutes(15), T0);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<CloseReason> closed = new CopyOnWriteArrayList<>();

    ConferenceNoticesTest() {
        notices.sockets = new ConnectedSockets();
        notices.clock = Clock.fixed(T0, ZoneOffset.UTC);
    }

    private Participant admittedGuest() {
        conference.arrive("Host", ParticipantRole.HOST, T0.plusSeconds(150), T0);
        conference.lock();
        Participant guest = ((Arrival.Waiting) conference.arrive("Guest", ParticipantRole.GUEST, T0.plusSeconds(150), T0)).participant();
        return conference.admit(guest.id(), T0.plusSeconds(150)).orElseThrow();
    }

    private void lobbySocketOf(Participant participant) {
        OutboundQueue outbound = new OutboundQueue(new SocketTransport() {
            @Override
            public void sendText(String text, SendHandler done) {
                sent.add(text);
                done.onResult(new SendResult());
            }

            @Override
            public void ping() {
            }

            @Override
            public void close(CloseReason reason) {
                closed.add(reason);
            }
        }, Runnable::run, Clock.systemUTC(), () -> { });
        SocketClient client = new SocketClient("lobby", conference.id(), new MessageRate(20, 50, T0), outbound);
        client.authenticated(SocketClient.Stage.LOBBY, participant.id(), participant.role(), conference.roomId());
        notices.sockets.add(client);
    }

    @Test
    void aLobbySocketWhoseJoinTokenACopyCollectedFirstIsToldSoAndClosedInsteadOfWaitingForever() {
        Participant guest = admittedGuest();
        lobbySocketOf(guest);
        assertThat(conference.collectAdmission(guest.id())).as("a copy of the lobby token collects it by HTTP").isPresent();

        notices.admitted(conference, guest,
                () -> conference.collectAdmission(guest.id()).<IssuedToken>map(spent -> { throw new AssertionError("collected twice"); }));

        assertThat(sent).singleElement().asString().contains("\"unauthenticated\"").contains("\"token_spent\"");
        assertThat(closed).singleElement().satisfies(reason ->
                assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY));
    }

    @Test
    void withNoLobbySocketTheAdmissionIsLeftForThePageToCollect() {
        Participant guest = admittedGuest();

        notices.admitted(conference, guest, () -> { throw new AssertionError("nobody is there to take the join token"); });

        assertThat(conference.collectAdmission(guest.id())).isPresent();
        assertThat(sent).isEmpty();
    }

    @Test
    void aParticipantRemovedBeforeTheirAdmissionWasDeliveredIsNotToldTheirTokenWasSpent() {
        Participant guest = admittedGuest();
        lobbySocketOf(guest);
        conference.remove(guest.id(), T0);

        notices.admitted(conference, guest, () -> conference.collectAdmission(guest.id()).map(admitted -> (IssuedToken) null));

        assertThat(sent).isEmpty();
        assertThat(closed).isEmpty();
    }
}
