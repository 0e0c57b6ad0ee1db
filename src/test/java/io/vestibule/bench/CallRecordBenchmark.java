package io.vestibule.bench;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.vestibule.testing.PostgresDatabase;

/**
 * Call-record benchmark ({@code ./mvnw -Pbenchmark-cdr verify}), in process against the pipeline as the service wires
 * it:
 * <ul>
 * <li>ingest: sealed records per second acknowledged (in the fsynced journal) and stored in the database, and the
 * same pipeline with the unencrypted baseline's sealer; after a warm-up round of each, the two alternate, and the
 * medians are kept; then a steady stream at the target rate, to see whether the database keeps up;</li>
 * <li>search: the auditor's search by room and day over a store of a million sealed records, and one more ingest
 * round into that full store.</li>
 * </ul>
 * The journal and the database live in a temporary directory on a real disk (a tmpfs is refused: its fsync costs
 * nothing). {@code -Dbenchmark.databases=h2,postgresql} adds the machine's PostgreSQL. The figures go to
 * target/benchmarks/cdr.md and into docs/performance.md by hand.
 */
public final class CallRecordBenchmark {
    private static final int RECORDS = Integer.getInteger("benchmark.records", 200_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int PACE = Integer.getInteger("benchmark.pace", 20_000);
    private static final int PACE_SECONDS = Integer.getInteger("benchmark.pace.seconds", 20);
    private static final int SEARCH_RECORDS = Integer.getInteger("benchmark.search.records", 1_000_000);
    private static final int SEARCH_ROOMS = Integer.getInteger("benchmark.search.rooms", 2000);
    private static final int SEARCH_DAYS = Integer.getInteger("benchmark.search.days", 30);
    private static final int SEARCHES = Integer.getInteger("benchmark.searches", 2000);
    private static final List<String> PARTS = List.of(System.getProperty("benchmark.parts", "ingest,search").split(","));
    private static final List<String> DATABASES = List.of(System.getProperty("benchmark.databases", "h2").split(","));

    /** Flyway's migration log, once per round, would bury the figures. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");

    private CallRecordBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        Path base = Files.createTempDirectory(Path.of(System.getProperty("benchmark.dir", System.getProperty("java.io.tmpdir"))), "vestibule-cdr-bench-");
        FileStore disk = Files.getFileStore(base);
        if (disk.type().equals("tmpfs") || disk.type().equals("ramfs")) {
            System.err.println(base + " is on " + disk.type() + ", where fsync costs nothing; choose a directory on a disk with -Dbenchmark.dir=...");
            System.exit(2);
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format("%s: %d cores, Java %s, heap up to %,d MiB. Journal and database in %s (%s on %s); fsync of a 4 KiB "
                        + "append: %s. \"Cores busy\" counts this process only.%n%n", java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.runtime.version"), Runtime.getRuntime().maxMemory() >> 20, base, disk.type(), disk.name(),
                FsyncProbe.describe(base)));
        try {
            for (String name : DATABASES) {
                BenchDatabase.Kind kind = BenchDatabase.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
                if (kind == BenchDatabase.Kind.POSTGRESQL && !PostgresDatabase.available()) {
                    report.append("PostgreSQL is not reachable at 127.0.0.1:5432: skipped.\n\n");
                    continue;
                }
                report.append("### ").append(kind.describe()).append("\n\n");
                if (PARTS.contains("ingest")) {
                    report.append(ingest(kind, base)).append('\n');
                }
                if (PARTS.contains("search")) {
                    report.append(search(kind, base)).append('\n');
                }
            }
        } finally {
            IngestRound.delete(base);
        }
        Path out = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks")).resolve("cdr.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out);
    }

    private static String ingest(BenchDatabase.Kind kind, Path base) throws Exception {
        System.out.println("Ingest on " + kind.describe() + ": warm-up");
        IngestRound.run(kind, base, true, RECORDS, 1);
        IngestRound.run(kind, base, false, RECORDS, 1);
        List<IngestRound.Result> sealed = new ArrayList<>();
        List<IngestRound.Result> plain = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (boolean encrypted : round % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                IngestRound.Result result = IngestRound.run(kind, base, encrypted, RECORDS, round + 1);
                (encrypted ? sealed : plain).add(result);
                System.out.printf("  round %d %-11s acknowledged %,8.0f/s in %5.2f s, stored %,8.0f/s in %5.2f s, %.2f cores busy, "
                                + "CPU per record: writer %.1f us, shipper %.1f us%n", round, encrypted ? "encrypted" : "unencrypted",
                        result.acknowledgedPerSecond(), result.acknowledgedSeconds(), result.storedPerSecond(), result.storedSeconds(),
                        result.cpuCores(), result.writerMicros(), result.shipperMicros());
            }
        }
        double sealedRate = median(sealed, IngestRound.Result::acknowledgedPerSecond);
        double plainRate = median(plain, IngestRound.Result::acknowledgedPerSecond);
        return String.format(Locale.ROOT, """
                Ingest as fast as the pipeline takes the events: %,d events per round (mean JSON %.0f bytes), %d rounds of each \
                variant, alternating (one first, then the other first, and so on), after a warm-up round of each; medians, range \
                in brackets. CPU per record: the writer thread (sealing, journal) and the shipper thread (JDBC batches, \
                checkpoints), from the threads' CPU clocks.

                | variant | acknowledged/s | stored in the database/s | all %,d stored after (s) | writer CPU/record (µs) | shipper CPU/record (µs) | cores busy |
                | --- | --- | --- | --- | --- | --- | --- |
                %s
                %s

                Encrypted / unencrypted: acknowledged rate %.2f, stored rate %.2f. Writer CPU per record, unencrypted / encrypted: %.2f.
                """, RECORDS, sealed.get(0).meanJsonBytes(), ROUNDS, RECORDS, row("encrypted (AES-256-GCM)", sealed),
                row("unencrypted baseline", plain), sealedRate / plainRate,
                median(sealed, IngestRound.Result::storedPerSecond) / median(plain, IngestRound.Result::storedPerSecond),
                median(plain, IngestRound.Result::writerMicros) / median(sealed, IngestRound.Result::writerMicros))
                + (PACE > 0 ? paced(kind, base) : "");
    }

    /** Whether the whole pipeline, database included, keeps up with a steady stream at the target rate. */
    private static String paced(BenchDatabase.Kind kind, Path base) throws Exception {
        System.out.printf("  paced: %,d encrypted events/s for %d s%n", PACE, PACE_SECONDS);
        IngestRound.Result paced = IngestRound.run(kind, base, true, PACE * PACE_SECONDS, PACE, 99);
        return String.format(Locale.ROOT, """

                Paced: %,d encrypted events/s handed over for %d s (%,d events, handed over in %.1f s): at most %,d events \
                (%.0f ms of events) waited for the journal, at most %,d for the database; all stored %.1f s after the first \
                hand-over; writer %.1f µs and shipper %.1f µs CPU per record, %.2f cores busy.
                """, PACE, PACE_SECONDS, paced.records(), paced.handOverSeconds(), paced.mostUnacknowledged(),
                paced.mostUnacknowledged() * 1000.0 / PACE, paced.mostUnstored(), paced.storedSeconds(), paced.writerMicros(),
                paced.shipperMicros(), paced.cpuCores());
    }

    private static String row(String label, List<IngestRound.Result> results) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", label,
                figure(results, IngestRound.Result::acknowledgedPerSecond, "%,.0f"), figure(results, IngestRound.Result::storedPerSecond, "%,.0f"),
                figure(results, IngestRound.Result::storedSeconds, "%.2f"), figure(results, IngestRound.Result::writerMicros, "%.1f"),
                figure(results, IngestRound.Result::shipperMicros, "%.1f"), figure(results, IngestRound.Result::cpuCores, "%.2f"));
    }

    private static String search(BenchDatabase.Kind kind, Path base) throws Exception {
        System.out.println("Search on " + kind.describe() + ": filling the store");
        AuditorSearches.Result result = AuditorSearches.run(kind, base, SEARCH_RECORDS, SEARCH_ROOMS, SEARCH_DAYS, SEARCHES, RECORDS / 2, 42);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                Search: %,d sealed records over %d days and %,d rooms (Zipf 0.7: the busiest room has about %,d records a day), loaded through \
                the store's batch insert in %.0f s; database %,d MiB. Each search: one room, one UTC day, limit %d, results decrypted; \
                %,d searches per set, one after the other, after %d warm-up searches.

                | rooms searched | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | records found: median / mean / max | at the limit |
                | --- | --- | --- | --- | --- | --- | --- |
                """, result.records(), result.days(), result.rooms(), result.busiestRoomPerDay(), result.fillSeconds(),
                result.databaseBytes() >> 20, AuditorSearches.LIMIT, SEARCHES, AuditorSearches.WARM_UP_SEARCHES));
        for (AuditorSearches.Searches set : result.searches()) {
            text.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %d / %.1f / %d | %.0f%% |%n", set.rooms(), set.p50Millis(),
                    set.p95Millis(), set.p99Millis(), set.maxMillis(), set.medianFound(), set.meanFound(), set.maxFound(), 100 * set.shareAtLimit()));
        }
        IngestRound.Result full = result.intoFullStore();
        text.append(String.format(Locale.ROOT, """

                Then %,d encrypted events through the pipeline into this store: acknowledged at %,.0f/s, stored at %,.0f/s \
                (all stored after %.1f s); writer %.1f µs and shipper %.1f µs CPU per record, %.2f cores busy.
                """, full.records(), full.acknowledgedPerSecond(), full.storedPerSecond(), full.storedSeconds(), full.writerMicros(),
                full.shipperMicros(), full.cpuCores()));
        return text.toString();
    }

    private static String figure(List<IngestRound.Result> results, ToDoubleFunction<IngestRound.Result> value, String format) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(values), values[0], values[values.length - 1]);
    }

    private static double median(List<IngestRound.Result> results, ToDoubleFunction<IngestRound.Result> value) {
        return median(results.stream().mapToDouble(value).sorted().toArray());
    }

    private static double median(double[] unsorted) {
        double[] values = unsorted.clone();
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
