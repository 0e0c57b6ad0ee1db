package io.vestibule.media.signaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundQueueTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final Sender sender = new Sender();
    private final Peer peer = new Peer();
    private final AtomicInteger givenUp = new AtomicInteger();
    private final OutboundQueue queue = new OutboundQueue(peer, sender, clock, givenUp::incrementAndGet);

    @Test
    void queuingNeverSendsOnTheCallersThread() {
        queue.send("one");

        assertThat(peer.sent).isEmpty();
        sender.runAll();
        assertThat(peer.sent).containsExactly("one");
    }

    @Test
    void framesGoOutOneAtATimeInTheOrderQueued() {
        peer.reading = false;
        for (int i = 0; i < 5; i++) {
            queue.send("frame " + i);
        }
        sender.runAll();
        assertThat(peer.sent).as("the next frame waits until the transport has taken the previous").containsExactly("frame 0");

        peer.read();
        sender.runAll();
        peer.read();
        sender.runAll();
        assertThat(peer.sent).containsExactly("frame 0", "frame 1", "frame 2");

        peer.reading = true;
        peer.read();
        sender.runAll();
        assertThat(peer.sent).containsExactly("frame 0", "frame 1", "frame 2", "frame 3", "frame 4");
        assertThat(peer.closedWith).isNull();
    }

    @Test
    void aCloseGoesOutAfterWhatWasQueuedBeforeAndNothingAfterIt() {
        queue.send("removed");
        queue.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "removed"));
        queue.send("too late");
        sender.runAll();

        assertThat(peer.sent).containsExactly("removed");
        assertThat(peer.closedWith.getCloseCode()).isEqualTo(CloseCodes.NORMAL_CLOSURE);
        assertThat(givenUp).as("closed by the conference, not given up").hasValue(0);
    }

    @Test
    void aBurstWaitsWhileThePeerAcknowledgesButNoQueueGrowsPastItsLimit() {
        peer.reading = false;
        queue.send("taken by the transport");
        sender.runAll();
        for (int i = 0; i < OutboundQueue.MAX_WAITING; i++) {
            queue.send("waiting " + i);
        }
        assertThat(queue.waiting()).as("the window is not full: the sender is behind, not the peer").isEqualTo(OutboundQueue.MAX_WAITING);
        assertThat(peer.closedWith).isNull();

        queue.send("one too many");
        assertThat(queue.waiting()).as("dropped at once").isZero();
        sender.runAll();
        assertThat(peer.closedWith.getCloseCode().getCode()).isEqualTo(1013);
        assertThat(peer.closedWith.getReasonPhrase()).isEqualTo("not_reading");
        assertThat(givenUp).hasValue(1);

        queue.send("after");
        peer.read();
        sender.runAll();
        assertThat(peer.sent).containsExactly("taken by the transport");
        assertThat(givenUp).hasValue(1);
    }

    @Test
    void aFrameOnItsWayTooLongGivesTheSocketUpWhenTheNextComes() {
        peer.reading = false;
        queue.send("stuck");
        sender.runAll();
        clock.advance(OutboundQueue.STALL_LIMIT);
        queue.send("still within the limit");
        assertThat(peer.closedWith).isNull();

        clock.advance(Duration.ofSeconds(1));
        queue.send("next");
        sender.runAll();
        assertThat(peer.closedWith.getCloseCode().getCode()).isEqualTo(1013);
    }

    @Test
    void pastTheWindowFramesWaitForThePeersPongWhichAcknowledgesWhatCameBefore() {
        String quarter = "x".repeat(OutboundQueue.WINDOW_BYTES / 4);
        for (int i = 0; i < 6; i++) {
            queue.send(quarter);
        }
        sender.runAll();
        assertThat(peer.sent.size()).as("the container takes frames, the peer has not acknowledged them").isEqualTo(4);
        assertThat(peer.pings).as("a ping at half the window").isEqualTo(1);

        queue.ponged();
        sender.runAll();
        assertThat(peer.sent.size()).isEqualTo(6);
        assertThat(peer.pings).isEqualTo(2);
        assertThat(peer.closedWith).isNull();
    }

    @Test
    void aPeerThatTakesFramesButNeverAnswersPingsIsGivenUpWhenItsQueueFills() {
        String eighth = "x".repeat(OutboundQueue.WINDOW_BYTES / 8);
        for (int i = 0; i < 8; i++) {
            queue.send(eighth);
        }
        sender.runAll();
        for (int i = 0; i < OutboundQueue.CAPACITY; i++) {
            queue.send(eighth);
        }
        sender.runAll();
        assertThat(peer.sent.size()).as("a window's worth").isEqualTo(8);
        assertThat(queue.waiting()).isEqualTo(OutboundQueue.CAPACITY);
        assertThat(peer.closedWith).isNull();

        queue.send(eighth);
        sender.runAll();
        assertThat(peer.closedWith).isEqualTo(OutboundQueue.NOT_READING);
        assertThat(givenUp).hasValue(1);
    }

    @Test
    void aFailedSendClosesTheSocketAndDropsTheRest() {
        peer.failing = true;
        queue.send("one");
        queue.send("two");
        sender.runAll();

        assertThat(peer.sent).containsExactly("one");
        assertThat(peer.closedWith).isEqualTo(OutboundQueue.SEND_FAILED);
        assertThat(givenUp).hasValue(1);
    }

    @Test
    void manySocketsShareOneSenderAndAStalledOneHoldsNoneBack() {
        Peer reader = new Peer();
        OutboundQueue other = new OutboundQueue(reader, sender, clock, () -> { });
        peer.reading = false;
        for (int i = 0; i < 10; i++) {
            queue.send("to the stalled socket " + i);
            other.send("to the reading socket " + i);
        }
        sender.runAll();

        assertThat(reader.sent).hasSize(10);
        assertThat(peer.sent).hasSize(1);
    }

    @Test
    void anExecutorThatRefusesWorkClosesTheSocket() {
        OutboundQueue refused = new OutboundQueue(peer, task -> {
            throw new RejectedExecutionException("shut down");
        }, clock, () -> { });
        refused.send("one");

        assertThat(peer.sent).isEmpty();
        assertThat(peer.closedWith.getCloseCode()).isEqualTo(CloseCodes.GOING_AWAY);
    }

    /** Runs the tasks handed to it when the test says so, on the test's thread. */
    private static final class Sender implements Executor {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
        }
    }

    /** A peer that takes each frame at once while it reads, and holds the last one on its way while it does not. */
    private static final class Peer implements SocketTransport {
        final List<String> sent = new ArrayList<>();
        boolean reading = true;
        boolean failing;
        SendHandler onItsWay;
        CloseReason closedWith;
        int pings;

        @Override
        public void ping() {
            pings++;
        }

        @Override
        public void sendText(String text, SendHandler done) {
            assertThat(onItsWay).as("one frame at a time").isNull();
            sent.add(text);
            if (failing) {
                done.onResult(new SendResult(new java.io.IOException("broken pipe")));
            } else if (reading) {
                done.onResult(new SendResult());
            } else {
                onItsWay = done;
            }
        }

        void read() {
            SendHandler done = onItsWay;
            onItsWay = null;
            if (done != null) {
                done.onResult(new SendResult());
            }
        }

        @Override
        public void close(CloseReason reason) {
            if (closedWith == null) {
                closedWith = reason;
            }
        }
    }
}
