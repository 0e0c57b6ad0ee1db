package io.vestibule.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.vestibule.access.events.CallEvent;
import io.vestibule.cdr.CallEventJson;
import io.vestibule.cdr.CallRecordPipeline;
import io.vestibule.cdr.keys.CallRecordKeys;

/**
 * One ingest round: a fresh database and journal, {@code records} events made beforehand, handed to the pipeline by
 * one thread as fast as it takes them (or at a given pace); the clock runs from the first hand-over until the last
 * record is acknowledged (in the fsynced journal) and until it is stored in the database. Meanwhile the backlogs are
 * sampled every millisecond.
 */
final class IngestRound {
    /**
     * @param writerMicros CPU time of the writer thread per record (sealing, journal)
     * @param shipperMicros CPU time of the shipper thread per record (JDBC batches, checkpoints)
     * @param mostUnacknowledged the most events handed over and not yet in the journal at any time
     * @param mostUnstored the most events handed over and not yet in the database at any time
     * @param handOverSeconds how long handing the events over took
     */
    record Result(boolean encrypted, int records, double meanJsonBytes, double acknowledgedSeconds, double storedSeconds,
                  double cpuCores, double writerMicros, double shipperMicros, long mostUnacknowledged, long mostUnstored,
                  double handOverSeconds) {
        double acknowledgedPerSecond() {
            return records / acknowledgedSeconds;
        }

        double storedPerSecond() {
            return records / storedSeconds;
        }
    }

    private IngestRound() {
    }

    static Result run(BenchDatabase.Kind kind, Path base, boolean encrypted, int records, long seed) throws Exception {
        return run(kind, base, encrypted, records, 0, seed);
    }

    /**
     * @param perSecond the pace at which events are handed over, or 0 for as fast as the pipeline takes them
     */
    static Result run(BenchDatabase.Kind kind, Path base, boolean encrypted, int records, int perSecond, long seed) throws Exception {
        Path directory = Files.createTempDirectory(base, encrypted ? "ingest-sealed-" : "ingest-plain-");
        try (BenchDatabase database = kind.create(directory)) {
            Result result = measure(new CallRecordRig(directory, database.dataSource(), encrypted), records, perSecond, seed);
            long stored = database.count("call_record");
            if (stored != records) {
                throw new IllegalStateException("The database holds " + stored + " records, not " + records);
            }
            return result;
        } finally {
            delete(directory);
        }
    }

    /** Records {@code records} events through a pipeline on the rig's store, which may hold records already. */
    static Result measure(CallRecordRig rig, int records, int perSecond, long seed) throws Exception {
        CallEventCrowd crowd = new CallEventCrowd(seed, CallEventCrowd.rooms(seed, 2000));
        List<CallEvent> events = new ArrayList<>(records);
        long jsonBytes = 0;
        for (int i = 0; i < records; i++) {
            CallEvent event = crowd.next(rig.clock.instant());
            events.add(event);
            if (i % 100 == 0) {
                jsonBytes += CallEventJson.toBytes(event).length;
            }
        }
        // The service makes each day's key ahead of the day (CallRecords' housekeeping).
        Instant now = rig.clock.instant();
        rig.keys.forDay(CallRecordKeys.dayOf(now));
        rig.keys.forDay(CallRecordKeys.dayOf(now.plusSeconds(86_400)));
        long last = rig.store.lastSequence() + records;

        try (CallRecordPipeline pipeline = rig.pipeline()) {
            pipeline.start();
            Thread writer = thread("vestibule-cdr-writer");
            Thread shipper = thread("vestibule-cdr-shipper");
            System.gc();
            long writerBefore = cpuNanos(writer);
            long shipperBefore = cpuNanos(shipper);
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            Producer producer = new Producer(pipeline, events, perSecond, start);
            producer.start();
            long acknowledged = 0;
            long unacknowledged = 0;
            long unstored = 0;
            while (pipeline.shipped() < last) {
                long handedOver = last - records + producer.handedOver;
                long journaled = Math.max(pipeline.acknowledged(), last - records);
                unacknowledged = Math.max(unacknowledged, handedOver - journaled);
                unstored = Math.max(unstored, handedOver - Math.max(pipeline.shipped(), last - records));
                if (acknowledged == 0 && journaled >= last) {
                    acknowledged = System.nanoTime() - start;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long stored = System.nanoTime() - start;
            if (acknowledged == 0) {
                acknowledged = stored;
            }
            double cpuCores = (processCpuNanos() - cpuBefore) / (double) stored;
            double writerMicros = (cpuNanos(writer) - writerBefore) / 1e3 / records;
            double shipperMicros = (cpuNanos(shipper) - shipperBefore) / 1e3 / records;
            producer.join();
            return new Result(rig.encrypted, records, jsonBytes / Math.ceil(records / 100.0), acknowledged / 1e9, stored / 1e9, cpuCores,
                    writerMicros, shipperMicros, unacknowledged, unstored, (producer.finished - start) / 1e9);
        }
    }

    /** Hands the events over, all at once or at a steady pace (checked every millisecond), as join threads would. */
    private static final class Producer extends Thread {
        private final CallRecordPipeline pipeline;
        private final List<CallEvent> events;
        private final int perSecond;
        private final long start;
        volatile long handedOver;
        volatile long finished;

        Producer(CallRecordPipeline pipeline, List<CallEvent> events, int perSecond, long start) {
            super("benchmark-producer");
            this.pipeline = pipeline;
            this.events = events;
            this.perSecond = perSecond;
            this.start = start;
        }

        @Override
        public void run() {
            int next = 0;
            while (next < events.size()) {
                long due = perSecond == 0 ? events.size() : Math.min(events.size(), (System.nanoTime() - start) * perSecond / 1_000_000_000L + 1);
                for (; next < due; next++) {
                    pipeline.record(events.get(next));
                    handedOver = next + 1;
                }
                if (next < events.size()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            finished = System.nanoTime();
        }
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name) && thread.isAlive())
                .max(java.util.Comparator.comparingLong(Thread::getId)).orElseThrow();
    }

    private static long cpuNanos(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
