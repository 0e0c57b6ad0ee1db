package io.vestibule.media.signaling;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A {@link SocketTransport} over a container's WebSocket session. It sends through the asynchronous remote: a
 * blocking send would hold its thread for as long as the peer does not read.
 */
final class SessionTransport implements SocketTransport {
    private final Session session;

    SessionTransport(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, SendHandler done) {
        try {
            session.getAsyncRemote().sendText(text, done);
        } catch (IllegalStateException | IllegalArgumentException e) {
            done.onResult(new SendResult(e));
        }
    }

    @Override
    public void ping() {
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            // A socket that cannot take a ping is closing; its next send fails.
        }
    }

    @Override
    public void close(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            // Already going away.
        }
    }
}
