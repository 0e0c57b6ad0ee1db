package io.vestibule.media.signaling;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;

/** The outgoing side of one WebSocket, as the {@link OutboundQueue} needs it: so the queue is testable without a container. */
interface SocketTransport {
    /** Starts sending one text frame without waiting for it; {@code done} hears once it is handed over or has failed. */
    void sendText(String text, SendHandler done);

    /** Sends a WebSocket ping; the peer's pong comes back only once it has read everything sent before. */
    void ping();

    /** Closes the socket; does nothing if it is closed already. */
    void close(CloseReason reason);
}
