package io.vestibule.cdr.journal;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

import io.vestibule.cdr.SealedRecord;
import io.vestibule.cdr.keys.StoredDayKey;
import io.vestibule.crypto.PrivateFiles;

/**
 * The call records' write-ahead journal (R-CDR-2): sealed records appended to segment files and forced to disk
 * before they count as acknowledged. Only sealed records are written, so the journal holds nothing in clear.
 *
 * <p>A frame is {@code length (4) || body || CRC-32C (4)}; a crash can leave a torn last frame, which recovery
 * cuts off (it was never acknowledged). Ahead of the first record a segment holds that was sealed under a day key, the
 * segment holds that day key as stored (wrapped by its key-encryption key, never in clear): a database that lost the
 * key's row can have it back from the journal (issue 21). Segments roll over at a size; a segment whose records are all in the
 * database is deleted, except the newest, which keeps the chain's head for the next start.
 *
 * <p>I/O errors follow one rule, so that no sequence is ever written twice: a write that fails (a full disk, a short
 * write) is undone by cutting the segment back to where the batch began, and the batch may be written again; a
 * failed {@code force}, or a write that cannot be undone, breaks the journal ({@link JournalBroken}) until a restart,
 * since what reached the disk is then unknown.
 */
public final class CallJournal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CallJournal.class.getName());
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".journal";
    private static final int LONGEST_FRAME = 1 << 20;
    /** Where a record frame has its sequence number, a day-key frame has this. */
    private static final long DAY_KEY_FRAME = -1;
    /** The most records an earlier version could have written again at once: the pipeline's largest batch. */
    private static final int LARGEST_RETRIED_BATCH = 2048;

    private final Path directory;
    private final long segmentBytes;
    private final SegmentFiles files;
    private IOException broken;
    /** First sequence of each segment, and its file. */
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private FileChannel current;
    /** Reused for every batch; grows to the largest batch written. */
    private ByteBuffer batch;
    /** Where the last {@link #readFrom} stopped: the shipper reads on from there, not from the segment's start. */
    private volatile ReadBack readBack;

    private record ReadBack(Path file, long position, long nextSequence) {
    }

    /** What {@link #read} answers when it reached the end of the segment. */
    private static final long END = -1;

    /**
     * Frames superseded by a later copy of the same records, per segment: from the first copy's position to where the
     * later copy begins. Only journals written before issue 20 hold such frames (a batch written again after a failed
     * write or fsync); the later copy is the one the chain continues from.
     */
    private final Map<Path, TreeMap<Long, Long>> superseded = new HashMap<>();

    /** A record read, and where its frame begins; day-key frames are handed to {@link #dayKey}. */
    @FunctionalInterface
    private interface FrameVisitor {
        boolean visit(SealedRecord record, long position) throws IOException;

        default void dayKey(StoredDayKey key) {
        }
    }

    /** What {@link #open} found: the newest record, and the day keys the segments hold. */
    public record Opened(Optional<SealedRecord> newest, Collection<StoredDayKey> dayKeys) {
    }

    /** The day keys the current segment holds. */
    private final Set<Integer> keysInSegment = new HashSet<>();

    private record FrameAt(long sequence, Path file, long position) {
    }

    /** How a segment is opened for appending; tests hand in channels that fail as a full or failing disk does. */
    @FunctionalInterface
    public interface SegmentFiles {
        FileChannel openForAppending(Path file) throws IOException;

        /** Makes a directory's entries (a new segment's name) durable. */
        default void forceDirectory(Path directory) throws IOException {
            try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
                entries.force(true);
            }
        }
    }

    public CallJournal(Path directory, long segmentBytes) {
        this(directory, segmentBytes, file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    public CallJournal(Path directory, long segmentBytes, SegmentFiles files) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.files = files;
    }

    /**
     * Opens the journal, checks every frame, and returns its newest record (none when it is empty) and the day keys it
     * holds. A torn tail is
     * cut off; a bad frame anywhere else stops the start, since acknowledged records would be lost. Nothing is kept in
     * memory: records are read back with {@link #readFrom}.
     */
    public synchronized Opened open() {
        try {
            boolean created = !Files.isDirectory(directory);
            PrivateFiles.directory(directory);
            if (created) {
                files.forceDirectory(directory.toAbsolutePath().getParent());
            }
            try (DirectoryStream<Path> found = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
                for (Path file : found) {
                    String name = file.getFileName().toString();
                    segments.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), file);
                }
            }
            SealedRecord[] newest = new SealedRecord[1];
            ArrayDeque<FrameAt> recent = new ArrayDeque<>();
            Map<Integer, StoredDayKey> dayKeys = new TreeMap<>();
            for (var segment : segments.entrySet()) {
                boolean last = segment.getKey().equals(segments.lastKey());
                Path file = segment.getValue();
                read(file, last, 0, new FrameVisitor() {
                    @Override
                    public boolean visit(SealedRecord record, long position) throws IOException {
                        if (newest[0] != null && record.sequence() <= newest[0].sequence()) {
                            supersede(recent, record.sequence(), file, position);
                        }
                        recent.addLast(new FrameAt(record.sequence(), file, position));
                        if (recent.size() > 2 * LARGEST_RETRIED_BATCH) {
                            recent.removeFirst();
                        }
                        newest[0] = record;
                        return true;
                    }

                    @Override
                    public void dayKey(StoredDayKey key) {
                        dayKeys.put(key.id(), key);
                    }
                });
            }
            return new Opened(Optional.ofNullable(newest[0]), List.copyOf(dayKeys.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the call-record journal in " + directory, e);
        }
    }

    /**
     * Marks the frames from the first copy of {@code sequence} up to {@code position} (where its later copy begins) as
     * superseded, so that reading back skips them.
     */
    private void supersede(ArrayDeque<FrameAt> recent, long sequence, Path file, long position) throws IOException {
        FrameAt first = recent.stream().filter(frame -> frame.sequence() == sequence).findFirst()
                .orElseThrow(() -> new IOException("The call-record journal holds record " + sequence + " twice, too far apart to be a "
                        + "batch written again; the service does not start. Keep a copy of the cdr-journal directory and see "
                        + "docs/admin-guide.md, \"Call records\""));
        if (first.file().equals(file)) {
            superseded.computeIfAbsent(file, f -> new TreeMap<>()).put(first.position(), position);
        } else {
            superseded.computeIfAbsent(first.file(), f -> new TreeMap<>()).put(first.position(), Long.MAX_VALUE);
            if (position > 0) {
                superseded.computeIfAbsent(file, f -> new TreeMap<>()).put(0L, position);
            }
        }
        LOG.warning(() -> "The call-record journal holds records from " + sequence + " on twice (written again after a failed write by "
                + "an earlier version); the later copy is used");
    }

    /**
     * The journaled records from {@code first} to {@code last}, in order, at most {@code most} of them: what the
     * shipper reads back when the database was away for longer than its window in memory, and after a restart. Only
     * acknowledged records may be asked for ({@code last} at most the newest acknowledged sequence).
     */
    public List<SealedRecord> readFrom(long first, long last, int most) {
        List<SealedRecord> records = new ArrayList<>();
        if (first > last || most <= 0) {
            return records;
        }
        ReadBack resume = readBack;
        List<Path> files;
        synchronized (this) {
            if (resume != null && (resume.nextSequence() != first || !segments.containsValue(resume.file()))) {
                resume = null;
            }
            Long start = resume != null ? segments.floorKey(resume.nextSequence()) : segments.floorKey(first);
            files = List.copyOf((start == null ? segments : segments.tailMap(start)).values());
        }
        try {
            for (Path file : files) {
                long from = resume != null && file.equals(resume.file()) ? resume.position() : 0;
                // Stops at the last record asked for: a batch being appended after it may be half written.
                long stoppedAt = read(file, false, from, (record, position) -> {
                    if (record.sequence() >= first) {
                        records.add(record);
                    }
                    return record.sequence() < last && records.size() < most;
                });
                if (stoppedAt != END) {
                    readBack = new ReadBack(file, stoppedAt, records.get(records.size() - 1).sequence() + 1);
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read back the call-record journal in " + directory, e);
        }
        return records;
    }

    /**
     * Appends records and forces them to disk: when this returns, they are acknowledged. Throws
     * {@link UncheckedIOException} when nothing of the batch was kept (it may be appended again), and
     * {@link JournalBroken} when the journal takes nothing more.
     *
     * @param dayKeys the stored day key of a key id, for the day-key frames the segment does not hold yet
     */
    public synchronized void append(List<SealedRecord> records, IntFunction<StoredDayKey> dayKeys) {
        if (records.isEmpty()) {
            return;
        }
        if (broken != null) {
            throw new JournalBroken("The call-record journal is broken since an earlier failure; restart the service", broken);
        }
        long before = -1;
        Set<Integer> keysBefore = Set.copyOf(keysInSegment);
        try {
            if (current == null || current.size() >= segmentBytes) {
                roll(records.get(0).sequence());
                keysBefore = Set.of();
            }
            before = current.size();
            ByteBuffer frames = frames(records, dayKeys);
            while (frames.hasRemaining()) {
                current.write(frames);
            }
        } catch (IOException writeFailed) {
            keysInSegment.retainAll(keysBefore);
            undo(before, writeFailed);
            throw new UncheckedIOException("Cannot write the call-record journal; nothing of the batch was kept", writeFailed);
        }
        try {
            current.force(false);
        } catch (IOException forceFailed) {
            throw breaks("Forcing the call-record journal to disk failed", forceFailed);
        }
    }

    /** Cuts the segment back to where the failed batch began, durably; breaks the journal if even that fails. */
    private void undo(long before, IOException writeFailed) {
        if (before < 0) {
            return;
        }
        try {
            current.truncate(before);
            current.force(false);
        } catch (IOException undoFailed) {
            undoFailed.addSuppressed(writeFailed);
            throw breaks("A failed write to the call-record journal could not be undone", undoFailed);
        }
    }

    private JournalBroken breaks(String what, IOException cause) {
        broken = cause;
        close();
        return new JournalBroken(what + " (" + cause.getMessage() + "); no more records are written until the service restarts",
                cause);
    }

    /**
     * Deletes segments whose every record is in the database, keeping the newest; runs {@code databaseForced} once
     * before the first deletion (a commit that only reached the database's cache would otherwise be the last copy).
     */
    public synchronized void shipped(long upToSequence, Runnable databaseForced) {
        boolean forced = false;
        while (segments.size() > 1) {
            long first = segments.firstKey();
            Long next = segments.higherKey(first);
            if (next == null || next - 1 > upToSequence) {
                return;
            }
            if (!forced) {
                databaseForced.run();
                forced = true;
            }
            try {
                Files.deleteIfExists(segments.remove(first));
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete a shipped journal segment: " + e.getMessage());
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.warning(() -> "Closing the call-record journal failed: " + e.getMessage());
            }
            current = null;
        }
    }

    /**
     * Starts the next segment. Until the new file and its directory entry are durable there is no current segment:
     * a failed roll (no space, a directory that cannot be forced) is tried again by the next batch, and nothing is
     * written to a segment whose name a crash could lose.
     */
    private void roll(long firstSequence) throws IOException {
        if (current != null) {
            FileChannel full = current;
            current = null;
            full.close();
        }
        Path file = directory.resolve(PREFIX + String.format("%019d", firstSequence) + SUFFIX);
        FileChannel opened = files.openForAppending(file);
        try {
            PrivateFiles.restrictToOwner(file);
            files.forceDirectory(directory);
        } catch (IOException notDurable) {
            opened.close();
            throw notDurable;
        }
        current = opened;
        keysInSegment.clear();
        segments.put(firstSequence, file);
    }

    /**
     * The batch's frames in one buffer, written with one call: a write per record cost more than the fsync. A day key
     * the segment does not hold yet goes ahead of its first record.
     */
    private ByteBuffer frames(List<SealedRecord> records, IntFunction<StoredDayKey> dayKeys) {
        Map<Integer, StoredDayKey> newKeys = new HashMap<>();
        int bytes = 0;
        for (SealedRecord record : records) {
            if (!keysInSegment.contains(record.keyId()) && !newKeys.containsKey(record.keyId())) {
                StoredDayKey key = dayKeys.apply(record.keyId());
                newKeys.put(record.keyId(), key);
                bytes += 4 + dayKeyBodyLength(key) + 4;
            }
            bytes += 4 + bodyLength(record) + 4;
        }
        if (batch == null || batch.capacity() < bytes) {
            batch = ByteBuffer.allocateDirect(Math.max(bytes, batch == null ? 0 : 2 * batch.capacity()));
        }
        batch.clear();
        CRC32C crc = new CRC32C();
        for (SealedRecord record : records) {
            if (keysInSegment.add(record.keyId())) {
                putDayKeyFrame(newKeys.get(record.keyId()), crc);
            }
            int bodyLength = bodyLength(record);
            batch.putInt(bodyLength);
            int body = batch.position();
            batch.putLong(record.sequence()).putLong(record.occurredAt().getEpochSecond()).putInt(record.occurredAt().getNano())
                    .putInt(record.keyId()).put(record.chainHash())
                    .putInt(indexesLength(record.indexes()));
            putAscii(batch, record.indexes().room()).put((byte) '\n');
            putAscii(batch, record.indexes().participant()).put((byte) '\n');
            putAscii(batch, record.indexes().name()).put((byte) '\n');
            putAscii(batch, record.indexes().outcome());
            batch.putInt(record.ciphertext().length).put(record.ciphertext());
            crc.reset();
            crc.update(batch.slice(body, bodyLength));
            batch.putInt((int) crc.getValue());
        }
        return batch.flip();
    }

    private void putDayKeyFrame(StoredDayKey key, CRC32C crc) {
        int bodyLength = dayKeyBodyLength(key);
        batch.putInt(bodyLength);
        int body = batch.position();
        byte[] wrapped = key.wrapped().orElseThrow(() -> new IllegalArgumentException("A destroyed day key seals nothing"));
        batch.putLong(DAY_KEY_FRAME).putInt(key.id()).putLong(key.day().toEpochDay()).putInt(key.kekAlias().length());
        putAscii(batch, key.kekAlias()).putInt(wrapped.length).put(wrapped);
        crc.reset();
        crc.update(batch.slice(body, bodyLength));
        batch.putInt((int) crc.getValue());
    }

    private static int dayKeyBodyLength(StoredDayKey key) {
        return 8 + 4 + 8 + 4 + key.kekAlias().length() + 4 + key.wrapped().map(wrapped -> wrapped.length).orElse(0);
    }

    private static int bodyLength(SealedRecord record) {
        if (record.chainHash().length != 32) {
            throw new IllegalArgumentException("A chain hash has 32 bytes");
        }
        return 8 + 8 + 4 + 4 + 32 + 4 + indexesLength(record.indexes()) + 4 + record.ciphertext().length;
    }

    /** The indexes as stored: the four hex strings joined by newlines. */
    private static int indexesLength(SealedRecord.BlindIndexes indexes) {
        return indexes.room().length() + indexes.participant().length() + indexes.name().length() + indexes.outcome().length() + 3;
    }

    private static ByteBuffer putAscii(ByteBuffer buffer, String text) {
        for (int i = 0; i < text.length(); i++) {
            buffer.put((byte) text.charAt(i));
        }
        return buffer;
    }

    /**
     * Hands the segment's records from byte {@code from} on to {@code each} until it answers false, and returns the
     * position after that record's frame then, or {@link #END} at the end of the segment. A bad frame in the
     * newest segment at open is a torn write, cut off, only when nothing follows it:
     * it runs past the end of the file, or it is the file's last frame, or only zeros follow (space the file system
     * had allocated when the crash came). Anything else would cut off acknowledged records, so it stops the start.
     */
    private long read(Path file, boolean last, long from, FrameVisitor each) throws IOException {
        // Reading back (not the newest segment at open) never cuts anything, so it needs no write access.
        try (FileChannel channel = last ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            long position = from;
            long size = channel.size();
            TreeMap<Long, Long> skips = superseded.getOrDefault(file, new TreeMap<>());
            while (position < size) {
                Long skipTo = skips.get(position);
                if (skipTo != null) {
                    position = Math.min(skipTo, size);
                    continue;
                }
                String fault = null;
                long frameEnd = size + 1;
                if (size - position >= 4) {
                    int bodyLength = readFully(channel, position, 4).getInt();
                    frameEnd = position + 4 + (long) bodyLength + 4;
                    if (bodyLength <= 0 || bodyLength > LONGEST_FRAME) {
                        fault = "impossible frame length " + bodyLength;
                    } else if (frameEnd <= size) {
                        ByteBuffer frame = readFully(channel, position + 4, bodyLength + 4);
                        byte[] body = new byte[bodyLength];
                        frame.get(body);
                        CRC32C crc = new CRC32C();
                        crc.update(body);
                        if ((int) crc.getValue() == frame.getInt()) {
                            ByteBuffer content = ByteBuffer.wrap(body);
                            if (content.getLong(0) == DAY_KEY_FRAME) {
                                each.dayKey(parseDayKey(content));
                            } else if (!each.visit(parse(content), position)) {
                                return frameEnd;
                            }
                            position = frameEnd;
                            continue;
                        }
                        fault = "checksum mismatch";
                    }
                }
                if (fault == null) {
                    fault = "the frame ends early";
                }
                boolean torn = last && (frameEnd >= size || zerosFrom(channel, position, size));
                if (!torn) {
                    throw new IOException("The call-record journal segment " + file + " is damaged at byte " + position + " (" + fault
                            + ") and records follow it, so cutting it off would lose acknowledged records. The service does not "
                            + "start; keep a copy of the segment, then see docs/admin-guide.md, \"Call records\", for how to proceed");
                }
                long cut = position;
                String why = fault;
                LOG.warning(() -> "Cutting a torn frame off the call-record journal at byte " + cut + " of " + file
                        + " (" + why + "); it was never acknowledged");
                channel.truncate(position);
                channel.force(false);
                break;
            }
        }
        return END;
    }

    private static boolean zerosFrom(FileChannel channel, long position, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        for (long at = position; at < size; ) {
            chunk.clear();
            int read = channel.read(chunk, at);
            if (read <= 0) {
                return true;
            }
            for (int i = 0; i < read; i++) {
                if (chunk.get(i) != 0) {
                    return false;
                }
            }
            at += read;
        }
        return true;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("frame ends early");
            }
        }
        return buffer.flip();
    }

    private static StoredDayKey parseDayKey(ByteBuffer body) {
        body.getLong();
        int id = body.getInt();
        LocalDate day = LocalDate.ofEpochDay(body.getLong());
        byte[] alias = new byte[body.getInt()];
        body.get(alias);
        byte[] wrapped = new byte[body.getInt()];
        body.get(wrapped);
        return new StoredDayKey(id, day, new String(alias, StandardCharsets.US_ASCII), Optional.of(wrapped));
    }

    private static SealedRecord parse(ByteBuffer body) {
        long sequence = body.getLong();
        Instant occurredAt = Instant.ofEpochSecond(body.getLong(), body.getInt());
        int keyId = body.getInt();
        byte[] hash = new byte[32];
        body.get(hash);
        byte[] indexBytes = new byte[body.getInt()];
        body.get(indexBytes);
        String[] indexes = new String(indexBytes, StandardCharsets.US_ASCII).split("\n", -1);
        byte[] ciphertext = new byte[body.getInt()];
        body.get(ciphertext);
        return new SealedRecord(sequence, occurredAt, keyId, ciphertext,
                new SealedRecord.BlindIndexes(indexes[0], indexes[1], indexes[2], indexes[3]), hash);
    }
}
