package io.vestibule.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vestibule.testing.VestibuleServer;

/**
 * Start-up and idle-memory benchmark of the built jar ({@code ./mvnw -Pbenchmark-startup verify}): cold starts on
 * fresh data directories (keys and certificates created, schema migrated), warm restarts on the same directory,
 * then the resident memory and live heap after a minute of idling. One configuration per JVM option set; the
 * figures go to target/benchmarks/startup.md and into docs/performance.md by hand.
 */
public final class StartupBenchmark {
    private static final int RUNS = Integer.getInteger("benchmark.runs", 3);
    private static final Duration IDLE = Duration.ofSeconds(Long.getLong("benchmark.idle.seconds", 60));

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder()
                .append("| JVM options | cold start to ready (s) | warm restart to ready (s) | idle RSS (MiB) | live heap after GC (MiB) |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (List<String> options : List.of(VestibuleServer.README_JVM_OPTIONS, List.<String>of())) {
            report.append(measure(options)).append('\n');
        }
        Path out = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks")).resolve("startup.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out);
    }

    private static String measure(List<String> options) throws Exception {
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        String memory = "";
        for (int run = 0; run < RUNS; run++) {
            Path data = Files.createTempDirectory("vestibule-bench-");
            VestibuleServer first = VestibuleServer.start("bench-cold", Map.of(), options, data, () -> { });
            cold.add(seconds(first.startUpTime()));
            first.stop();
            VestibuleServer again = VestibuleServer.start("bench-warm", Map.of(), options, data, () -> { });
            warm.add(seconds(again.startUpTime()));
            if (run == RUNS - 1) {
                Thread.sleep(IDLE.toMillis());
                memory = residentMiB(again.pid()) + " | " + liveHeapMiB(again.pid());
            }
            again.close();
        }
        return "| `" + (options.isEmpty() ? "(none)" : String.join(" ", options)) + "` | " + summary(cold) + " | "
                + summary(warm) + " | " + memory + " |";
    }

    private static String summary(List<Double> values) {
        double median = values.stream().sorted().toList().get(values.size() / 2);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format("%.1f (max %.1f)", median, max);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static long residentMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** Heap in use right after a full collection: what the service really keeps alive when idle. */
    private static String liveHeapMiB(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return String.valueOf(sumUsed(jcmd(pid, "GC.heap_info")));
    }

    private static long sumUsed(String heapInfo) {
        long kilobytes = 0;
        for (String line : heapInfo.lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("def new generation") || trimmed.startsWith("tenured generation")
                    || trimmed.startsWith("garbage-first heap")) {
                String after = trimmed.substring(trimmed.indexOf("used ") + 5);
                kilobytes += Long.parseLong(after.substring(0, after.indexOf('K')));
            }
        }
        return kilobytes / 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
