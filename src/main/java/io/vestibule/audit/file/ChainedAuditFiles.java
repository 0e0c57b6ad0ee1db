package io.vestibule.audit.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.chain.AuditCheckpoints;
import io.vestibule.audit.chain.AuditFileNames;
import io.vestibule.audit.chain.AuditLines;
import io.vestibule.audit.chain.FlatJson;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.PrivateFiles;

/**
 * The append-only, hash-chained audit files (R-AUD-2). Each event becomes one JSON line, written and forced to disk
 * before {@link #append} returns, so an event the service acknowledged survives a crash or a power cut. A file that
 * would grow past the rotation size is closed with a signed checkpoint and the next one begins with a header that
 * links to it; files beyond the size cap are deleted oldest first, and every header says up to which file the cap
 * has deleted, so the verifier can tell the cap from an intruder.
 *
 * <p>A write that fails (a full disk, an I/O error) is undone and counted; the writer keeps trying with each new event,
 * and the first event it writes again carries {@code unwritten_before}, the number that were lost, so the chain shows
 * the gap. After a crash, the next start closes the unfinished file with a checkpoint (after cutting off a last line
 * that was never completed, hence never acknowledged) and begins a new one.
 */
public final class ChainedAuditFiles implements AutoCloseable {
    /** Opens an audit file for writing; replaced in tests by one that fails like a full disk. */
    @FunctionalInterface
    public interface FileOpener {
        FileChannel open(Path file) throws IOException;
    }

