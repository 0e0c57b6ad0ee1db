package io.vestibule.bench;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

import io.vestibule.crypto.keys.DurableCommits;

/**
 * What durable commits cost the embedded database ({@code ./mvnw -Pbenchmark-commits verify}, issue 21): small
 * transactions of one row each (a booking, a setting, a room change), committed by 4 threads, with the launcher's URL
 * (no write delay: a commit is in the file when it returns) and with H2's default 500 ms write delay; and the path of
 * a new key (a row, then {@link DurableCommits#forceToDisk()}), against a bare fsync of the same disk. Rounds
 * alternate; medians and ranges go to target/benchmarks/commits.md and into docs/performance.md by hand.
 */
public final class CommitBenchmark {
    private static final int COMMITS = Integer.getInteger("benchmark.commits", 20_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int THREADS = 4;
    private static final int KEYS = 200;
    private static final String FLAGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

    private CommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory(Path.of(System.getProperty("benchmark.dir", System.getProperty("java.io.tmpdir"))), "vestibule-commit-bench-");
        FileStore disk = Files.getFileStore(base);
        if (disk.type().equals("tmpfs") || disk.type().equals("ramfs")) {
            System.err.println(base + " is on " + disk.type() + ", where fsync costs nothing; choose a directory on a disk with -Dbenchmark.dir=...");
            System.exit(2);
        }
        List<Double> durable = new ArrayList<>();
        List<Double> delayed = new ArrayList<>();
        List<Double> keyMillis = new ArrayList<>();
        commitsPerSecond(base.resolve("warm-up"), ";WRITE_DELAY=0");
        for (int round = 0; round < ROUNDS; round++) {
            boolean durableFirst = round % 2 == 0;
            for (boolean noDelay : new boolean[] {durableFirst, !durableFirst}) {
                double rate = commitsPerSecond(base.resolve("round-" + round + (noDelay ? "-durable" : "-delayed")), noDelay ? ";WRITE_DELAY=0" : "");
                (noDelay ? durable : delayed).add(rate);
            }
            keyMillis.add(medianKeyMillis(base.resolve("keys-" + round)));
        }
        String report = String.format(Locale.ROOT, "%s: %d cores, Java %s, H2 file database in %s (%s); fsync of a 4 KiB append: %s.%n%n"
                        + "| commits of one row, %d threads | commits/s |%n| --- | --- |%n"
                        + "| no write delay (the launcher's URL) | %s |%n| H2's default 500 ms write delay | %s |%n%n"
                        + "No delay / delay: %.2f. A new key (its row, then CHECKPOINT and CHECKPOINT SYNC): %s ms (median of %d, medians of the rounds).%n",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"), base, disk.type(),
                FsyncProbe.describe(base), THREADS, median(durable), median(delayed), middle(durable) / middle(delayed), millis(keyMillis), KEYS);
        Path out = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks")).resolve("commits.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out);
    }

    private static double commitsPerSecond(Path directory, String writeDelay) throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource(directory, writeDelay));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            createTable(pool);
            long began = System.nanoTime();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                work.add(threads.submit(() -> {
                    insert(pool, COMMITS / THREADS);
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get();
            }
            return COMMITS / ((System.nanoTime() - began) / 1e9);
        } finally {
            threads.shutdown();
            pool.dispose();
        }
    }

    private static double medianKeyMillis(Path directory) throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(dataSource(directory, ";WRITE_DELAY=0"));
        try {
            createTable(pool);
            DurableCommits durable = new DurableCommits(pool);
            double[] millis = new double[KEYS];
            for (int i = 0; i < KEYS; i++) {
                long began = System.nanoTime();
                insert(pool, 1);
                durable.forceToDisk();
                millis[i] = (System.nanoTime() - began) / 1e6;
            }
            Arrays.sort(millis);
            return millis[KEYS / 2];
        } finally {
            pool.dispose();
        }
    }

    private static JdbcDataSource dataSource(Path directory, String writeDelay) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + directory.resolve("vestibule") + FLAGS + writeDelay);
        h2.setUser("vestibule");
        h2.setPassword("");
        return h2;
    }

    private static void createTable(JdbcConnectionPool pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS change (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, payload VARCHAR(400))");
        }
    }

    private static void insert(JdbcConnectionPool pool, int count) throws SQLException {
        String payload = "x".repeat(300);
        try (Connection connection = pool.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO change (payload) VALUES (?)")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, payload);
                insert.executeUpdate();
            }
        }
    }

    private static String median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static String millis(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    private static double middle(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray()[values.size() / 2];
    }
}
