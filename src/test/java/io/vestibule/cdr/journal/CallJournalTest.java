package io.vestibule.cdr.journal;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.cdr.SealedRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** The journal's frames as written in batches and read back at start-up. */
class CallJournalTest {
    @TempDir
    Path directory;

    private static SealedRecord record(long sequence) {
        byte[] ciphertext = new byte[(int) (40 + sequence % 500)];
        ciphertext[0] = (byte) sequence;
        byte[] hash = new byte[32];
        hash[31] = (byte) sequence;
        String index = String.format("%032x", sequence);
        return new SealedRecord(sequence, Instant.parse("2026-12-01T09:00:00.123456789Z").plusSeconds(sequence), (int) sequence % 3,
                ciphertext, new SealedRecord.BlindIndexes(index, "", sequence % 2 == 0 ? index : "", "0123456789abcdef0123456789abcdef"), hash);
    }

    private static List<SealedRecord> records(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(CallJournalTest::record).toList();
    }

    @Test
    void batchesOfAnySizeAreReadBackAsWritten() {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            assertThat(journal.open()).isEmpty();
            journal.append(records(1, 1));
            journal.append(records(2, 3000));
            journal.append(records(3001, 3002));
        }
        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(reopened.open()).isEqualTo(records(1, 3002));
        }
    }

    @Test
    void aTornLastFrameIsCutOffAndAppendingContinues() throws Exception {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 3));
        }
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            assertThat(journal.open()).isEqualTo(records(1, 2));
            journal.append(records(3, 4));
        }
        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(reopened.open()).isEqualTo(records(1, 4));
        }
    }

    private Path onlySegment() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> segments = files.filter(file -> file.getFileName().toString().endsWith(".journal")).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }
}
