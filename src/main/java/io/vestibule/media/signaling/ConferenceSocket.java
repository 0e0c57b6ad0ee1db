package io.vestibule.media.signaling;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code wss://HOST/ws/v1/conferences/{conferenceId}}: one JSON object per text frame, the first one
 * {@code {"type":"auth","token":...}} (the token never travels in the URL). Frames over 64 KiB close the socket.
 */
@ServerEndpoint("/ws/v1/conferences/{conferenceId}")
public class ConferenceSocket {
    @Inject
    SocketLifecycle lifecycle;

    @OnOpen
    public void open(Session session, @PathParam("conferenceId") String conferenceId) {
        session.setMaxIdleTimeout(SocketLifecycle.IDLE_TIMEOUT.toMillis());
        lifecycle.opened(session, conferenceId);
    }

    @OnMessage(maxMessageSize = SocketLifecycle.MAX_MESSAGE_BYTES)
    public void message(Session session, String text) {
        lifecycle.received(session, text);
    }

    /** The answer to the outbound queue's ping: the peer has read what came before it. */
    @OnMessage
    public void pong(Session session, PongMessage pong) {
        lifecycle.ponged(session);
    }

    @OnClose
    public void close(Session session) {
        lifecycle.closed(session);
    }

    /** A frame too large or undecodable, or a broken connection: the socket is closed, never left open untracked. */
    @OnError
    public void error(Session session, Throwable failure) {
        lifecycle.failed(session);
    }
}
