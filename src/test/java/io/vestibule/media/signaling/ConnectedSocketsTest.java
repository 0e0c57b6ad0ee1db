package io.vestibule.media.signaling;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectedSocketsTest {
    private static final UUID CONFERENCE = UUID.randomUUID();
    private final ConnectedSockets sockets = new ConnectedSockets();

    private static SocketClient client(String id, UUID conference) {
        OutboundQueue outbound = new OutboundQueue(new SocketTransport() {
            @Override
            public void sendText(String text, jakarta.websocket.SendHandler done) {
            }

            @Override
            public void ping() {
            }

            @Override
            public void close(jakarta.websocket.CloseReason reason) {
            }
        }, Runnable::run, Clock.systemUTC(), () -> { });
        return new SocketClient(id, conference, new MessageRate(20, 50, Instant.EPOCH), outbound);
    }

    @Test
    void socketsAreFoundByIdAndByConferenceUntilRemoved() {
        SocketClient first = client("1", CONFERENCE);
        SocketClient second = client("2", CONFERENCE);
        SocketClient elsewhere = client("3", UUID.randomUUID());
        sockets.add(first);
        sockets.add(second);
        sockets.add(elsewhere);

        assertThat(sockets.find("2")).containsSame(second);
        assertThat(sockets.inConference(CONFERENCE)).containsExactlyInAnyOrder(first, second);

        sockets.remove("1");
        sockets.remove("1");
        assertThat(sockets.find("1")).isEmpty();
        assertThat(sockets.inConference(CONFERENCE)).containsExactly(second);

        sockets.remove("2");
        assertThat(sockets.inConference(CONFERENCE)).isEmpty();
        assertThat(sockets.inConference(elsewhere.conferenceId())).containsExactly(elsewhere);
    }
}
