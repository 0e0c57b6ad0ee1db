package io.vestibule.media.signaling;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import io.vestibule.access.ParticipantRole;

/** One connected WebSocket: which conference it is for, and, once authenticated, whose it is and how. */
final class SocketClient {
    enum Stage {
        UNAUTHENTICATED, LOBBY, PARTICIPANT
    }

    private final Session session;
    private final UUID conferenceId;
    private final MessageRate rate;
    private volatile Stage stage = Stage.UNAUTHENTICATED;
    private volatile UUID participantId;
    private volatile ParticipantRole role;

    SocketClient(Session session, UUID conferenceId, MessageRate rate) {
        this.session = session;
        this.conferenceId = conferenceId;
        this.rate = rate;
    }

    void authenticated(Stage stage, UUID participantId, ParticipantRole role) {
        this.participantId = participantId;
        this.role = role;
        this.stage = stage;
    }

    /** Sends one text frame; frames to one socket go out one at a time, in order. */
    synchronized void send(String text) {
        if (session.isOpen()) {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException | IllegalStateException e) {
                closeQuietly(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
            }
        }
    }

    synchronized void close(CloseReason.CloseCode code, String reason) {
        closeQuietly(code, reason);
    }

    private void closeQuietly(CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, reason));
            }
        } catch (IOException | IllegalStateException e) {
            // Already going away.
        }
    }

    boolean allowMessage(Instant now) {
        return rate.allow(now);
    }

    String id() {
        return session.getId();
    }

    UUID conferenceId() {
        return conferenceId;
    }

    Stage stage() {
        return stage;
    }

    UUID participantId() {
        return participantId;
    }

    boolean host() {
        return stage == Stage.PARTICIPANT && role == ParticipantRole.HOST;
    }
}
