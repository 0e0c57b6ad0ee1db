package io.vestibule.media.gateway.ice;

import java.util.concurrent.ArrayBlockingQueue;

import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;

import kotlin.Unit;

/**
 * The arrays ice4j receives datagrams into, reused instead of one new array per datagram: at a hundred thousand
 * packets a second, those arrays were most of the gateway's garbage, and the collector's pauses its worst-case
 * latency. A datagram's array comes back when {@link IceTransport} has handed the datagram on, which the listener
 * does before it returns ({@link DatagramListener}). Bounded: arrays beyond {@value #KEPT} are left to the collector,
 * and a datagram larger than {@value #ARRAY_BYTES} bytes gets an array of its own.
 */
final class DatagramBuffers {
    /** Larger than any datagram on a link with a 1,500-byte MTU. */
    static final int ARRAY_BYTES = 2048;
    /** Each port's receiving thread holds one at a time; STUN messages wait in a queue for ice4j's own threads. */
    static final int KEPT = 256;

    private final ArrayBlockingQueue<Buffer> free = new ArrayBlockingQueue<>(KEPT);

    /** Makes ice4j take its receive buffers from here; ice4j's pool is process-wide, so this is done once. */
    void install() {
        BufferPool.getBuffer = this::take;
        BufferPool.returnBuffer = buffer -> {
            give(buffer);
            return Unit.INSTANCE;
        };
    }

    Buffer take(int bytes) {
        if (bytes > ARRAY_BYTES) {
            return new Buffer(new byte[bytes], 0, bytes);
        }
        Buffer kept = free.poll();
        if (kept == null) {
            return new Buffer(new byte[ARRAY_BYTES], 0, bytes);
        }
        kept.setOffset(0);
        kept.setLength(bytes);
        kept.setRemoteAddress(null);
        kept.setLocalAddress(null);
        kept.setReceivedTime(null);
        return kept;
    }

    void give(Buffer buffer) {
        if (buffer.getBuffer().length == ARRAY_BYTES) {
            free.offer(buffer);
        }
    }
}
