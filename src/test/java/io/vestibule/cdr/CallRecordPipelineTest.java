package io.vestibule.cdr;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.RecordNotDurable;
import io.vestibule.cdr.journal.CallJournal;
import io.vestibule.cdr.journal.FaultyChannel;
import io.vestibule.crypto.Aead;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The pipeline end to end on an in-memory database: sealing, journal, chain, checkpoints, search, tampering. */
@Timeout(60)
class CallRecordPipelineTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path directory;

    private final TestClock clock = new TestClock(START);

    private static CallEvent join(Instant at, String room, String name) {
        return CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, at, "host")
                .conference(UUID.randomUUID().toString(), room)
                .participant(UUID.randomUUID().toString(), "host", name)
                .remote("198.51.100.7", 50123, "Mozilla/5.0 test")
                .encryption("DTLS-SRTP")
                .build();
    }

    private CallRecordsFixture recordAll(List<CallEvent> events) throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        try (CallRecordPipeline pipeline = fixture.pipeline()) {
            pipeline.start();
            events.forEach(pipeline::record);
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(20))).isTrue();
            assertThat(pipeline.acknowledged()).isEqualTo(events.size());
        }
        return fixture;
    }

    @Test
    void recordsRoundTripThroughTheStoreAndAreFoundByTheirBlindIndexes() throws Exception {
        String room = UUID.randomUUID().toString();
        CallRecordsFixture fixture = recordAll(List.of(
                join(START, room, "Zoë Quinteros"), join(START.plusSeconds(5), UUID.randomUUID().toString(), "Someone Else"),
                CallEvent.of(CallEvent.Type.PIN_FAILURE, START.plusSeconds(9), "invalid_pin").room(room).remote("203.0.113.5", 40000, "curl").build()));

        CallRecordSearch search = fixture.search();
        Instant from = START.minusSeconds(60);
        Instant to = START.plusSeconds(60);
        assertThat(search.search(new CallRecordSearch.Query(from, to, Set.of(), Optional.empty(), Optional.empty()), 10)).hasSize(3);
        List<CallRecordSearch.Found> inRoom = search.search(new CallRecordSearch.Query(from, to, Set.of(room), Optional.empty(), Optional.empty()), 10);
        assertThat(inRoom).hasSize(2);
        assertThat(inRoom.get(0).event().orElseThrow().outcome()).as("newest first").isEqualTo("invalid_pin");
        List<CallRecordSearch.Found> byName = search.search(new CallRecordSearch.Query(from, to, Set.of(), Optional.of("  zoë quinteros "),
                Optional.empty()), 10);
        assertThat(byName).singleElement().satisfies(found -> {
            CallEvent event = found.event().orElseThrow();
            assertThat(event.displayName()).contains("Zoë Quinteros");
            assertThat(event.remotePort()).contains(50123);
            assertThat(event.encryption()).contains("DTLS-SRTP");
        });
        assertThat(search.search(new CallRecordSearch.Query(from, to, Set.of(), Optional.empty(), Optional.of("invalid_pin")), 10))
                .hasSize(1);
        assertThat(search.search(new CallRecordSearch.Query(from, to, Set.of(UUID.randomUUID().toString()), Optional.empty(), Optional.empty()), 10))
                .isEmpty();
    }

    @Test
    void nothingOfARecordIsInClearInTheDatabaseOrTheJournal() throws Exception {
        String name = "Unique-Name-" + UUID.randomUUID();
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room-" + name, name)));
        try (Connection connection = fixture.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SCRIPT TO '" + directory.resolve("dump.sql") + "'");
        }
        String dump = Files.readString(directory.resolve("dump.sql"));
        assertThat(dump).contains("call_record").doesNotContain(name).doesNotContain("198.51.100.7").doesNotContain("Mozilla");
        try (Stream<Path> files = Files.walk(fixture.journalDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(name).doesNotContain("198.51.100.7");
            }
        }
    }

    @Test
    void anIntactChainVerifiesAndEachKindOfTamperingIsReported() throws Exception {
        List<CallEvent> events = Stream.iterate(0, i -> i + 1).limit(10)
                .map(i -> join(START.plusSeconds(i), "room", "Person " + i)).toList();
        CallRecordsFixture fixture = recordAll(events);
        ChainVerifier.Report intact = fixture.verifier().verify(fixture.store, fixture.checkpointKey.publicKey());
        assertThat(intact.intact()).as(intact.findings().toString()).isTrue();
        assertThat(intact.recordsChecked()).isEqualTo(10);
        assertThat(intact.lastCheckpoint()).contains(10L);

        execute(fixture, "UPDATE call_record SET ciphertext = ciphertext || X'00' WHERE seq = 3");
        assertThat(findings(fixture)).singleElement().satisfies(f -> assertThat(f.problem()).contains("record 3 was altered"));
        execute(fixture, "DELETE FROM call_record WHERE seq = 3");
        assertThat(findings(fixture)).singleElement().satisfies(f -> assertThat(f.problem()).contains("record 3 was deleted"));
        execute(fixture, "UPDATE call_record SET seq = 100 WHERE seq = 5");
        execute(fixture, "UPDATE call_record SET seq = 5 WHERE seq = 6");
        execute(fixture, "UPDATE call_record SET seq = 6 WHERE seq = 100");
        assertThat(findings(fixture)).extracting(ChainVerifier.Finding::problem)
                .anyMatch(problem -> problem.contains("record 5 was altered or moved"))
                .anyMatch(problem -> problem.contains("record 6 was altered or moved"));
        execute(fixture, "DELETE FROM call_record WHERE seq >= 9");
        assertThat(findings(fixture)).extracting(ChainVerifier.Finding::problem).anyMatch(problem -> problem.contains("records 9 to 10 were deleted"));
    }

    @Test
    void aDecryptionWithTheWrongKeyOrAlteredBytesFails() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "Someone")));
        SealedRecord stored = fixture.store.bySequence(1).orElseThrow();
        assertThat(fixture.sealer.open(stored)).isPresent();
        byte[] tampered = stored.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> fixture.sealer.open(
                new SealedRecord(1, stored.occurredAt(), stored.keyId(), tampered, stored.indexes(), stored.chainHash())));
        assertThatExceptionOfType(Aead.SealBroken.class).as("the record moved to another place in the chain")
                .isThrownBy(() -> fixture.sealer.open(new SealedRecord(2, stored.occurredAt(), stored.keyId(), stored.ciphertext(),
                        stored.indexes(), stored.chainHash())));
        CallRecordsFixture otherInstallation = new CallRecordsFixture(directory.resolve("other"), clock, fixture.dataSource,
                new CallRecordsFixture(directory.resolve("other-keys"), clock).keks);
        assertThatExceptionOfType(Aead.SealBroken.class).as("another key-encryption key")
                .isThrownBy(() -> otherInstallation.sealer.open(stored));
    }

    @Test
    void aKeyEncryptionKeyRotationLeavesOldRecordsReadable() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        try (CallRecordPipeline pipeline = fixture.pipeline()) {
            pipeline.start();
            pipeline.record(join(START, "room", "Before Rotation"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
            String before = fixture.keks.current().alias();
            fixture.keks.rotate();
            assertThat(fixture.keks.current().alias()).isNotEqualTo(before);
            pipeline.record(join(START.plus(Duration.ofDays(1)), "room", "After Rotation"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
        }
        CallRecordsFixture restarted = new CallRecordsFixture(directory.resolve("unused"), clock, fixture.dataSource, fixture.keks);
        assertThat(restarted.sealer.open(restarted.store.bySequence(1).orElseThrow()).orElseThrow().displayName()).contains("Before Rotation");
        assertThat(restarted.sealer.open(restarted.store.bySequence(2).orElseThrow()).orElseThrow().displayName()).contains("After Rotation");
    }

    @Test
    void retentionDestroysOldDaysKeysSoTheirRecordsAreUnreadableThenPurgesThem() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "Old Call"), join(START.plus(Duration.ofDays(400)), "room", "New Call")));
        SealedRecord old = fixture.store.bySequence(1).orElseThrow();
        clock.set(START.plus(Duration.ofDays(400)));
        CallRecordRetention.Purge purge = new CallRecordRetention(fixture.keys, fixture.store, fixture.signatures, fixture.checkpointKey,
                clock, 365).purge();
        assertThat(purge.keysDestroyed()).isEqualTo(1);
        assertThat(purge.recordsDeleted()).isEqualTo(1);
        assertThat(fixture.sealer.open(old)).as("a copy of the old record, from a backup say, no longer opens").isEmpty();
        CallRecordsFixture restarted = new CallRecordsFixture(directory.resolve("after"), clock, fixture.dataSource, fixture.keks);
        assertThat(restarted.sealer.open(old)).isEmpty();
        assertThat(restarted.sealer.open(restarted.store.bySequence(2).orElseThrow()).orElseThrow().displayName()).contains("New Call");
        ChainVerifier.Report report = fixture.verifier().verify(fixture.store, fixture.checkpointKey.publicKey());
        assertThat(report.intact()).as("the purge left a signed anchor: " + report.findings()).isTrue();
        assertThat(report.firstSequence()).isEqualTo(2);
    }

    /**
     * Found by CI's run of CallJournalDiskFullIT: a checkpoint signed at an instant with sub-microsecond digits did not
     * verify once stored, because the database keeps microseconds and rounds, which can change the signed millisecond.
     */
    @Test
    void aCheckpointSignedAtTheEndOfAMillisecondStillVerifiesOnceStored() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "One")));
        SealedRecord record = fixture.store.bySequence(1).orElseThrow();
        Instant endOfAMillisecond = Instant.parse("2026-12-01T09:00:01.123999700Z");
        try (var connection = fixture.dataSource.getConnection(); var delete = connection.prepareStatement("DELETE FROM cdr_checkpoint")) {
            delete.executeUpdate();
        }
        fixture.store.add(List.of(), fixture.signatures.sign(fixture.checkpointKey.privateKey(), fixture.checkpointKey.publicKey(),
                Checkpoint.Kind.CHECKPOINT, 1, record.chainHash(), endOfAMillisecond));

        ChainVerifier.Report report = fixture.verifier().verify(fixture.store, fixture.checkpointKey.publicKey());

        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        assertThat(report.checkpointsChecked()).isEqualTo(1);
    }

    /**
     * Issue 21: a day key the database lost (a damaged or rolled-back database) is put back from the journal at the
     * next start, so its records open again and verify finds nothing; a key made afterwards does not take its id.
     */
    @Test
    void aDayKeyTheDatabaseLostIsPutBackFromTheJournal() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "Sealed Before"), join(START.plusSeconds(1), "room", "Also Before")));
        int lostKey = fixture.store.bySequence(1).orElseThrow().keyId();
        execute(fixture, "DELETE FROM cdr_day_key WHERE id = " + lostKey);

        // A new process: its day keys come from the database, or from the journal; its checkpoint key is the same.
        CallRecordsFixture restarted = new CallRecordsFixture(directory, clock, fixture.dataSource, fixture.keks);
        try (CallRecordPipeline pipeline = new CallRecordPipeline(restarted.sealer, new CallJournal(fixture.journalDirectory, 1 << 20),
                fixture.store, fixture.signatures, fixture.checkpointKey, clock, Executors.defaultThreadFactory(), 10_000)) {
            pipeline.start();
            pipeline.recordDurably(join(START.plus(Duration.ofDays(1)), "room", "Next Day"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(restarted.sealer.open(fixture.store.bySequence(1).orElseThrow()).orElseThrow().displayName()).contains("Sealed Before");
        int nextDaysKey = fixture.store.bySequence(3).orElseThrow().keyId();
        assertThat(nextDaysKey).as("a key made after the restore").isNotEqualTo(lostKey);
        ChainVerifier.Report report = restarted.verifier().verify(fixture.store, fixture.checkpointKey.publicKey());
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
    }

    /** Issue 21: a record whose day key was lost (not destroyed by retention) was silently treated as purged. */
    @Test
    void verifyReportsRecordsWhoseDayKeyWasLostOnceEach() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "Kept"), join(START.plus(Duration.ofDays(1)), "room", "Lost 1"),
                join(START.plus(Duration.ofDays(1)).plusSeconds(1), "room", "Lost 2")));
        int lostKey = fixture.store.bySequence(2).orElseThrow().keyId();
        try (var connection = fixture.dataSource.getConnection(); var delete = connection.prepareStatement("DELETE FROM cdr_day_key WHERE id = ?")) {
            delete.setInt(1, lostKey);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        CallRecordsFixture restarted = new CallRecordsFixture(directory.resolve("restarted"), clock, fixture.dataSource, fixture.keks);

        ChainVerifier.Report report = restarted.verifier().verify(fixture.store, fixture.checkpointKey.publicKey());

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.sequence()).isEqualTo(2);
            assertThat(finding.problem()).contains("day key " + lostKey).contains("lost, not destroyed by retention");
        });
    }

    @Test
    void recordsWrittenWhileTheDatabaseIsDownAreShippedWhenItReturns() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        FlakyDataSource flaky = new FlakyDataSource(fixture.dataSource);
        CallRecordsFixture wired = new CallRecordsFixture(directory, clock, flaky, fixture.keks);
        try (CallRecordPipeline pipeline = wired.pipeline()) {
            pipeline.start();
            pipeline.record(join(START, "room", "Before Outage"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
            flaky.down = true;
            for (int i = 1; i <= 50; i++) {
                pipeline.record(join(START.plusSeconds(i), "room", "During Outage " + i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pipeline.acknowledged() < 51 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(pipeline.acknowledged()).as("journaled while the database is down").isEqualTo(51);
            assertThat(pipeline.shipped()).isEqualTo(1);
            flaky.down = false;
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(fixture.store.lastSequence()).isEqualTo(51);
        assertThat(wired.verifier().verify(fixture.store, wired.checkpointKey.publicKey()).intact()).isTrue();
    }

    /**
     * Issue 20, fault 3: during an outage every unshipped record was also held in memory, without bound, and read
     * whole into memory again at the next start. With a window of 50 records, 2,000 records made during the outage
     * stay in the journal only; the service stops, the database returns, and after the restart they are read back
     * and shipped in order and once each, while 1,000 new ones arrive, never more than the window in memory.
     */
    @Test
    void aLongOutageKeepsAtMostAWindowInMemoryAndShipsEverythingFromTheJournalAfterwards() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        FlakyDataSource flaky = new FlakyDataSource(fixture.dataSource);
        CallRecordsFixture wired = new CallRecordsFixture(directory, clock, flaky, fixture.keks);
        try (CallRecordPipeline pipeline = wired.pipelineWithWindow(50)) {
            pipeline.start();
            pipeline.recordDurably(join(START, "room", "Before Outage"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
            flaky.down = true;
            for (int i = 1; i <= 2000; i++) {
                pipeline.record(join(START.plusSeconds(i), "room", "During Outage " + i));
                assertThat(pipeline.inMemory()).isLessThanOrEqualTo(50);
            }
            awaitAcknowledged(pipeline, 2001);
            assertThat(pipeline.shipped()).isEqualTo(1);
        }
        flaky.down = false;
        try (CallRecordPipeline restarted = wired.pipelineWithWindow(50)) {
            restarted.start();
            for (int i = 2001; i <= 3000; i++) {
                restarted.record(join(START.plusSeconds(i), "room", "After Restart " + i));
                assertThat(restarted.inMemory()).isLessThanOrEqualTo(50);
            }
            assertThat(restarted.awaitShipped(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(fixture.store.lastSequence()).isEqualTo(3001);
        ChainVerifier.Report report = wired.verifier().verify(fixture.store, wired.checkpointKey.publicKey());
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        assertThat(report.recordsChecked()).isEqualTo(3001);
        assertThat(fixture.sealer.open(fixture.store.bySequence(2001).orElseThrow()).orElseThrow().displayName()).contains("During Outage 2000");
        assertThat(fixture.sealer.open(fixture.store.bySequence(3001).orElseThrow()).orElseThrow().displayName()).contains("After Restart 3000");
    }

    /** Writes keep failing: once that lasted the durable wait, the pipeline says so (readiness reports it). */
    private static void awaitNotWriting(CallRecordPipeline pipeline) throws InterruptedException {
        long deadline = System.nanoTime() + CallRecordPipeline.DURABLE_WAIT.plusSeconds(5).toNanos();
        while (pipeline.notWritingBecause().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(pipeline.notWritingBecause()).contains("journal writes failing");
    }

    private static void awaitAcknowledged(CallRecordPipeline pipeline, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (pipeline.acknowledged() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pipeline.acknowledged()).as("journaled while the database is down").isEqualTo(sequence);
    }

    @Test
    void aDurableRecordIsInTheJournalWhenTheCallReturns() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        try (CallRecordPipeline pipeline = fixture.pipeline()) {
            pipeline.start();
            for (int i = 1; i <= 20; i++) {
                pipeline.recordDurably(join(START.plusSeconds(i), "room", "Joiner " + i));
                assertThat(pipeline.acknowledged()).isEqualTo(i);
            }
        }
    }

    @Test
    void onceTheJournalBreaksJoinsAreRefusedAtOnceOtherEventsAreCountedAndNothingWaitsForever() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        FaultyChannel.Faults disk = new FaultyChannel.Faults();
        CallJournal journal = new CallJournal(fixture.journalDirectory, 1 << 20, file -> new FaultyChannel(
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), disk));
        try (CallRecordPipeline pipeline = fixture.pipeline(journal)) {
            pipeline.start();
            pipeline.recordDurably(join(START, "room", "Before"));
            disk.forceFails = true;

            assertThatExceptionOfType(RecordNotDurable.class).isThrownBy(() -> pipeline.recordDurably(join(START.plusSeconds(1), "room", "During")));
            long started = System.nanoTime();
            assertThatExceptionOfType(RecordNotDurable.class).isThrownBy(() -> pipeline.recordDurably(join(START.plusSeconds(2), "room", "After")));
            pipeline.record(join(START.plusSeconds(3), "room", "Departure"));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not after the wait").isLessThan(Duration.ofSeconds(1));
            assertThat(pipeline.notWritingBecause()).contains("journal broken");
            assertThat(pipeline.lost()).isEqualTo(3);
            assertThat(pipeline.acknowledged()).isEqualTo(1);
        }
    }

    /**
     * Issue 20, fault 3: with the journal's disk full, a full queue made {@code record} block for good (one caller
     * while holding a conference's lock). Now a caller waits at most the durable wait, the event is counted as lost,
     * and what was queued is written once the disk has room again.
     */
    @Test
    void aFullQueueMakesNoCallerWaitForGoodAndWhatWasQueuedIsWrittenOnceTheDiskHasRoom() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        FaultyChannel.Faults disk = new FaultyChannel.Faults();
        CallJournal journal = new CallJournal(fixture.journalDirectory, 1 << 20, file -> new FaultyChannel(
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), disk));
        try (CallRecordPipeline pipeline = fixture.pipeline(journal, 2)) {
            pipeline.start();
            pipeline.recordDurably(join(START, "room", "Before"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
            disk.spaceLeft = 0;
            // The writer's failing batch takes what had queued when it began; then the queue's two places fill.
            int taken = 0;
            while (pipeline.lost() == 0) {
                assertThat(taken).as("events taken while the disk is full").isLessThan(100);
                long started = System.nanoTime();
                pipeline.record(join(START.plusSeconds(taken + 1), "room", "Queued " + (taken + 1)));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the caller waits the durable wait at most")
                        .isLessThan(CallRecordPipeline.DURABLE_WAIT.plusSeconds(2));
                taken++;
            }
            long queued = taken - 1;
            assertThat(queued).as("taken before the queue stayed full").isGreaterThanOrEqualTo(2);
            assertThat(pipeline.acknowledged()).isEqualTo(1);
            awaitNotWriting(pipeline);
            disk.spaceLeft = -1;
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(20))).isTrue();
            assertThat(pipeline.acknowledged()).as("everything queued was written").isEqualTo(1 + queued);
            assertThat(pipeline.notWritingBecause()).isEmpty();
        }
    }

    /**
     * Issue 20, fault 3: a start while the database is down, with an empty journal, has neither the chain's head nor
     * today's key. Joins are refused within the durable wait, not blocked; once the database answers, records flow.
     */
    @Test
    void aStartWhileTheDatabaseIsDownWithAnEmptyJournalRefusesJoinsPromptlyAndRecordsOnceItAnswers() throws Exception {
        CallRecordsFixture fixture = new CallRecordsFixture(directory, clock);
        FlakyDataSource flaky = new FlakyDataSource(fixture.dataSource);
        CallRecordsFixture wired = new CallRecordsFixture(directory, clock, flaky, fixture.keks);
        flaky.down = true;
        try (CallRecordPipeline pipeline = wired.pipeline()) {
            pipeline.start();
            long started = System.nanoTime();
            assertThatExceptionOfType(RecordNotDurable.class).isThrownBy(() -> pipeline.recordDurably(join(START, "room", "Refused")));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CallRecordPipeline.DURABLE_WAIT.plusSeconds(2));
            awaitNotWriting(pipeline);
            assertThat(pipeline.refused()).isEqualTo(1);

            flaky.down = false;
            pipeline.recordDurably(join(START.plusSeconds(1), "room", "Recorded"));
            assertThat(pipeline.awaitShipped(Duration.ofSeconds(20))).isTrue();
            assertThat(pipeline.notWritingBecause()).isEmpty();
        }
        ChainVerifier.Report report = wired.verifier().verify(fixture.store, wired.checkpointKey.publicKey());
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        assertThat(fixture.store.lastSequence()).as("the refused join's record, written later, and the next").isEqualTo(2);
    }

    /** Issue 20, fault 1: new records reused the sequences of a journal behind the database and were dropped as stored. */
    @Test
    void aJournalBehindTheDatabaseContinuesTheDatabasesChainAndLosesNothing() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "One"), join(START.plusSeconds(1), "room", "Two"),
                join(START.plusSeconds(2), "room", "Three")));
        Path olderJournal = directory.resolve("journal-copy");
        copyJournal(fixture.journalDirectory, olderJournal);
        try (CallRecordPipeline later = fixture.pipeline()) {
            later.start();
            later.record(join(START.plusSeconds(3), "room", "Four"));
            later.record(join(START.plusSeconds(4), "room", "Five"));
            assertThat(later.awaitShipped(Duration.ofSeconds(10))).isTrue();
        }
        replaceJournal(fixture.journalDirectory, olderJournal);

        try (CallRecordPipeline restarted = fixture.pipeline()) {
            restarted.start();
            restarted.recordDurably(join(START.plusSeconds(5), "room", "Six"));
            assertThat(restarted.awaitShipped(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(fixture.store.lastSequence()).isEqualTo(6);
        assertThat(fixture.verifier().verify(fixture.store, fixture.checkpointKey.publicKey()).intact()).isTrue();
    }

    @Test
    void aJournalAndADatabaseHoldingDifferentVersionsOfARecordStopTheStart() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "One"), join(START.plusSeconds(1), "room", "Two")));
        execute(fixture, "UPDATE call_record SET chain_hash = X'" + "00".repeat(32) + "' WHERE seq = 2");

        try (CallRecordPipeline restarted = fixture.pipeline()) {
            assertThatExceptionOfType(RecordsDisagree.class).isThrownBy(restarted::start).withMessageContaining("record 2");
        }
    }

    private static void copyJournal(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void replaceJournal(Path journal, Path copy) throws Exception {
        try (Stream<Path> files = Files.list(journal)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        copyJournal(copy, journal);
    }

    @Test
    void aRestartContinuesTheChainFromTheJournal() throws Exception {
        CallRecordsFixture fixture = recordAll(List.of(join(START, "room", "First")));
        try (CallRecordPipeline again = fixture.pipeline()) {
            again.start();
            again.record(join(START.plusSeconds(1), "room", "Second"));
            assertThat(again.awaitShipped(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(fixture.store.lastSequence()).isEqualTo(2);
        assertThat(fixture.verifier().verify(fixture.store, fixture.checkpointKey.publicKey()).intact()).isTrue();
    }

    private static List<ChainVerifier.Finding> findings(CallRecordsFixture fixture) {
        return fixture.verifier().verify(fixture.store, fixture.checkpointKey.publicKey()).findings();
    }

    private static void execute(CallRecordsFixture fixture, String sql) throws Exception {
        try (Connection connection = fixture.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
