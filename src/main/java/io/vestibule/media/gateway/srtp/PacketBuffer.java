package io.vestibule.media.gateway.srtp;

import java.util.Arrays;

import org.jitsi.utils.ByteArrayBuffer;

/** A packet copied into a buffer with room for the tag jitsi-srtp appends; jitsi-srtp grows it if it needs more. */
final class PacketBuffer implements ByteArrayBuffer {
    private byte[] buffer;
    private int offset;
    private int length;

    PacketBuffer(byte[] packet, int from, int length, int room) {
        this.buffer = new byte[length + room];
        System.arraycopy(packet, from, buffer, 0, length);
        this.length = length;
    }

    /** The packet as it now is; the buffer itself when the packet fills it, as a protected packet does the room left. */
    byte[] bytes() {
        return offset == 0 && length == buffer.length ? buffer : Arrays.copyOfRange(buffer, offset, offset + length);
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
            buffer = Arrays.copyOfRange(buffer, offset, offset + length + howMuch);
            offset = 0;
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
