package io.vestibule.media.gateway.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.bouncycastle.tls.DatagramTransport;

/**
 * Bouncy Castle's datagram transport without a socket: datagrams come in through {@link #offer}, wait in a bounded
 * queue for the DTLS stack, and go out through a callback. What does not fit in the queue is dropped, as a full
 * socket buffer would; DTLS retransmits.
 */
final class DatagramQueue implements DatagramTransport {
    /** Ethernet's MTU: a DTLS record from a browser never spans more. */
    static final int RECEIVE_LIMIT = 1500;
    /** Handshake flights are fragmented to fit a path through TURN and VPNs, as browsers do. */
    static final int SEND_LIMIT = 1200;
    private static final int CAPACITY = 64;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(CAPACITY);
    private final Consumer<byte[]> outbound;
    private volatile boolean closed;

    DatagramQueue(Consumer<byte[]> outbound) {
        this.outbound = outbound;
    }

    /** Takes a copy of a datagram for the DTLS stack; false when it was dropped. */
    boolean offer(byte[] datagram) {
        return !closed && inbound.offer(datagram.clone());
    }

    boolean hasWaiting() {
        return !inbound.isEmpty();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return SEND_LIMIT;
    }

    @Override
    public int receive(byte[] buffer, int offset, int length, int waitMillis) throws IOException {
        if (closed) {
            throw new ClosedException();
        }
        byte[] datagram;
        try {
            datagram = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedException();
        }
        if (datagram == null) {
            return -1;
        }
        if (datagram == CLOSED) {
            throw new ClosedException();
        }
        int count = Math.min(length, datagram.length);
        System.arraycopy(datagram, 0, buffer, offset, count);
        return count;
    }

    @Override
    public void send(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new ClosedException();
        }
        try {
            outbound.accept(Arrays.copyOfRange(buffer, offset, offset + length));
        } catch (RuntimeException e) {
            throw new IOException("The outgoing path refused a DTLS datagram", e);
        }
    }

    /** Wakes a receiver waiting for a datagram; every later call fails. */
    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(CLOSED);
    }

    /** The transport was closed under the DTLS stack. */
    static final class ClosedException extends IOException {
        ClosedException() {
            super("The DTLS endpoint was closed");
        }
    }
}
