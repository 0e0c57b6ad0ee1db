package io.vestibule.media.gateway.srtp;

import java.util.Arrays;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A packet that SRTP transforms in place: a region of an array, with room behind it for the tag and index that
 * protecting appends. The forwarding path keeps one per participant and direction and fills it anew for each packet,
 * so forwarding allocates no packet-sized array: the garbage collector's pauses, not the cipher, set the gateway's
 * worst-case latency. jitsi-srtp grows the array only if a packet needs more room than it has.
 */
public final class MediaPacket implements ByteArrayBuffer {
    /** This packet's own array, which {@link #fill} copies into; never a wrapped caller's array. */
    private byte[] own;
    private byte[] buffer;
    private int offset;
    private int length;

    /** An empty packet whose array holds {@code capacity} bytes. */
    public MediaPacket(int capacity) {
        this.own = new byte[capacity];
        this.buffer = own;
    }

    /** The packet at {@code packet[from, from + length)}, copied into an array with {@code room} bytes to spare. */
    static MediaPacket copyOf(byte[] packet, int from, int length, int room) {
        MediaPacket copy = new MediaPacket(length + room);
        copy.fill(packet, from, length);
        return copy;
    }

    /**
     * Makes this the packet at {@code packet[from, from + length)} without copying it: transforming it changes the
     * caller's array.
     */
    public MediaPacket wrap(byte[] packet, int from, int length) {
        if (from < 0 || length < 0 || from > packet.length - length) {
            throw new IllegalArgumentException("region " + from + "+" + length + " outside an array of " + packet.length);
        }
        this.buffer = packet;
        this.offset = from;
        this.length = length;
        return this;
    }

    /** Makes this a copy of the packet at {@code packet[from, from + length)}, in this packet's own array. */
    public MediaPacket fill(byte[] packet, int from, int length) {
        if (own.length < length) {
            own = new byte[length];
        }
        System.arraycopy(packet, from, own, 0, length);
        this.buffer = own;
        this.offset = 0;
        this.length = length;
        return this;
    }

    /** The packet's bytes as a new array of their own. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        if (length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer");
        }
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        if (offset < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("offset " + offset + " outside the buffer");
        }
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int from, int count, byte[] destination) {
        if (from < 0 || count <= 0 || offset + from + count > buffer.length || destination.length < count) {
            return;
        }
        System.arraycopy(buffer, offset + from, destination, 0, count);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch < 0) {
            throw new IllegalArgumentException("cannot grow by " + howMuch);
        }
        if (offset + length + howMuch > buffer.length) {
            boolean owned = buffer == own;
            buffer = Arrays.copyOfRange(buffer, offset, offset + length + howMuch);
            offset = 0;
            if (owned) {
                own = buffer;
            }
        }
    }

    @Override
    public void append(byte[] data, int count) {
        if (data == null || count <= 0) {
            return;
        }
        grow(count);
        System.arraycopy(data, 0, buffer, offset + length, count);
        length += count;
    }

    @Override
    public void shrink(int howMuch) {
        if (howMuch <= 0) {
            return;
        }
        length = Math.max(0, length - howMuch);
    }
}
