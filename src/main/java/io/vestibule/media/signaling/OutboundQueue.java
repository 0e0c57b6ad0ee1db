package io.vestibule.media.signaling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.SendResult;

/**
 * The frames waiting to go to one socket. Queuing never sends: a shared executor sends one frame at a time per
 * socket, in the order queued, and the next only once the transport has taken the previous one. So the thread that
 * queues (a join, a lobby change) never waits on the network, and a socket that does not read holds at most one
 * frame in the container.
 *
 * <p>A socket that does not keep up is given up: when {@link #CAPACITY} frames wait, or a frame has been on its way
 * for longer than {@link #STALL_LIMIT} when the next comes, its queue is dropped and it is closed with 1013 (try
 * again later; the join page reconnects and gets a fresh roster). A close queued by the conference goes out after
 * the frames queued before it; nothing queued after a close is sent.
 */
final class OutboundQueue {
    /** Far above what signaling needs: a join burst into a large conference is a few frames per participant. */
    static final int CAPACITY = 128;
    static final Duration STALL_LIMIT = Duration.ofSeconds(30);
    static final CloseReason NOT_READING = new CloseReason(CloseCodes.TRY_AGAIN_LATER, "not_reading");
    static final CloseReason SEND_FAILED = new CloseReason(CloseCodes.CLOSED_ABNORMALLY, "send failed");

    private enum State {
        OPEN, CLOSING, CLOSED
    }

    private sealed interface Frame {
    }

    private record Text(String text) implements Frame {
    }

    private record Close(CloseReason reason) implements Frame {
    }

    private final SocketTransport transport;
    private final Executor sender;
    private final Clock clock;
    private final Runnable whenGivenUp;
    private final Deque<Frame> waiting = new ArrayDeque<>();
    private State state = State.OPEN;
    /** A send task is scheduled or a frame is on its way; at most one of either per socket keeps the order. */
    private boolean draining;
    private Instant onItsWaySince;

    /** {@code whenGivenUp} runs on the sender once the socket is closed for not keeping up or for a failed send. */
    OutboundQueue(SocketTransport transport, Executor sender, Clock clock, Runnable whenGivenUp) {
        this.transport = transport;
        this.sender = sender;
        this.clock = clock;
        this.whenGivenUp = whenGivenUp;
    }

    void send(String text) {
        offer(new Text(text));
    }

    /** Closes the socket once the frames queued so far have gone out. */
    void close(CloseReason reason) {
        offer(new Close(reason));
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void offer(Frame frame) {
        boolean startDraining = false;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            if (stalled() || (state == State.OPEN && waiting.size() >= CAPACITY)) {
                giveUp(NOT_READING);
                return;
            }
            if (state == State.CLOSING) {
                return;
            }
            if (frame instanceof Close) {
                state = State.CLOSING;
            }
            waiting.add(frame);
            if (!draining) {
                draining = true;
                startDraining = true;
            }
        }
        if (startDraining) {
            schedule();
        }
    }

    private boolean stalled() {
        return onItsWaySince != null && Duration.between(onItsWaySince, clock.instant()).compareTo(STALL_LIMIT) > 0;
    }

    /** Drops what waits and closes at once, not behind the queue: the frame on its way may never leave. */
    private synchronized void giveUp(CloseReason reason) {
        state = State.CLOSED;
        waiting.clear();
        execute(() -> {
            transport.close(reason);
            whenGivenUp.run();
        });
    }

    /** Runs on the sender. */
    private void sendNext() {
        Frame next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                draining = false;
                return;
            }
            if (next instanceof Close) {
                state = State.CLOSED;
                waiting.clear();
            } else {
                onItsWaySince = clock.instant();
            }
        }
        if (next instanceof Close close) {
            transport.close(close.reason());
        } else {
            transport.sendText(((Text) next).text(), this::sent);
        }
    }

    /** Runs wherever the transport reports: on the sender, or on a container thread once the peer has read. */
    private void sent(SendResult result) {
        synchronized (this) {
            onItsWaySince = null;
            if (!result.isOK()) {
                if (state != State.CLOSED) {
                    giveUp(SEND_FAILED);
                }
                return;
            }
        }
        schedule();
    }

    private void schedule() {
        execute(this::sendNext);
    }

    private void execute(Runnable task) {
        try {
            sender.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (this) {
                state = State.CLOSED;
                waiting.clear();
            }
            transport.close(new CloseReason(CloseCodes.GOING_AWAY, "shutting down"));
        }
    }
}
