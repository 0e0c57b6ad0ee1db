package io.vestibule.cdr.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A segment file on a disk that fails as real ones do: writes stop with ENOSPC after some bytes (a short write), and
 * {@code force} can fail. Everything else goes to the real file.
 */
public final class FaultyChannel extends FileChannel {
    private final FileChannel file;
    private final Faults faults;

    /** What the disk does now; shared by every segment the journal opens. */
    public static final class Faults {
        /** Bytes still accepted before writes fail; negative for no limit. */
        public long spaceLeft = -1;
        public boolean forceFails;
        public boolean truncateFails;
        public boolean openFails;
        public boolean directoryForceFails;
    }

    public FaultyChannel(FileChannel file, Faults faults) {
        this.file = file;
        this.faults = faults;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        if (faults.spaceLeft == 0) {
            throw new IOException("No space left on device");
        }
        if (faults.spaceLeft > 0 && source.remaining() > faults.spaceLeft) {
            ByteBuffer part = source.slice(source.position(), (int) faults.spaceLeft);
            int written = file.write(part);
            source.position(source.position() + written);
            faults.spaceLeft -= written;
            return written;
        }
        int written = file.write(source);
        if (faults.spaceLeft > 0) {
            faults.spaceLeft -= written;
        }
        return written;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        if (faults.forceFails) {
            throw new IOException("Input/output error");
        }
        file.force(metaData);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        if (faults.truncateFails) {
            throw new IOException("Input/output error");
        }
        file.truncate(size);
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
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        throw new UnsupportedOperationException("the journal writes one buffer at a time");
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
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        return file.transferFrom(source, position, count);
    }

    @Override
    public int read(ByteBuffer destination, long position) throws IOException {
        return file.read(destination, position);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        throw new UnsupportedOperationException("the journal appends");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
