package io.vestibule.media.signaling;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

/** A conference socket without a network: what it is sent, in order, and how it was closed; frames go out on the caller's thread. */
final class RecordedSocket {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<CloseReason> closed = new CopyOnWriteArrayList<>();
    final SocketClient client;

    RecordedSocket(String id, UUID conferenceId) {
        AtomicReference<OutboundQueue> queue = new AtomicReference<>();
        OutboundQueue outbound = new OutboundQueue(new SocketTransport() {
            @Override
            public void sendText(String text, SendHandler done) {
                sent.add(text);
                done.onResult(new SendResult());
            }

            /** A reader that keeps up: every ping is answered at once, so the window never fills. */
            @Override
            public void ping() {
                queue.get().ponged();
            }

            @Override
            public void close(CloseReason reason) {
                closed.add(reason);
            }
        }, Runnable::run, Clock.systemUTC(), () -> { });
        queue.set(outbound);
        client = new SocketClient(id, conferenceId, new MessageRate(1000, 1000, Instant.EPOCH), outbound);
    }
}
