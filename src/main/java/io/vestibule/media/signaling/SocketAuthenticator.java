package io.vestibule.media.signaling;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

import io.vestibule.access.JoinService;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.ParticipantState;
import io.vestibule.access.token.IssuedToken;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.access.token.TokenClaims;
import io.vestibule.access.token.TokenKind;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.access.token.TokenRejection;

/**
 * Authenticates a socket by the token of its first message ({@code {"type":"auth","token":...}}): a join token makes
 * it a participant's and answers {@code ready}; a lobby token makes it a waiting participant's and answers
 * {@code waiting}, or {@code admitted} if they were let in meanwhile and the lobby token has not bought their join
 * token yet ({@code token_spent} if it has). Any other token closes the socket (1008). A
 * participant has one live socket: a newer one (another tab, a reconnection) replaces the older, which is closed
 * with {@link #REPLACED}.
 */
final class SocketAuthenticator {
    private static final int MAX_TOKEN_CHARS = 8192;
    /** Close code of a socket whose participant opened a newer one (4000-4999: the application's own). */
    static final CloseReason.CloseCode REPLACED = CloseReason.CloseCodes.getCloseCode(4001);

    private final JoinTokenVerifier verifier;
    private final JoinService joins;
    private final ConnectedSockets sockets;
    private final Clock clock;
    /** A test seam: runs after the participant is looked up and before the socket counts as theirs. */
    Runnable beforeSocketIsTheirs = () -> { };

    SocketAuthenticator(JoinTokenVerifier verifier, JoinService joins, ConnectedSockets sockets, Clock clock) {
        this.verifier = verifier;
        this.joins = joins;
        this.sockets = sockets;
        this.clock = clock;
    }

    void authenticate(SocketClient client, JsonObject message) {
        JsonValue token = message.get("token");
        if (!(token instanceof JsonString text) || text.getString().length() > MAX_TOKEN_CHARS) {
            refuse(client, "the auth message needs a token");
            return;
        }
        try {
            TokenClaims claims = verifier.verifyJoinOrLobby(text.getString(), Optional.of(client.conferenceId().toString()));
            Conference conference = joins.admittingConferenceOf(claims);
            Participant participant = conference.participant(UUID.fromString(claims.participantId()))
                    .orElseThrow(() -> new TokenRejected(TokenRejection.REVOKED));
            if (claims.kind() == TokenKind.LOBBY && participant.state() == ParticipantState.ADMITTED) {
                // Collected before anything else, so that a spent lobby token cannot even replace the participant's socket.
                IssuedToken joinToken = joins.collectJoinToken(conference, participant.id());
                replaceOlderSocketsOf(client, participant);
                // Queued before the socket counts as waiting, so that a concurrent admission's notice comes after it.
                client.send(SignalingMessages.admitted(conference, participant, joinToken, clock.instant()));
                client.authenticated(SocketClient.Stage.LOBBY, participant.id(), participant.role(), conference.roomId());
                requireStillThere(conference, participant);
                return;
            }
            replaceOlderSocketsOf(client, participant);
            beforeSocketIsTheirs.run();
            boolean lobby = claims.kind() == TokenKind.LOBBY;
            client.authenticated(lobby ? SocketClient.Stage.LOBBY : SocketClient.Stage.PARTICIPANT, participant.id(),
                    participant.role(), conference.roomId());
            requireStillThere(conference, participant);
            client.send(lobby ? SignalingMessages.waiting(participant) : SignalingMessages.ready(conference, participant));
        } catch (TokenRejected rejected) {
            refuse(client, rejected.code());
        }
    }

    /**
     * A departure told before the socket counted as the participant's passed it by; one told after finds it. So once
     * it counts as theirs, a participant who departed meanwhile closes it here.
     */
    private static void requireStillThere(Conference conference, Participant participant) throws TokenRejected {
        boolean departed = conference.participant(participant.id()).map(found -> found.state().departed()).orElse(true);
        if (departed) {
            throw new TokenRejected(TokenRejection.REVOKED);
        }
    }

    private void replaceOlderSocketsOf(SocketClient client, Participant participant) {
        for (SocketClient older : sockets.inConference(client.conferenceId())) {
            if (older != client && participant.id().equals(older.participantId())) {
                older.send(SignalingMessages.bare("replaced"));
                older.close(REPLACED, "replaced");
            }
        }
    }

    /** {@code unauthenticated} with the reason, then a policy close. */
    static void refuse(SocketClient client, String reason) {
        client.send(SignalingMessages.error("unauthenticated", reason));
        client.close(CloseCodes.VIOLATED_POLICY, "unauthenticated");
    }
}
