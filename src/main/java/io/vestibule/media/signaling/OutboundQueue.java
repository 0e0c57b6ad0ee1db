package io.vestibule.media.signaling;

import java.nio.charset.StandardCharsets;
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
 * socket, in the order queued, and the next only once the transport has taken the previous. So the thread that
 * queues (a join, a lobby change) never waits on the network.
 *
 * <p>The container takes frames whether or not the peer reads (it buffers them), so the queue keeps a window of its
 * own: once {@link #WINDOW_BYTES} have gone out that the peer has not acknowledged, frames wait here. A WebSocket
 * ping goes out whenever half the window is unacknowledged, and the peer's pong (browsers answer pings by
 * themselves) acknowledges everything sent before it. A socket that does not read is given up: when
 * {@link #CAPACITY} frames wait behind a full window (or {@link #MAX_WAITING} at all), or a frame or ping has been on its way for longer than {@link #STALL_LIMIT} when the
 * next frame comes, its queue is dropped and it is closed with 1013 (try again later; the join page reconnects and
 * gets a fresh roster). A close queued by the conference goes out after the frames queued before it; nothing queued
 * after a close is sent.
 */
final class OutboundQueue {
    /** Frames that may wait behind a full window, the peer not acknowledging: it has stopped reading. */
    static final int CAPACITY = 64;
    /** Frames that may wait at all: a burst answered faster than the shared sender sends (a flood of pings) fits. */
    static final int MAX_WAITING = 1024;
    /**
     * A hundred times the largest notice (one lobby entry or one participant, since hosts hear the lobby's changes and
     * not the whole of it): a reading peer acknowledges long before it fills. A larger frame (a {@code ready} with a
     * long roster) still goes, alone.
     */
    static final int WINDOW_BYTES = 64 * 1024;
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
    /** Bytes sent that no pong has acknowledged yet, and how many of them the ping on its way will acknowledge. */
    private long unacknowledged;
    private long acknowledgedByPing;
    private Instant pingSince;

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

    /** The peer answered the ping: it has read everything sent before it. */
    void ponged() {
        boolean resume;
        synchronized (this) {
            if (pingSince == null) {
                return;
            }
            unacknowledged -= acknowledgedByPing;
            acknowledgedByPing = 0;
            pingSince = null;
            resume = !draining && !waiting.isEmpty() && state != State.CLOSED;
            if (resume) {
                draining = true;
            }
        }
        if (resume) {
            schedule();
        }
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
            if (stalled() || (state == State.OPEN && full())) {
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

    private boolean full() {
        return waiting.size() >= MAX_WAITING || waiting.size() >= CAPACITY && unacknowledged >= WINDOW_BYTES;
    }

    private boolean stalled() {
        Instant now = clock.instant();
        return onItsWaySince != null && Duration.between(onItsWaySince, now).compareTo(STALL_LIMIT) > 0
                || pingSince != null && unacknowledged >= WINDOW_BYTES && Duration.between(pingSince, now).compareTo(STALL_LIMIT) > 0;
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
        boolean ping = false;
        synchronized (this) {
            next = unacknowledged >= WINDOW_BYTES ? null : waiting.poll();
            if (next == null) {
                draining = false;
                return;
            }
            if (next instanceof Close) {
                state = State.CLOSED;
                waiting.clear();
            } else {
                onItsWaySince = clock.instant();
                unacknowledged += ((Text) next).text().getBytes(StandardCharsets.UTF_8).length;
                if (pingSince == null && unacknowledged >= WINDOW_BYTES / 2) {
                    ping = true;
                    pingSince = onItsWaySince;
                    acknowledgedByPing = unacknowledged;
                }
            }
        }
        if (next instanceof Close close) {
            transport.close(close.reason());
            return;
        }
        transport.sendText(((Text) next).text(), this::sent);
        if (ping) {
            transport.ping();
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
