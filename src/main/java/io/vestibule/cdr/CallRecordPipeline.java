package io.vestibule.cdr;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.events.RecordNotDurable;
import io.vestibule.cdr.journal.CallJournal;
import io.vestibule.cdr.keys.StoredDayKey;
import io.vestibule.cdr.journal.JournalBroken;
import io.vestibule.cdr.store.CallRecordStore;

/**
 * The durable path of call records (R-CDR-2), as a write-ahead journal:
 * <ol>
 * <li>{@link #record} puts the event on a bounded queue and returns; {@link #recordDurably} also waits until the
 * writer acknowledged it (a join's token is issued only then: penetration test, finding 7).</li>
 * <li>The writer thread takes what has queued, seals each event (AES-256-GCM, indexes, chain hash), appends the
 * batch to the journal and forces it to disk: from then on the records are acknowledged. Whoever queued meanwhile
 * shares that one write and one fsync (group commit), so waiting costs a join about one fsync, not one each.</li>
 * <li>The shipper thread copies acknowledged records to the database in batches, each with a signed checkpoint,
 * and retries with growing pauses while the database is down; the journal keeps them meanwhile. It takes them from
 * a window in memory of at most {@link #DEFAULT_WINDOW} records; beyond that (a long outage) the writer keeps only
 * the journal, and the shipper reads the records back from it, so memory stays bounded however long the outage.</li>
 * </ol>
 * After a crash the journal is read back the same way: every acknowledged record is there, and those the database
 * lacks are shipped; so are the day keys it holds, should the database have lost one. One writer keeps the chain in order. When the queue is full (the disk stalls), {@link #record} waits
 * rather than drop an event.
 */
