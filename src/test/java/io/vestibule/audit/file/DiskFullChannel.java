package io.vestibule.audit.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel on a disk with a byte budget shared by every file of a test: a write past it puts what still fits
 * and then fails with "No space left on device", as a full file system does.
 */
final class DiskFullChannel extends FileChannel {
    private final FileChannel file;
    private final AtomicLong room;

    DiskFullChannel(FileChannel file, AtomicLong room) {
        this.file = file;
        this.room = room;
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        long left = room.get();
        if (left <= 0) {
            throw new IOException("No space left on device");
        }
        if (source.remaining() > left) {
            ByteBuffer part = source.slice().limit((int) left);
            int written = file.write(part, position);
            source.position(source.position() + written);
            room.addAndGet(-written);
            throw new IOException("No space left on device");
        }
        int written = file.write(source, position);
        room.addAndGet(-written);
        return written;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        int written = write(source, file.position());
        file.position(file.position() + written);
        return written;
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        long before = file.size();
        file.truncate(size);
        room.addAndGet(Math.max(0, before - file.size()));
        return this;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return file.read(destination);
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        return file.read(destinations, offset, length);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        return file.read(destination, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