    /** The key that signs checkpoints. */
    public record CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
    }

    private final Path directory;
    private final AuditFileLimits limits;
    private final CheckpointKey key;
    private final String keyFingerprint;
    private final Clock clock;
    private final FileOpener opener;
    private final AuditLines lines;
    private final AuditCheckpoints checkpoints;

    private boolean opened;
    private FileChannel channel;
    /** The file being written, and whether it still needs its header (its creation failed, or it is due). */
    private long fileNumber;
    private boolean needsNewFile;
    /** Bytes of the current file that are complete lines, forced to disk. */
    private long fileBytes;
    private long fileLines;
    private long nextSequence = 1;
    private String lastHash = AuditLines.GENESIS;
    private long retiredThrough;
    private long unwritten;
    private long unwrittenTotal;
    private Optional<String> lastFailure = Optional.empty();

    public ChainedAuditFiles(Path directory, AuditFileLimits limits, CheckpointKey key, CryptoPolicy policy, Clock clock, FileOpener opener) {
        this.directory = directory;
        this.limits = limits;
        this.key = key;
        this.keyFingerprint = AuditCheckpoints.fingerprint(key.publicKey());
        this.clock = clock;
        this.opener = opener;
        this.lines = new AuditLines(policy);
        this.checkpoints = new AuditCheckpoints(policy);
    }

    public static FileChannel openForAppending(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /**
     * Picks up the chain where the files on disk end, closes an unfinished file and starts a new one.
     *
     * @throws IOException when the directory cannot be read or written; then nothing is written until a later {@link #append}
     *         finds it writable
     */
    public synchronized void open() throws IOException {
        opened = false;
        abandonChannel();
        PrivateFiles.directory(directory);
        List<Path> existing = AuditFileNames.list(directory);
        if (existing.isEmpty()) {
            fileNumber = 0;
        } else {
            Path last = existing.get(existing.size() - 1);
            fileNumber = AuditFileNames.number(last).orElseThrow();
            resumeAfter(last);
        }
        needsNewFile = true;
        startNewFileIfDue();
        opened = true;
    }

    /** Writes the event as the chain's next line; false (counted, and reported by the next line written) when it could not. */
    public synchronized boolean append(AuditEvent event) {
        try {
            if (!opened) {
                open();
            }
            startNewFileIfDue();
            Map<String, Object> fields = start(AuditLines.EVENT);
            fields.put("id", event.id());
            fields.put(AuditLines.AT, event.occurredAt().toString());
            fields.put("type", event.type());
            fields.put("actor", event.actor());
            if (event.sourceAddress() != null) {
                fields.put("source", event.sourceAddress());
            }
            fields.put("outcome", event.outcome().name().toLowerCase(Locale.ROOT));
            fields.put("detail", event.detail());
            if (unwritten > 0) {
                fields.put(AuditLines.UNWRITTEN_BEFORE, unwritten);
            }
            String line = FlatJson.write(fields);
            if (fileBytes + line.getBytes(StandardCharsets.UTF_8).length + 1 > limits.rotateBytes() && fileLines > 1) {
                closeWithCheckpoint();
                startNewFileIfDue();
                fields.put(AuditLines.SEQUENCE, nextSequence);
                fields.put(AuditLines.PREVIOUS, lastHash);
                line = FlatJson.write(fields);
            }
            write(line);
            unwritten = 0;
            lastFailure = Optional.empty();
            return true;
        } catch (IOException | RuntimeException e) {
            unwritten++;
            unwrittenTotal++;
            lastFailure = Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            abandonChannel();
            return false;
        }
    }

    /** Events not written since the last one that was (0 when writing works). */
    public synchronized long unwritten() {
        return unwritten;
    }

    /** Events never written since the service started. */
    public synchronized long unwrittenSinceStart() {
        return unwrittenTotal;
    }

    /** Why the last write failed, while writing fails. */
    public synchronized Optional<String> lastFailure() {
        return lastFailure;
    }

    public Path directory() {
        return directory;
    }

    public String keyFingerprint() {
        return keyFingerprint;
    }

    /** A clean stop: the current file ends with its checkpoint, so nothing after the last event can be cut off unseen. */
    @Override
    public synchronized void close() throws IOException {
        if (channel != null && !needsNewFile) {
            closeWithCheckpoint();
        }
        abandonChannel();
    }

    private void resumeAfter(Path last) throws IOException {
        byte[] content = Files.readAllBytes(last);
        int end = content.length;
        while (end > 0 && content[end - 1] != '\n') {
            end--;
        }
        List<String> complete = new ArrayList<>(List.of(new String(content, 0, end, StandardCharsets.UTF_8).split("\n")));
        complete.removeIf(String::isEmpty);
        if (complete.isEmpty()) {
            // Created but never given its header: the file is started again under its number.
            fileNumber--;
            Files.delete(last);
            Optional<Path> before = AuditFileNames.list(directory).stream().reduce((older, newer) -> newer);
            if (before.isPresent()) {
                resumeAfter(before.get());
            }
            return;
        }
        Map<String, Object> header = readLine(complete.get(0), last);
        if (header.get(AuditLines.RETIRED_THROUGH) instanceof Long retired) {
            retiredThrough = retired;
        }
        String lastLine = complete.get(complete.size() - 1);
        Map<String, Object> tail = readLine(lastLine, last);
        nextSequence = (Long) tail.get(AuditLines.SEQUENCE) + 1;
        lastHash = lines.hash(lastLine);
        fileBytes = end;
        fileLines = complete.size();
        if (!AuditLines.CHECKPOINT.equals(tail.get(AuditLines.KIND))) {
            channel = opener.open(last);
            // A line cut short by a crash was never forced, so never acknowledged: it goes, and the checkpoint follows the last whole one.
            channel.truncate(end);
            closeWithCheckpoint();
        }
    }

    private static Map<String, Object> readLine(String line, Path file) throws IOException {
        try {
            Map<String, Object> fields = FlatJson.read(line);
            if (!(fields.get(AuditLines.SEQUENCE) instanceof Long)) {
                throw new IllegalArgumentException("no sequence number");
            }
            return fields;
        } catch (IllegalArgumentException e) {
            throw new IOException("The audit file " + file + " does not end with an audit record (" + e.getMessage()
                    + "); run 'audit verify' on the directory, move the damaged file aside and restart", e);
        }
    }

    private void startNewFileIfDue() throws IOException {
        if (!needsNewFile && channel != null) {
            return;
        }
        if (!needsNewFile) {
            channel = opener.open(AuditFileNames.file(directory, fileNumber));
            channel.truncate(fileBytes);
            return;
        }
        long number = fileNumber + 1;
        retireOldest();
        Path file = AuditFileNames.file(directory, number);
        channel = opener.open(file);
        channel.truncate(0);
        fileBytes = 0;
        fileLines = 0;
        forceDirectory();
        Map<String, Object> header = start(AuditLines.HEADER);
        header.put(AuditLines.FILE, number);
        header.put(AuditLines.RETIRED_THROUGH, retiredThrough);
        header.put(AuditLines.AT, clock.instant().toString());
        // A file whose header could not be written is created again under the same number by the next attempt.
        write(FlatJson.write(header));
        fileNumber = number;
        needsNewFile = false;
    }

    /** Deletes the oldest files until those kept and the next one fit under the cap. */
    private void retireOldest() throws IOException {
        List<Path> files = AuditFileNames.list(directory);
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        boolean deleted = false;
        for (Path oldest : files) {
            if (total + limits.rotateBytes() <= limits.keepBytes()) {
                break;
            }
            total -= Files.size(oldest);
            Files.delete(oldest);
            retiredThrough = Math.max(retiredThrough, AuditFileNames.number(oldest).orElseThrow());
            deleted = true;
        }
        if (deleted) {
            forceDirectory();
        }
    }

    private void closeWithCheckpoint() throws IOException {
        Map<String, Object> checkpoint = start(AuditLines.CHECKPOINT);
        String at = clock.instant().toString();
        checkpoint.put(AuditLines.FILE, fileNumber);
        checkpoint.put(AuditLines.LINES, fileLines);
        checkpoint.put(AuditLines.AT, at);
        checkpoint.put(AuditLines.KEY, keyFingerprint);
        checkpoint.put(AuditLines.SIGNATURE, checkpoints.sign(key.privateKey(), key.publicKey(), fileNumber, nextSequence, lastHash, fileLines, at));
        write(FlatJson.write(checkpoint));
        abandonChannel();
        needsNewFile = true;
    }

    private Map<String, Object> start(String kind) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(AuditLines.SEQUENCE, nextSequence);
        fields.put(AuditLines.PREVIOUS, lastHash);
        fields.put(AuditLines.KIND, kind);
        return fields;
    }

    /** Appends one line and forces it to disk; on failure the file is cut back to its last whole line. */
    private void write(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        int length = bytes.remaining();
        try {
            long position = fileBytes;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(fileBytes);
            } catch (IOException notUndone) {
                e.addSuppressed(notUndone);
            }
            throw e;
        }
        fileBytes += length;
        fileLines++;
        nextSequence++;
        lastHash = lines.hash(line);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
            entries.force(true);
        }
    }

    private void abandonChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Already failing or finished; the next write opens the file again.
            }
            channel = null;
        }
    }
}
