package io.vestibule.media.signaling;

import java.time.Instant;
import java.util.UUID;

import jakarta.websocket.CloseReason;

import io.vestibule.access.ParticipantRole;

/** One connected WebSocket: which conference it is for, and, once authenticated, whose it is and how. */
final class SocketClient {
    enum Stage {
        UNAUTHENTICATED, LOBBY, PARTICIPANT
    }

    private final String id;
    private final UUID conferenceId;
    private final MessageRate rate;
    private final OutboundQueue outbound;
    private volatile Stage stage = Stage.UNAUTHENTICATED;
    private volatile UUID participantId;
    private volatile ParticipantRole role;
    private volatile UUID roomId;

    SocketClient(String id, UUID conferenceId, MessageRate rate, OutboundQueue outbound) {
        this.id = id;
        this.conferenceId = conferenceId;
        this.rate = rate;
        this.outbound = outbound;
    }

    void authenticated(Stage stage, UUID participantId, ParticipantRole role, UUID roomId) {
        this.participantId = participantId;
        this.role = role;
        this.roomId = roomId;
        this.stage = stage;
    }

    /** Queues one text frame; frames to one socket go out one at a time, in order, never on the caller's thread. */
    void send(String text) {
        outbound.send(text);
    }

    /** Closes the socket after the frames queued before. */
    void close(CloseReason.CloseCode code, String reason) {
        outbound.close(new CloseReason(code, reason));
    }

    /** The peer answered a ping of the outbound queue. */
    void ponged() {
        outbound.ponged();
    }

    boolean allowMessage(Instant now) {
        return rate.allow(now);
    }

    String id() {
        return id;
    }

    UUID conferenceId() {
        return conferenceId;
    }

    Stage stage() {
        return stage;
    }

    /** The room of the conference, once authenticated (for call records). */
    UUID roomId() {
        return roomId;
    }

    UUID participantId() {
        return participantId;
    }

    boolean host() {
        return stage == Stage.PARTICIPANT && role == ParticipantRole.HOST;
    }
}
