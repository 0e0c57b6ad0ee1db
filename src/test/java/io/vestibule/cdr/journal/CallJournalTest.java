package io.vestibule.cdr.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.cdr.SealedRecord;
import io.vestibule.cdr.keys.StoredDayKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The journal's frames as written in batches and read back at start-up. */
class CallJournalTest {
    /** The test records' day keys: ids 0 to 2, wrapped bytes that stand for a key. */
    private static final IntFunction<StoredDayKey> DAY_KEYS = id -> new StoredDayKey(id, LocalDate.of(2026, 12, 1), "kek-1",
            Optional.of(new byte[] {1, 2, 3, (byte) id}));

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

    /** Opens the journal and reads back every record in it. */
    private static List<SealedRecord> opened(CallJournal journal) {
        return journal.open().newest().map(last -> journal.readFrom(1, last.sequence(), Integer.MAX_VALUE)).orElse(List.of());
    }

    @Test
    void openReturnsTheNewestRecordAndReadingBackTakesAnyRangeAcrossSegments() throws IOException {
        try (CallJournal journal = new CallJournal(directory, 64 << 10)) {
            journal.open();
            for (long first = 1; first <= 2000; first += 100) {
                journal.append(records(first, first + 99), DAY_KEYS);
            }
        }
        try (CallJournal reopened = new CallJournal(directory, 64 << 10)) {
            assertThat(reopened.open().newest()).contains(record(2000));
            try (Stream<Path> segments = Files.list(directory)) {
                assertThat(segments.count()).as("segments").isGreaterThan(3);
            }
            assertThat(reopened.readFrom(1, 2000, Integer.MAX_VALUE)).isEqualTo(records(1, 2000));
            assertThat(reopened.readFrom(950, 1210, Integer.MAX_VALUE)).isEqualTo(records(950, 1210));
            assertThat(reopened.readFrom(950, 2000, 7)).isEqualTo(records(950, 956));
            assertThat(reopened.readFrom(1999, 5000, 10)).isEqualTo(records(1999, 2000));
            assertThat(reopened.readFrom(10, 9, 10)).isEmpty();
        }
    }

    /** Issue 21: each segment holds, ahead of its first record sealed under a day key, that key as stored. */
    @Test
    void eachSegmentHoldsTheDayKeysOfItsRecordsWhichOpenReturnsAndReadingBackSkips() throws IOException {
        try (CallJournal journal = new CallJournal(directory, 2000)) {
            assertThat(journal.open().dayKeys()).isEmpty();
            journal.append(records(3, 4), DAY_KEYS);
            journal.append(records(5, 5), DAY_KEYS);
            for (long first = 6; first <= 30; first += 4) {
                journal.append(records(first, first + 3), DAY_KEYS);
            }
            assertThat(segmentCount()).isGreaterThan(2);
            journal.shipped(20, () -> { });
        }
        try (CallJournal reopened = new CallJournal(directory, 2000)) {
            CallJournal.Opened opened = reopened.open();
            assertThat(opened.dayKeys()).extracting(StoredDayKey::id).as("the newest segment's records use all three keys")
                    .containsExactly(0, 1, 2);
            assertThat(opened.dayKeys()).allSatisfy(key -> assertThat(key).usingRecursiveComparison().isEqualTo(DAY_KEYS.apply(key.id())));
            assertThat(reopened.readFrom(21, 33, 100)).isEqualTo(records(21, 33));
        }
    }