public final class CallRecordPipeline implements CallRecorder, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CallRecordPipeline.class.getName());
    private static final int LARGEST_BATCH = 2048;
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    /** The writer retries a failed write (a full disk) often: joins are refused until it succeeds. */
    private static final Duration LONGEST_WRITER_PAUSE = Duration.ofSeconds(1);
    /**
     * After a batch that was not full, records gather this long before the next: under a steady trickle the
     * shipper would otherwise store a few records at a time, each time with a transaction and a signed checkpoint.
     * The records are durable in the journal meanwhile.
     */
    private static final Duration GATHERING = Duration.ofMillis(100);
    /** How long {@link #recordDurably} waits for the journal: far beyond an fsync, short of a browser giving up. */
    static final Duration DURABLE_WAIT = Duration.ofSeconds(5);
    /** Records held in memory for the shipper: about 12 MB of sealed records at 600 bytes each. */
    public static final int DEFAULT_WINDOW = 20_000;

    /** An event on its way to the journal, and for a durable one what its caller waits on. */
    private record Queued(CallEvent event, CompletableFuture<Void> written) {
    }

    /** The key that signs checkpoints. */
    public record CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
        @Override
        public String toString() {
            return "CheckpointKey";
        }
    }

    private final CallRecordSealer sealer;
    private final CallJournal journal;
    private final CallRecordStore store;
    private final CheckpointSignatures signatures;
    private final CheckpointKey checkpointKey;
    private final Clock clock;
    private final ThreadFactory threads;

    private final BlockingQueue<Queued> queue;
    /** Acknowledged records not yet shipped, in order, when they fit; guarded by itself. */
    private final ArrayDeque<SealedRecord> window = new ArrayDeque<>();
    private final int windowRecords;
    /** Acknowledged records exist that are in the journal only: the shipper reads them back. Guarded by {@link #window}. */
    private boolean spilled;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong shipped = new AtomicLong();
    /** Events handed to {@link #record} and not yet in the journal. */
    private final AtomicLong unwritten = new AtomicLong();
    private final Object shipSignal = new Object();
    private volatile boolean running;
    /** Why no more records can be written (the journal broke, or it disagrees with the database); the service must restart. */
    private volatile RuntimeException broken;
    /** The day keys the journal holds, put back into the database at reconciliation if it lost them. */
    private Collection<StoredDayKey> journaledDayKeys = List.of();
    /** Whether the sequence and chain head were checked against the database's newest record. */
    private boolean reconciled;
    /** When the writer's current run of failed writes began ({@link System#nanoTime}); 0 while writes succeed. */
    private volatile long writesFailingSince;
    /** Events that have no record: handed over after the journal broke, or while the queue stayed full. */
    private final AtomicLong lost = new AtomicLong();
    /** Durable events whose caller was told no (a join refused), whether or not their record came later. */
    private final AtomicLong refused = new AtomicLong();
    private Thread writer;
    private Thread shipper;
    private long nextSequence;
    private byte[] head;

    public CallRecordPipeline(CallRecordSealer sealer, CallJournal journal, CallRecordStore store, CheckpointSignatures signatures,
                              CheckpointKey checkpointKey, Clock clock, ThreadFactory threads, int queueCapacity) {
        this(sealer, journal, store, signatures, checkpointKey, clock, threads, queueCapacity, DEFAULT_WINDOW);
    }

    public CallRecordPipeline(CallRecordSealer sealer, CallJournal journal, CallRecordStore store, CheckpointSignatures signatures,
                              CheckpointKey checkpointKey, Clock clock, ThreadFactory threads, int queueCapacity, int windowRecords) {
        this.windowRecords = windowRecords;
        this.sealer = sealer;
        this.journal = journal;
        this.store = store;
        this.signatures = signatures;
        this.checkpointKey = checkpointKey;
        this.clock = clock;
        this.threads = threads;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /**
     * Opens the journal (the shipper reads back what the database lacks), reconciles it with the database when that
     * answers (otherwise the first write does), and starts the two threads.
     *
     * @throws RecordsDisagree when the journal and the database hold different versions of one record
     */
    public synchronized void start() {
        CallJournal.Opened opened = journal.open();
        journaledDayKeys = opened.dayKeys();
        opened.newest().ifPresent(last -> {
            nextSequence = last.sequence() + 1;
            head = last.chainHash();
            acknowledged.set(last.sequence());
            synchronized (window) {
                spilled = true;
            }
        });
        try {
            reconcile();
        } catch (RecordsDisagree disagreement) {
            throw disagreement;
        } catch (RuntimeException databaseDown) {
            LOG.warning(() -> "The database does not answer; the call-record journal is checked against it at the first write: "
                    + databaseDown.getMessage());
        }
        running = true;
        writer = threads.newThread(this::writeLoop);
        writer.setName("vestibule-cdr-writer");
        shipper = threads.newThread(this::shipLoop);
        shipper.setName("vestibule-cdr-shipper");
        writer.start();
        shipper.start();
    }

    @Override
    public void record(CallEvent event) {
        requireRunning();
        if (broken != null) {
            countLost("the call-record journal broke");
            return;
        }
        try {
            if (!enqueued(new Queued(event, null))) {
                countLost("the call-record queue stayed full for " + DURABLE_WAIT.toSeconds() + " s (the journal's disk stalls)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording a call event", e);
        }
    }

    @Override
    public void recordDurably(CallEvent event) {
        try {
            awaitJournaled(event);
        } catch (RecordNotDurable refusal) {
            refused.incrementAndGet();
            throw refusal;
        }
    }

    private void awaitJournaled(CallEvent event) {
        requireRunning();
        if (broken != null) {
            countLost("the call-record journal broke");
            throw new RecordNotDurable("The call-record journal is broken: " + broken.getMessage());
        }
        long deadline = System.nanoTime() + DURABLE_WAIT.toNanos();
        Queued queued = new Queued(event, new CompletableFuture<>());
        try {
            if (!enqueued(queued)) {
                countLost("the call-record queue stayed full for " + DURABLE_WAIT.toSeconds() + " s (the journal's disk stalls)");
                throw new RecordNotDurable("The call-record queue stayed full for " + DURABLE_WAIT.toSeconds() + " s");
            }
            queued.written().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RecordNotDurable("The call record was not in the journal within " + DURABLE_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new RecordNotDurable("The call record could not be journaled");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordNotDurable("Interrupted while waiting for the journal");
        }
    }

    /**
     * Queues an event, waiting at most {@link #DURABLE_WAIT} while the queue is full (the journal's disk stalls), never
     * for good: callers may hold locks. False when it stayed full.
     */
    private boolean enqueued(Queued queued) throws InterruptedException {
        unwritten.incrementAndGet();
        boolean queuedNow = false;
        try {
            queuedNow = queue.offer(queued) || queue.offer(queued, DURABLE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            return queuedNow;
        } finally {
            if (!queuedNow) {
                unwritten.decrementAndGet();
            }
        }
    }

    /**
     * Why records cannot be written now, when it lasted longer than a join waits: the journal broke, or writes have
     * failed for that long (a full disk). Empty while records are written. A fixed phrase, shown by the public readiness
     * check: the details (files, errors) are in the log.
     */
    public Optional<String> notWritingBecause() {
        if (broken != null) {
            return Optional.of("journal broken");
        }
        long since = writesFailingSince;
        if (since != 0 && System.nanoTime() - since >= DURABLE_WAIT.toNanos()) {
            return Optional.of("journal writes failing");
        }
        return Optional.empty();
    }

    /** How many durable events (joins) were refused because their record was not journaled in time. */
    public long refused() {
        return refused.get();
    }

    /** How many events have no record (joins refused among them): the journal broke, or its queue stayed full. */
    public long lost() {
        return lost.get();
    }

    /** Counts an event without a record; logged at the 1st, 2nd, 4th, 8th... one, so a stalled disk does not also fill the log. */
    private void countLost(String why) {
        long count = lost.incrementAndGet();
        if (Long.bitCount(count) == 1) {
            LOG.severe(() -> "A call event has no record: " + why + " (" + count + " so far, vestibule_cdr_lost)");
        }
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("The call-record pipeline is not running");
        }
    }

    /** The highest sequence in the fsynced journal. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** The highest sequence stored in the database by this process. */
    public long shipped() {
        return shipped.get();
    }

    /** Acknowledged records held in memory for the shipper: at most the window, whatever the backlog. */
    public int inMemory() {
        synchronized (window) {
            return window.size();
        }
    }

    /** Events not yet in the database: queued, or journaled and waiting to be shipped. */
    public long backlog() {
        return unwritten.get() + Math.max(0, acknowledged.get() - shipped.get());
    }

    /** Waits until every event recorded before the call is in the database, or the time is up. */
    public boolean awaitShipped(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unwritten.get() == 0 && shipped.get() >= acknowledged.get()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Stops taking events, writes and ships what is queued (briefly), and closes the journal. */
    @Override
    public void close() {
        running = false;
        try {
            if (writer != null) {
                writer.interrupt();
                writer.join(10_000);
            }
            synchronized (shipSignal) {
                shipSignal.notifyAll();
            }
            if (shipper != null) {
                shipper.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }

    private void writeLoop() {
        List<Queued> batch = new ArrayList<>(LARGEST_BATCH);
        Duration pause = Duration.ofMillis(100);
        long failures = 0;
        while (running || !queue.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Queued first = running ? queue.poll(200, TimeUnit.MILLISECONDS) : queue.poll();
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, LARGEST_BATCH - 1);
                }
                write(batch);
                for (Queued queued : batch) {
                    if (queued.written() != null) {
                        queued.written().complete(null);
                    }
                }
                batch.clear();
                pause = Duration.ofMillis(100);
                writesFailingSince = 0;
                if (failures > 0) {
                    long failed = failures;
                    LOG.info(() -> "Call records are written again, after " + failed + " failed attempts");
                    failures = 0;
                }
            } catch (InterruptedException e) {
                // close(): finish what is queued, then stop.
                running = false;
            } catch (JournalBroken | RecordsDisagree e) {
                broke(e, batch);
                return;
            } catch (RuntimeException e) {
                // The batch stays and is written again: nothing was acknowledged. Logged at the 1st, 2nd, 4th... failure,
                // so a full disk retried every second does not fill the log too.
                if (writesFailingSince == 0) {
                    writesFailingSince = Math.max(1, System.nanoTime());
                }
                if (Long.bitCount(++failures) == 1) {
                    LOG.log(Level.WARNING, "Writing call records failed (" + failures + " attempts so far); retrying every "
                            + LONGEST_WRITER_PAUSE.toMillis() + " ms at most", e);
                }
                pause = sleep(pause, LONGEST_WRITER_PAUSE);
            } catch (Error e) {
                // Out of memory, for one: the writer would otherwise die in silence while joins wait for it.
                broke(new IllegalStateException("The call-record writer failed: " + e, e), batch);
                return;
            }
        }
    }

    /** The journal takes nothing more: whoever waits is told, and nothing queued is written (no sequence twice). */
    private void broke(RuntimeException failure, List<Queued> batch) {
        broken = failure;
        LOG.log(Level.SEVERE, "Call records can no longer be written, so joins are refused (503 records_unavailable) until the "
                + "service is restarted; see docs/admin-guide.md, \"Call records\"", failure);
        List<Queued> abandoned = new ArrayList<>(batch);
        queue.drainTo(abandoned);
        for (Queued queued : abandoned) {
            unwritten.decrementAndGet();
            lost.incrementAndGet();
            if (queued.written() != null) {
                queued.written().completeExceptionally(failure);
            }
        }
    }

    private void write(List<Queued> batch) {
        if (!reconciled) {
            reconcile();
        }
        List<SealedRecord> sealed = new ArrayList<>(batch.size());
        byte[] previous = head;
        for (Queued queued : batch) {
            SealedRecord record = sealer.seal(nextSequence + sealed.size(), previous, queued.event());
            sealed.add(record);
            previous = record.chainHash();
        }
        journal.append(sealed, sealer::storedDayKey);
        nextSequence += sealed.size();
        head = previous;
        synchronized (window) {
            acknowledged.set(nextSequence - 1);
            if (!spilled && window.size() + sealed.size() <= windowRecords) {
                window.addAll(sealed);
            } else {
                spilled = true;
            }
        }
        unwritten.addAndGet(-sealed.size());
        synchronized (shipSignal) {
            shipSignal.notifyAll();
        }
    }

    /**
     * Continues from whichever of journal and database is further ahead: an empty journal, or one behind the database
     * (its newest segments lost, a restored backup), continues the database's chain; new records would otherwise reuse
     * sequence numbers the database holds, and be dropped as already stored. A record both hold must be the same
     * record (the same chain hash), or nothing more is written.
     */
    private void reconcile() {
        if (!journaledDayKeys.isEmpty()) {
            sealer.restoreMissingDayKeys(journaledDayKeys);
            journaledDayKeys = List.of();
        }
        long stored = store.lastSequence();
        if (stored > 0) {
            SealedRecord newestStored = store.bySequence(stored)
                    .orElseThrow(() -> new IllegalStateException("The database names record " + stored + " as its newest but lacks it"));
            if (head == null || stored >= nextSequence) {
                if (head != null) {
                    long journaledLast = nextSequence - 1;
                    requireSame(journaledLast, head, store.bySequence(journaledLast).map(SealedRecord::chainHash));
                    LOG.warning(() -> "The call-record journal ends at record " + journaledLast + ", the database at " + stored
                            + ": new records continue the database's chain");
                }
                nextSequence = stored + 1;
                head = newestStored.chainHash();
                acknowledged.set(Math.max(acknowledged.get(), stored));
            } else {
                requireSame(stored, newestStored.chainHash(), journaledHash(stored));
            }
        } else if (head == null) {
            nextSequence = 1;
            head = HashChain.GENESIS;
        }
        reconciled = true;
    }

    private Optional<byte[]> journaledHash(long sequence) {
        return journal.readFrom(sequence, sequence, 1).stream().findFirst().map(SealedRecord::chainHash);
    }

    private static void requireSame(long sequence, byte[] expected, Optional<byte[]> other) {
        if (other.isPresent() && !MessageDigest.isEqual(expected, other.get())) {
            throw new RecordsDisagree(sequence);
        }
    }

    private void shipLoop() {
        Duration pause = Duration.ofMillis(100);
        long storedUpTo = -1;
        while (running || hasUnshipped()) {
            try {
                if (storedUpTo < 0) {
                    storedUpTo = store.lastSequence();
                    shipped.accumulateAndGet(storedUpTo, Math::max);
                }
                List<SealedRecord> batch = nextBatch(storedUpTo);
                if (batch.isEmpty()) {
                    synchronized (shipSignal) {
                        if (!hasUnshipped() && running) {
                            shipSignal.wait(200);
                        }
                    }
                    continue;
                }
                long alreadyStored = storedUpTo;
                List<SealedRecord> fresh = batch.stream().filter(record -> record.sequence() > alreadyStored).toList();
                if (!fresh.isEmpty()) {
                    SealedRecord last = fresh.get(fresh.size() - 1);
                    store.add(fresh, signatures.sign(checkpointKey.privateKey(), checkpointKey.publicKey(), Checkpoint.Kind.CHECKPOINT,
                            last.sequence(), last.chainHash(), clock.instant()));
                    storedUpTo = last.sequence();
                }
                long through = batch.get(batch.size() - 1).sequence();
                synchronized (window) {
                    while (!window.isEmpty() && window.peekFirst().sequence() <= through) {
                        window.pollFirst();
                    }
                }
                shipped.accumulateAndGet(through, Math::max);
                journal.shipped(through, store::forceToDisk);
                pause = Duration.ofMillis(100);
                if (batch.size() < LARGEST_BATCH) {
                    gather();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                if (!running) {
                    return;
                }
                storedUpTo = -1;
                LOG.log(e instanceof Error ? Level.SEVERE : Level.WARNING, "Storing call records failed; they stay in the journal, next try in "
                        + pause.toMillis() + " ms: " + e);
                pause = sleep(pause, LONGEST_PAUSE);
            }
        }
    }

    private boolean hasUnshipped() {
        synchronized (window) {
            return !window.isEmpty() || spilled;
        }
    }

    /**
     * The next records to store: from the window, or, once it is empty while records exist only in the journal, read
     * back from the journal (up to a window's worth; the writer adds to the window again once all are read back).
     */
    private List<SealedRecord> nextBatch(long storedUpTo) {
        synchronized (window) {
            if (window.isEmpty() && spilled) {
                long upTo = acknowledged.get();
                List<SealedRecord> readBack = journal.readFrom(Math.max(storedUpTo, shipped.get()) + 1, upTo, windowRecords);
                window.addAll(readBack);
                spilled = !readBack.isEmpty() && readBack.get(readBack.size() - 1).sequence() < upTo;
            }
            List<SealedRecord> batch = new ArrayList<>(Math.min(LARGEST_BATCH, window.size()));
            for (SealedRecord record : window) {
                if (batch.size() == LARGEST_BATCH) {
                    break;
                }
                batch.add(record);
            }
            return batch;
        }
    }

    /** Waits out the gathering time, unless a full batch is waiting or the pipeline closes. */
    private void gather() throws InterruptedException {
        long until = System.nanoTime() + GATHERING.toNanos();
        synchronized (shipSignal) {
            long left = until - System.nanoTime();
            while (running && acknowledged.get() - shipped.get() < LARGEST_BATCH && left > 0) {
                shipSignal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                left = until - System.nanoTime();
            }
        }
    }

    private static Duration sleep(Duration pause, Duration longest) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(longest) > 0 ? longest : doubled;
    }
}
