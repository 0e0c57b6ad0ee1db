package io.vestibule.media.signaling;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.media.gateway.GatewayMessages;

/** What the media gateway tells a participant, on that participant's sockets in the conference. */
@ApplicationScoped
public class GatewaySignals implements GatewayMessages {
    @Inject
    ConnectedSockets sockets;

    @Override
    public void renegotiate(UUID conference, UUID participant, int audio, int video) {
        tell(conference, participant, SignalingMessages.renegotiate(audio, video));
    }

    @Override
    public void mediaFailed(UUID conference, UUID participant, String reason) {
        tell(conference, participant, SignalingMessages.error("media_failed", reason));
    }

    private void tell(UUID conference, UUID participant, String message) {
        sockets.inConference(conference).stream()
                .filter(client -> client.stage() == SocketClient.Stage.PARTICIPANT && participant.equals(client.participantId()))
                .forEach(client -> client.send(message));
    }
}
