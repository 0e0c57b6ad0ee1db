package io.vestibule.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

import io.vestibule.cdr.CallRecordSearch;
import io.vestibule.cdr.Checkpoint;
import io.vestibule.cdr.SealedRecord;

/**
 * The auditor's search over a full store: {@code records} sealed records spread evenly over {@code days} days and over
 * {@code rooms} rooms whose activity follows a Zipf law (a few busy rooms, many quiet ones), loaded straight through
 * the store's batch insert, then searches by room and UTC day (limit 200, results decrypted), timed one after the other.
 */
final class AuditorSearches {
    static final int LIMIT = 200;
    /** The pipeline's largest batch. */
    private static final int BATCH = 2048;
    static final int WARM_UP_SEARCHES = 300;
    private static final double ZIPF_EXPONENT = 0.7;

    /** One set of searches: how the rooms were picked, latencies and result sizes. */
    record Searches(String rooms, int count, double p50Millis, double p95Millis, double p99Millis, double maxMillis,
                    int medianFound, double meanFound, int maxFound, double shareAtLimit) {
    }

    /**
     * @param intoFullStore an ingest round through the pipeline into the full store, after the searches
     */
    record Result(int records, int rooms, int days, double fillSeconds, long databaseBytes, int busiestRoomPerDay, List<Searches> searches,
                  IngestRound.Result intoFullStore) {
    }

    private AuditorSearches() {
    }

    static Result run(BenchDatabase.Kind kind, Path base, int records, int rooms, int days, int searches, int ingested, long seed)
            throws Exception {
        Path directory = Files.createTempDirectory(base, "search-");
        try (BenchDatabase database = kind.create(directory)) {
            CallRecordRig rig = new CallRecordRig(directory, database.dataSource(), true);
            List<String> roomIds = CallEventCrowd.rooms(seed, rooms);
            double[] cumulative = zipf(rooms);
            LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(days);
            Instant start = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();

            long began = System.nanoTime();
            fill(rig, new CallEventCrowd(seed, roomIds), cumulative, start, Duration.ofDays(days), records);
            double fillSeconds = (System.nanoTime() - began) / 1e9;
            database.analyse();
            System.out.printf("  filled %,d records in %.1f s; database %,d MiB%n", records, fillSeconds, database.sizeOnDisk() >> 20);

            CallRecordSearch search = rig.search();
            Random random = new Random(seed + 1);
            IntSupplier uniform = () -> random.nextInt(rooms);
            IntSupplier byActivity = () -> room(cumulative, random.nextDouble());
            List<Searches> sets = new ArrayList<>();
            time(search, roomIds, firstDay, days, uniform, random, WARM_UP_SEARCHES);
            sets.add(summarise("any room (uniform)", time(search, roomIds, firstDay, days, uniform, random, searches)));
            sets.add(summarise("rooms weighted by activity", time(search, roomIds, firstDay, days, byActivity, random, searches)));
            int busiest = (int) Math.round(records * cumulative[0] / days);
            long size = database.sizeOnDisk();
            System.out.printf("  ingest of %,d encrypted events into the full store%n", ingested);
            IngestRound.Result intoFullStore = IngestRound.measure(rig, ingested, 0, seed + 2);
            return new Result(records, rooms, days, fillSeconds, size, busiest, sets, intoFullStore);
        } finally {
            IngestRound.delete(directory);
        }
    }

    /** Seals in one thread and inserts batches, each with its signed checkpoint, in this one. */
    private static void fill(CallRecordRig rig, CallEventCrowd crowd, double[] cumulative, Instant start, Duration span, int records)
            throws Exception {
        BlockingQueue<List<SealedRecord>> batches = new ArrayBlockingQueue<>(4);
        Random random = new Random(7);
        CompletableFuture<Void> sealing = CompletableFuture.runAsync(() -> {
            byte[] previous = io.vestibule.cdr.HashChain.GENESIS;
            List<SealedRecord> batch = new ArrayList<>(BATCH);
            long stepMillis = span.toMillis() / records;
            for (int i = 0; i < records; i++) {
                Instant at = start.plusMillis(i * stepMillis + random.nextInt((int) stepMillis));
                SealedRecord record = rig.sealer.seal(i + 1, previous, crowd.in(room(cumulative, random.nextDouble()), at));
                previous = record.chainHash();
                batch.add(record);
                if (batch.size() == BATCH || i == records - 1) {
                    try {
                        batches.put(batch);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    batch = new ArrayList<>(BATCH);
                }
            }
        });
        int stored = 0;
        while (stored < records) {
            List<SealedRecord> batch = batches.take();
            SealedRecord last = batch.get(batch.size() - 1);
            rig.store.add(batch, rig.signatures.sign(rig.checkpointKey.privateKey(), rig.checkpointKey.publicKey(),
                    Checkpoint.Kind.CHECKPOINT, last.sequence(), last.chainHash(), rig.clock.instant()));
            stored += batch.size();
        }
        sealing.join();
    }

    private static long[][] time(CallRecordSearch search, List<String> roomIds, LocalDate firstDay, int days, IntSupplier room,
                                 Random random, int count) {
        long[] nanos = new long[count];
        long[] found = new long[count];
        for (int i = 0; i < count; i++) {
            Instant from = firstDay.plusDays(random.nextInt(days)).atStartOfDay(ZoneOffset.UTC).toInstant();
            CallRecordSearch.Query query = new CallRecordSearch.Query(from, from.plus(Duration.ofDays(1)),
                    Set.of(roomIds.get(room.getAsInt())), Optional.empty(), Optional.empty());
            long began = System.nanoTime();
            List<CallRecordSearch.Found> results = search.search(query, LIMIT);
            nanos[i] = System.nanoTime() - began;
            found[i] = results.size();
            if (results.stream().anyMatch(result -> result.event().isEmpty())) {
                throw new IllegalStateException("A record found did not open");
            }
        }
        return new long[][] {nanos, found};
    }

    private static Searches summarise(String rooms, long[][] timed) {
        long[] nanos = timed[0].clone();
        long[] found = timed[1].clone();
        Arrays.sort(nanos);
        Arrays.sort(found);
        double atLimit = Arrays.stream(found).filter(n -> n == LIMIT).count() / (double) found.length;
        return new Searches(rooms, nanos.length, millis(nanos, 0.50), millis(nanos, 0.95), millis(nanos, 0.99), nanos[nanos.length - 1] / 1e6,
                (int) found[found.length / 2], Arrays.stream(found).average().orElse(0), (int) found[found.length - 1], atLimit);
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.ceil(quantile * sorted.length) - 1] / 1e6;
    }

    /** Cumulative shares of the rooms' activity: room k (from 0) has weight 1 / (k + 1)^s. */
    private static double[] zipf(int rooms) {
        double[] cumulative = new double[rooms];
        double sum = 0;
        for (int k = 0; k < rooms; k++) {
            sum += Math.pow(k + 1, -ZIPF_EXPONENT);
            cumulative[k] = sum;
        }
        for (int k = 0; k < rooms; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private static int room(double[] cumulative, double uniform) {
        int found = Arrays.binarySearch(cumulative, uniform);
        return Math.min(found >= 0 ? found : -found - 1, cumulative.length - 1);
    }
}
