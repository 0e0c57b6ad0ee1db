package io.vestibule.audit.syslog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

import io.vestibule.crypto.PrivateFiles;

/**
 * One syslog server's messages not yet delivered, on disk (R-AUD-3): append-only segment files, each message forced
 * to disk before {@link #append} returns, and a cursor file naming the first message not yet delivered.
 *
 * <p>A message is {@code length (4) || CRC-32C (4) || message}; a crash can leave a torn last one, which opening the
 * queue cuts off (it was never acknowledged to the caller). The cursor moves only after messages were written to the
 * server ({@link #delivered}); it is saved after each batch, so a crash between a batch's write and the cursor's save
 * sends that batch again: a server may see a message twice, never miss one.
 *
 * <p>At most {@code limit} messages wait; past that, {@link #append} refuses the newest (the oldest, which tell how an
 * outage or an attack began, are kept) and the caller counts what it could not queue.
 */
public final class SyslogQueue implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyslogQueue.class.getName());
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".queue";
    private static final String CURSOR = "cursor";
    private static final int LONGEST_MESSAGE = 64 * 1024;

    /** A queued message and its place in the queue. */
    public record Queued(long sequence, byte[] message) {
    }

    private final Path directory;
    private final long segmentBytes;
    private final int limit;
    /** First sequence of each segment, and its file. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel current;
    private long head;
    private long cursor;
    private ReadPosition read;
    /** Once closed, nothing touches the files: a sender still finishing a slow connection attempt cannot move the cursor. */
    private boolean closed;

    private record ReadPosition(Path file, long offset, long sequence) {
    }

    private SyslogQueue(Path directory, long segmentBytes, int limit) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.limit = limit;
    }

    /** Opens the queue in {@code directory} (made if absent), with what an earlier run left undelivered. */
    public static SyslogQueue open(Path directory, long segmentBytes, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("a syslog queue holds at least one message");
        }
        SyslogQueue queue = new SyslogQueue(PrivateFiles.directory(directory), segmentBytes, limit);
        queue.recover();
        return queue;
    }

    /** Queues a message, forced to disk; false when the queue is full and the message was not queued. */
    public synchronized boolean append(byte[] message) throws IOException {
        if (message.length == 0 || message.length > LONGEST_MESSAGE) {
            throw new IllegalArgumentException("a queued syslog message has 1 to " + LONGEST_MESSAGE + " bytes, not " + message.length);
        }
        requireOpen();
        if (head - cursor >= limit) {
            return false;
        }
        if (current == null || current.size() >= segmentBytes) {
            roll();
        }
        CRC32C crc = new CRC32C();
        crc.update(message);
        ByteBuffer frame = ByteBuffer.allocate(8 + message.length).putInt(message.length).putInt((int) crc.getValue()).put(message).flip();
        long start = current.size();
        try {
            while (frame.hasRemaining()) {
                current.write(frame, current.size());
            }
            current.force(false);
        } catch (IOException e) {
            current.truncate(start);
            throw e;
        }
        head++;
        notifyAll();
        return true;
    }

    /** Messages not yet delivered, oldest first, at most {@code most}; read from disk. */
    public List<Queued> next(int most) throws IOException {
        long from;
        long until;
        Map.Entry<Long, Path> segment;
        ReadPosition resume;
        synchronized (this) {
            requireOpen();
            from = cursor;
            until = Math.min(head, cursor + most);
            segment = segments.floorEntry(from);
            resume = read;
        }
        List<Queued> found = new ArrayList<>();
        if (from >= until || segment == null) {
            return found;
        }
        Path file = segment.getValue();
        long sequence = segment.getKey();
        long offset = 0;
        if (resume != null && resume.sequence() == from && resume.file().equals(file)) {
            offset = resume.offset();
            sequence = from;
        }
        while (sequence < until) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (sequence < until && offset < channel.size()) {
                    byte[] message = readMessage(channel, offset);
                    if (message == null) {
                        throw new IOException("syslog queue " + file + " is damaged at byte " + offset);
                    }
                    offset += 8 + message.length;
                    if (sequence >= from) {
                        found.add(new Queued(sequence, message));
                    }
                    sequence++;
                }
            }
            if (sequence < until) {
                synchronized (this) {
                    Map.Entry<Long, Path> following = segments.higherEntry(segment.getKey());
                    if (following == null) {
                        break;
                    }
                    segment = following;
                }
                file = segment.getValue();
                offset = 0;
            }
        }
        synchronized (this) {
            read = new ReadPosition(file, offset, sequence);
        }
        return found;
    }

    /** Everything before {@code next} reached the server: the cursor moves there, saved; emptied segments go. */
    public synchronized void delivered(long next) throws IOException {
        requireOpen();
        if (next <= cursor) {
            return;
        }
        if (next > head) {
            throw new IllegalArgumentException("message " + next + " was never queued");
        }
        cursor = next;
        PrivateFiles.writeAtomically(directory.resolve(CURSOR), Long.toString(cursor).getBytes(StandardCharsets.US_ASCII));
        while (segments.size() > 1) {
            Map.Entry<Long, Path> oldest = segments.firstEntry();
            Long following = segments.higherKey(oldest.getKey());
            if (following > cursor) {
                break;
            }
            Files.deleteIfExists(oldest.getValue());
            segments.remove(oldest.getKey());
        }
    }

    /** Waits up to {@code patience} for a message to deliver; true if there is one. */
    public synchronized boolean awaitBacklog(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (head == cursor && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** How many messages wait for delivery. */
    public synchronized long backlog() {
        return head - cursor;
    }

    public int limit() {
        return limit;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        notifyAll();
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the syslog queue " + directory + " is closed");
        }
    }

    private void roll() throws IOException {
        if (current != null) {
            current.close();
        }
        Path file = directory.resolve(PREFIX + String.format("%020d", head) + SUFFIX);
        current = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        PrivateFiles.restrictToOwner(file);
        try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
            folder.force(true);
        }
        segments.put(head, file);
    }

    private void recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                segments.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), file);
            }
        }
        Path cursorFile = directory.resolve(CURSOR);
        cursor = Files.exists(cursorFile) ? Long.parseLong(Files.readString(cursorFile, StandardCharsets.US_ASCII).strip())
                : segments.isEmpty() ? 0 : segments.firstKey();
        if (segments.isEmpty()) {
            head = cursor;
            return;
        }
        Map.Entry<Long, Path> last = segments.lastEntry();
        long counted = 0;
        long end = 0;
        try (FileChannel channel = FileChannel.open(last.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] message;
            while (end < channel.size() && (message = readMessage(channel, end)) != null) {
                end += 8 + message.length;
                counted++;
            }
            if (end < channel.size()) {
                long cut = channel.size() - end;
                LOG.warning(() -> "Syslog queue " + last.getValue() + ": " + cut + " bytes of a message torn by a crash are cut off"
                        + " (it was never queued)");
                channel.truncate(end);
                channel.force(true);
            }
        }
        head = last.getKey() + counted;
        cursor = Math.max(cursor, segments.firstKey());
        if (cursor > head) {
            throw new IOException("syslog queue " + directory + ": the cursor (" + cursor + ") is past the last message (" + head + ")");
        }
        current = FileChannel.open(last.getValue(), StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    /** The message at {@code offset}, or null when what is there is torn or does not match its CRC. */
    private static byte[] readMessage(FileChannel channel, long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8);
        if (readFully(channel, header, offset) < 8) {
            return null;
        }
        int length = header.getInt(0);
        if (length <= 0 || length > LONGEST_MESSAGE) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (readFully(channel, body, offset + 8) < length) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(body.array());
        return (int) crc.getValue() == header.getInt(4) ? body.array() : null;
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