    @Test
    void batchesOfAnySizeAreReadBackAsWritten() {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            assertThat(journal.open().newest()).isEmpty();
            journal.append(records(1, 1), DAY_KEYS);
            journal.append(records(2, 3000), DAY_KEYS);
            journal.append(records(3001, 3002), DAY_KEYS);
        }
        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(reopened)).isEqualTo(records(1, 3002));
        }
    }

    @Test
    void aTornLastFrameIsCutOffAndAppendingContinues() throws Exception {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 3), DAY_KEYS);
        }
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(journal)).isEqualTo(records(1, 2));
            journal.append(records(3, 4), DAY_KEYS);
        }
        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(reopened)).isEqualTo(records(1, 4));
        }
    }

    // ---- faults of the disk (issue 20) ----------------------------------------------------------------------

    private final FaultyChannel.Faults disk = new FaultyChannel.Faults();

    private CallJournal onFaultyDisk(long segmentBytes) {
        return new CallJournal(directory, segmentBytes, new CallJournal.SegmentFiles() {
            @Override
            public FileChannel openForAppending(Path file) throws IOException {
                if (disk.openFails) {
                    throw new IOException("No space left on device");
                }
                return new FaultyChannel(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND), disk);
            }

            @Override
            public void forceDirectory(Path directory) throws IOException {
                if (disk.directoryForceFails) {
                    throw new IOException("Input/output error");
                }
                CallJournal.SegmentFiles.super.forceDirectory(directory);
            }
        });
    }

    @Test
    void aShortWriteOnAFullDiskIsUndoneSoTheBatchWrittenAgainLeavesEachSequenceOnce() throws Exception {
        try (CallJournal journal = onFaultyDisk(1 << 20)) {
            journal.open();
            journal.append(records(1, 10), DAY_KEYS);
            disk.spaceLeft = 700;

            assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> journal.append(records(11, 20), DAY_KEYS));
            disk.spaceLeft = -1;
            journal.append(records(11, 20), DAY_KEYS);
        }
        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(reopened)).as("no partial frame before the retried batch, no sequence twice").isEqualTo(records(1, 20));
        }
    }

    @Test
    void aFailedForceBreaksTheJournalForGoodSoNoSequenceIsWrittenTwice() throws Exception {
        try (CallJournal journal = onFaultyDisk(1 << 20)) {
            journal.open();
            journal.append(records(1, 5), DAY_KEYS);
            disk.forceFails = true;

            assertThatExceptionOfType(JournalBroken.class).isThrownBy(() -> journal.append(records(6, 8), DAY_KEYS));
            disk.forceFails = false;
            assertThatExceptionOfType(JournalBroken.class).as("not retried on the same file")
                    .isThrownBy(() -> journal.append(records(6, 8), DAY_KEYS));
        }
        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(reopened)).extracting(SealedRecord::sequence).doesNotHaveDuplicates().startsWith(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aWriteThatCannotBeUndoneBreaksTheJournal() {
        try (CallJournal journal = onFaultyDisk(1 << 20)) {
            journal.open();
            journal.append(records(1, 5), DAY_KEYS);
            disk.spaceLeft = 100;
            disk.truncateFails = true;

            assertThatExceptionOfType(JournalBroken.class).isThrownBy(() -> journal.append(records(6, 8), DAY_KEYS));
        }
    }

    @Test
    void aRollThatFailedIsTriedAgainOnceSpaceReturns() {
        try (CallJournal journal = onFaultyDisk(2000)) {
            journal.open();
            journal.append(records(1, 10), DAY_KEYS);
            disk.openFails = true;

            assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> journal.append(records(11, 12), DAY_KEYS));
            assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> journal.append(records(11, 12), DAY_KEYS));
            disk.openFails = false;
            journal.append(records(11, 12), DAY_KEYS);
        }
        try (CallJournal reopened = new CallJournal(directory, 2000)) {
            assertThat(opened(reopened)).isEqualTo(records(1, 12));
        }
    }

    /**
     * Issue 20, fault 2: before the I/O rule, a batch that failed to fsync was written again, sealed anew, after the
     * first copy, and shipping then stopped for good on the duplicate key. A journal like that, from an earlier
     * version, is read back with the later copy of each record, the one the chain continues from, once each.
     */
    @Test
    void aBatchWrittenTwiceByAnEarlierVersionIsReadBackOnceWithItsLaterCopy() throws Exception {
        List<SealedRecord> firstCopy = records(4, 6);
        List<SealedRecord> laterCopy = records(4, 6).stream().map(record -> new SealedRecord(record.sequence(), record.occurredAt(),
                record.keyId(), new byte[] {9, 9, 9}, record.indexes(), record.chainHash())).toList();
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 3), DAY_KEYS);
            journal.append(firstCopy, DAY_KEYS);
        }
        try (CallJournal earlierVersion = new CallJournal(directory, 1 << 20)) {
            earlierVersion.open();
            earlierVersion.append(laterCopy, DAY_KEYS);
            earlierVersion.append(records(7, 8), DAY_KEYS);
        }

        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(reopened.open().newest()).contains(record(8));
            List<SealedRecord> readBack = reopened.readFrom(1, 8, 100);
            assertThat(readBack).extracting(SealedRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(readBack.subList(3, 6)).isEqualTo(laterCopy);
            assertThat(reopened.readFrom(5, 5, 1)).isEqualTo(List.of(laterCopy.get(1)));
        }
    }

    /** The same, with both copies in one segment, as a retry on the same file left them. */
    @Test
    void aBatchWrittenTwiceInOneSegmentIsReadBackOnceWithItsLaterCopy() throws Exception {
        List<SealedRecord> laterCopy = records(4, 6).stream().map(record -> new SealedRecord(record.sequence(), record.occurredAt(),
                record.keyId(), new byte[] {7, 7}, record.indexes(), record.chainHash())).toList();
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 6), DAY_KEYS);
        }
        Path other = directory.resolve("other");
        try (CallJournal retried = new CallJournal(other, 1 << 20)) {
            retried.open();
            retried.append(laterCopy, DAY_KEYS);
            retried.append(records(7, 8), DAY_KEYS);
        }
        Path segment = onlySegment();
        try (Stream<Path> files = Files.list(other)) {
            Files.write(segment, Files.readAllBytes(files.findFirst().orElseThrow()), StandardOpenOption.APPEND);
        }
        deleteRecursively(other);

        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(reopened.open().newest()).contains(record(8));
            List<SealedRecord> readBack = reopened.readFrom(1, 8, 100);
            assertThat(readBack).extracting(SealedRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(readBack.subList(3, 6)).isEqualTo(laterCopy);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Issue 20, fault 6: a failed directory fsync was swallowed and the new segment written to all the same. */
    @Test
    void aRollWhoseDirectoryCannotBeForcedWritesNothingAndIsTriedAgain() {
        try (CallJournal journal = onFaultyDisk(2000)) {
            journal.open();
            journal.append(records(1, 10), DAY_KEYS);
            disk.directoryForceFails = true;

            assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> journal.append(records(11, 12), DAY_KEYS));
            disk.directoryForceFails = false;
            journal.append(records(11, 12), DAY_KEYS);
        }
        try (CallJournal reopened = new CallJournal(directory, 2000)) {
            assertThat(opened(reopened)).isEqualTo(records(1, 12));
        }
    }

    /** Issue 20: a crash right after a roll leaves an empty newest segment; the next start continues from the one before. */
    @Test
    void aCrashRightAfterARollLeavesAnEmptySegmentThatTheNextStartUses() throws Exception {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 5), DAY_KEYS);
        }
        Files.createFile(directory.resolve(String.format("segment-%019d.journal", 6)));

        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(reopened.open().newest()).contains(record(5));
            reopened.append(records(6, 8), DAY_KEYS);
        }
        try (CallJournal again = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(again)).isEqualTo(records(1, 8));
        }
    }

    /**
     * Issue 20: segments whose records are all stored are deleted, the newest kept, and only after the database was
     * forced to disk (a refusal deletes nothing); the chain's head survives it.
     */
    @Test
    void shippedSegmentsAreDeletedExceptTheNewestAndAStartAfterwardsKnowsTheHead() throws Exception {
        try (CallJournal journal = new CallJournal(directory, 2000)) {
            journal.open();
            for (long first = 1; first <= 40; first += 4) {
                journal.append(records(first, first + 3), DAY_KEYS);
            }
            long segments = segmentCount();
            assertThat(segments).isGreaterThan(3);
            int[] forced = new int[1];
            journal.shipped(1, () -> forced[0]++);
            assertThat(forced[0]).as("nothing to delete, nothing forced").isZero();
            assertThatIllegalStateException().isThrownBy(() -> journal.shipped(40, () -> {
                throw new IllegalStateException("the database cannot force its writes");
            }));
            assertThat(segmentCount()).as("a database that could not force keeps every segment").isEqualTo(segments);
            journal.shipped(20, () -> forced[0]++);
            assertThat(forced[0]).isEqualTo(1);
            assertThat(journal.readFrom(21, 40, 100)).as("what is not shipped stays").isEqualTo(records(21, 40));
            journal.shipped(40, () -> forced[0]++);
            assertThat(segmentCount()).isEqualTo(1);
        }
        try (CallJournal reopened = new CallJournal(directory, 2000)) {
            assertThat(reopened.open().newest()).contains(record(40));
        }
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".journal")).count();
        }
    }

    @Test
    void aBadFrameWithRecordsAfterItStopsTheStartNamingTheFileAndOffset() throws Exception {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 3), DAY_KEYS);
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), 20);
        }

        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(reopened::open)
                    .havingCause().withMessageContaining(segment.toString()).withMessageContaining("at byte 0")
                    .withMessageContaining("checksum mismatch");
        }
        assertThat(Files.size(segment)).as("nothing was cut").isEqualTo(size);
    }

    @Test
    void zerosAfterTheLastFrameAreATornTailAndCutOff() throws Exception {
        try (CallJournal journal = new CallJournal(directory, 1 << 20)) {
            journal.open();
            journal.append(records(1, 3), DAY_KEYS);
        }
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(4096));
        }

        try (CallJournal reopened = new CallJournal(directory, 1 << 20)) {
            assertThat(opened(reopened)).isEqualTo(records(1, 3));
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
