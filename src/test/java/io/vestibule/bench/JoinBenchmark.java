package io.vestibule.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.PostgresDatabase;
import io.vestibule.testing.VestibuleServer;

/**
 * Load benchmark of the join flow ({@code ./mvnw -Pbenchmark-join verify}): wrk drives the built jar over HTTPS on
 * loopback with successful PIN joins, token refreshes and a wrong-PIN flood, and, in the same run, the trivial
 * endpoint {@code GET /api/v1/keys} as the machine's yardstick. The service runs with the JVM options of the systemd
 * unit; each scenario is warmed up before it is measured. Every request names its own client address in
 * X-Forwarded-For, so the break-in ledger works as it would for a crowd. The figures go to
 * target/benchmarks/join.md and into docs/performance.md by hand.
 */
public final class JoinBenchmark {
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);
    /** The JIT of a two-core machine needs minutes of load before the service reaches its pace. */
    private static final int WARM_UP_ROUNDS_MIN = Integer.getInteger("benchmark.warmup.min-rounds", 4);
    private static final int WARM_UP_ROUNDS_MAX = Integer.getInteger("benchmark.warmup.max-rounds", 12);
    /** Run-to-run noise on this machine is about ±20%: each scenario is measured this often and the median kept. */
    private static final int MEASURED_RUNS = Integer.getInteger("benchmark.runs", 3);
    private static final int CONNECTIONS = Integer.getInteger("benchmark.connections", 32);
    private static final int THREADS = Integer.getInteger("benchmark.threads", 2);
    /**
     * Each room holds 100 participants, and a participant who joined stays present for the token lifetime
     * (150 s with the clock skew), so the rooms must hold every join of the last 150 s.
     */
    private static final int ROOMS = Integer.getInteger("benchmark.rooms", 2500);
    private static final int FLOODED_ROOMS = 50;
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx1g");
    /** {@code -Dbenchmark.database=postgresql}: a database of its own on the machine's PostgreSQL instead of embedded H2. */
    private static final boolean ON_POSTGRES = System.getProperty("benchmark.database", "h2").equalsIgnoreCase("postgresql");

    private JoinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path wrk = Path.of(System.getProperty("benchmark.wrk", "/usr/bin/wrk"));
        if (!Files.isExecutable(wrk)) {
            System.err.println("The join benchmark needs wrk at " + wrk + " (Debian: apt-get install wrk; or -Dbenchmark.wrk=...)");
            System.exit(2);
        }
        Path target = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks"));
        Path script = Path.of(System.getProperty("vestibule.target", "target"), "test-classes", "bench", "vestibule-load.lua");
        try (PostgresDatabase database = ON_POSTGRES ? PostgresDatabase.create() : null;
             VestibuleServer server = VestibuleServer.start("join-benchmark", database == null ? Map.of() : database.settings(),
                     SERVICE_JVM_OPTIONS, null, () -> { })) {
            Load load = new Load(wrk, script, "https://127.0.0.1:" + server.httpsPort());
            Path rooms = book(server, ROOMS, target.resolve("rooms.txt"));
            Path flooded = book(server, FLOODED_ROOMS, target.resolve("flooded-rooms.txt"));

            double previous = 0;
            for (int round = 1; round <= WARM_UP_ROUNDS_MAX; round++) {
                load.run("keys", rooms, SECONDS);
                double joins = load.run("join", rooms, SECONDS).perSecond();
                load.run("refresh", rooms, SECONDS);
                boolean steady = Math.abs(joins - previous) < 0.05 * joins;
                previous = joins;
                if (round >= WARM_UP_ROUNDS_MIN && steady) {
                    break;
                }
            }
            System.out.println("Warmed up; measuring");
            List<List<Result>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int repeat = 0; repeat < MEASURED_RUNS; repeat++) {
                runs.get(0).add(load.run("keys", rooms, SECONDS));
                runs.get(1).add(load.run("join", rooms, SECONDS));
                runs.get(2).add(load.run("refresh", rooms, SECONDS));
                runs.get(3).add(load.run("wrong-pin", flooded, SECONDS));
            }

            String report = report(runs.get(0), runs.get(1), runs.get(2), runs.get(3))
                    + "Database: " + (ON_POSTGRES ? "PostgreSQL at 127.0.0.1 (the same two cores)" : "embedded H2 file") + "\n";
            Files.writeString(target.resolve("join.md"), report);
            System.out.println(report);
            System.out.println("Written to " + target.resolve("join.md"));
        }
    }

    /** Books {@code count} meetings open now, each in its own two-PIN room, and lists their aliases in a file. */
    private static Path book(VestibuleServer server, int count, Path file) throws Exception {
        PortalClient owner = server.newClient().signIn("alice", server.demoPassword());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> aliases = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                aliases.add(pool.submit(() -> Meetings.alias(Meetings.openNow(owner, "host_and_guest_pins", false))));
            }
            List<String> lines = new ArrayList<>();
            for (Future<String> alias : aliases) {
                lines.add(alias.get());
            }
            return Files.write(file, lines);
        } finally {
            pool.shutdown();
        }
    }

    private static String report(List<Result> keys, List<Result> joins, List<Result> refreshes, List<Result> flood) {
        StringBuilder report = new StringBuilder()
                .append("| scenario | requests/s (median) | range of runs | p50 (ms) | p90 (ms) | p99 (ms) | answers |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        report.append(row("trivial endpoint: GET /api/v1/keys", keys))
                .append(row("successful PIN joins", joins))
                .append(row("token refreshes", refreshes))
                .append(row("wrong-PIN flood on " + FLOODED_ROOMS + " rooms", flood));
        report.append(String.format("%nSuccessful joins reach %.0f%% of the trivial endpoint's rate (medians).%n",
                100 * median(joins).perSecond() / median(keys).perSecond()));
        report.append(String.format("wrk -t%d -c%d, %d runs of %d s per scenario, interleaved, after warming up until the"
                        + " join rate held steady; latencies are those of the median run; service JVM options: %s%n",
                THREADS, CONNECTIONS, MEASURED_RUNS, SECONDS, String.join(" ", SERVICE_JVM_OPTIONS)));
        return report.toString();
    }

    private static String row(String title, List<Result> runs) {
        DoubleSummaryStatistics rates = runs.stream().mapToDouble(Result::perSecond).summaryStatistics();
        return median(runs).row(title, String.format("%.0f–%.0f", rates.getMin(), rates.getMax()));
    }

    private static Result median(List<Result> runs) {
        List<Result> sorted = runs.stream().sorted(Comparator.comparingDouble(Result::perSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Runs wrk with the benchmark's Lua script. */
    private record Load(Path wrk, Path script, String baseUrl, AtomicInteger runs) {
        /** Source addresses per run, as in the Lua script. */
        private static final int CROWD = 200_000;

        Load(Path wrk, Path script, String baseUrl) {
            this(wrk, script, baseUrl, new AtomicInteger());
        }

        Result run(String scenario, Path rooms, int seconds) throws IOException, InterruptedException {
            // Each run speaks from a crowd of its own, so that no address reaches its break-in limit across runs.
            String firstSource = Integer.toString(runs.getAndIncrement() * CROWD % (1 << 24));
            Process process = new ProcessBuilder(wrk.toString(), "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s",
                    "--timeout", "10s", "-s", script.toString(), baseUrl, "--", scenario, rooms.toString(), Meetings.GUEST_PIN,
                    firstSource)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed for " + scenario + ":\n" + output);
            }
            String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No result from wrk for " + scenario + ":\n" + output));
            try (var reader = Json.createReader(new StringReader(line.substring("RESULT ".length())))) {
                Result result = new Result(scenario, reader.readObject());
                System.out.println(scenario + " (" + seconds + " s): " + result.summary());
                return result;
            }
        }
    }

    private record Result(String scenario, JsonObject figures) {
        double perSecond() {
            return figures.getJsonNumber("requests").longValue() * 1_000_000.0 / figures.getJsonNumber("durationMicros").longValue();
        }

        String millis(String field) {
            return String.format("%.1f", figures.getJsonNumber(field).longValue() / 1000.0);
        }

        String answers() {
            StringBuilder answers = new StringBuilder();
            figures.getJsonObject("statuses").forEach((status, count) -> answers.append(answers.isEmpty() ? "" : ", ")
                    .append(status).append(" × ").append(count));
            int socketErrors = figures.getInt("socketErrors");
            return socketErrors == 0 ? answers.toString() : answers + ", socket errors × " + socketErrors;
        }

        String summary() {
            return String.format("%.0f/s, p50 %s ms, p99 %s ms, %s", perSecond(), millis("p50Micros"), millis("p99Micros"), answers());
        }

        String row(String title, String range) {
            return String.format("| %s | %.0f | %s | %s | %s | %s | %s |%n", title, perSecond(), range, millis("p50Micros"),
                    millis("p90Micros"), millis("p99Micros"), answers());
        }
    }
}
