package io.vestibule.media.gateway;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.vestibule.media.gateway.dtls.DtlsHandshakeBenchmark;
import io.vestibule.media.gateway.forward.ConferenceRouter;
import io.vestibule.media.gateway.forward.ForwardingCounters;
import io.vestibule.media.gateway.negotiation.PayloadTypes;
import io.vestibule.media.gateway.srtp.MediaPacket;
import io.vestibule.media.gateway.srtp.SrtpResult;
import io.vestibule.media.gateway.srtp.SrtpSession;

/**
 * SRTP forwarding ({@code ./mvnw -Pbenchmark-media verify}, issue 15): packets of 1,200 bytes per second on one core
 * through the gateway's pipeline for one sender and one receiver ({@link ParticipantMedia}: classify, decrypt with the
 * sender's keys, check the header, payload type, route, payload type, encrypt with the receiver's keys), against the
 * raw limit measured in the same run: jitsi-srtp's decrypt and encrypt of the same packets in a tight loop on one
 * thread. With the time each packet spends in the pipeline (p50, p99), the CPU a 20-participant conference costs, and
 * the DTLS handshake rate ({@link DtlsHandshakeBenchmark}). The UDP sockets and ICE are left out: what is measured is
 * the gateway's own work per packet. Rounds alternate; medians go to target/benchmarks/media.md and into
 * docs/performance.md by hand.
 */
public final class MediaForwardingBenchmark {
    private static final int PACKETS = Integer.getInteger("benchmark.packets", 200_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    /**
     * How many receivers the gateway forwards the sender's packets to over loopback (a meeting of that many and one).
     * Two by default: with one, on two cores, the sender (sharing its core with the receiver) is slower than the
     * gateway, and "80% of the maximum rate" would be 80% of the sender's; with two, the gateway is the slowest part.
     */
    private static final int LOOPBACK_RECEIVERS = Integer.getInteger("benchmark.loopback.receivers", 2);
    /** Paced rounds over loopback of the gateway and of the relay each, taken together. */
    private static final int LOOPBACK_ROUNDS = Integer.getInteger("benchmark.loopback.rounds", 5);
    private static final int PAYLOAD_BYTES = 1200 - 12;
    static final long SOURCE = 0x1234_5678L;
    /** The gateway's JVM options in the run over loopback: deploy/vestibule.service's. */
    private static final String GATEWAY_JVM = System.getProperty("benchmark.gateway.jvm", "-Xmx1g");
    private static final boolean PIN_CORES = Boolean.parseBoolean(System.getProperty("benchmark.pin", "true"));
    private static final PayloadTypes CHROMIUM = new PayloadTypes(111, "", 96, OptionalInt.of(97));
    private static final InetSocketAddress BROWSER = new InetSocketAddress("127.0.0.1", 50000);

    private final SecureRandom random = new SecureRandom();

    private MediaForwardingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d cores, Java %s; %,d packets of 1,200 bytes per round, %d rounds after one to warm up, medians.%n%n"
                        + "| profile | raw decrypt + encrypt, packets/s | gateway pipeline, packets/s | pipeline / raw | p50 µs | p99 µs | bytes allocated per packet |%n"
                        + "| --- | --- | --- | --- | --- | --- | --- |%n",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"), PACKETS, ROUNDS));
        MediaForwardingBenchmark benchmark = new MediaForwardingBenchmark();
        Set<String> parts = Set.of(System.getProperty("benchmark.parts", "pipeline,loopback,conference,dtls").split(","));
        if (parts.contains("pipeline")) {
            for (SrtpProfile profile : List.of(SrtpProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80)) {
                report.append(benchmark.measure(profile));
            }
        }
        if (parts.contains("loopback")) {
            report.append(System.lineSeparator()).append(benchmark.overLoopback());
        }
        if (parts.contains("conference")) {
            report.append(System.lineSeparator()).append(benchmark.conference());
        }
        if (parts.contains("dtls")) {
            report.append(System.lineSeparator()).append(DtlsHandshakeBenchmark.report());
        }
        Path out = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks")).resolve("media.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out);
    }

    private String measure(SrtpProfile profile) {
        SrtpKeyingMaterial fromSender = keys(profile);
        SrtpKeyingMaterial toReceiver = keys(profile);
        byte[][] packets = protectedPackets(fromSender, PACKETS);
        List<Double> raw = new ArrayList<>();
        List<Double> pipeline = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        List<Double> allocations = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            long[] nanos = new long[PACKETS];
            boolean rawFirst = round % 2 == 0;
            double rawRate = rawFirst ? raw(packets, fromSender, toReceiver) : 0;
            double[] allocated = new double[1];
            double pipelineRate = pipeline(packets, fromSender, toReceiver, nanos, allocated);
            rawRate = rawFirst ? rawRate : raw(packets, fromSender, toReceiver);
            if (round > 0) {
                raw.add(rawRate);
                pipeline.add(pipelineRate);
                latencies.add(nanos);
                allocations.add(allocated[0]);
            }
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %.1f | %.1f | %,.0f |%n", profile, median(raw), median(pipeline),
                median(pipeline) / median(raw), all[all.length / 2] / 1000.0, all[(int) (all.length * 0.99)] / 1000.0, median(allocations));
    }

    /**
     * The raw limit: each packet decrypted in place with the sender's keys, copied and encrypted in place with the
     * receiver's, one thread; the same copies the pipeline makes, and nothing else.
     */
    private static double raw(byte[][] packets, SrtpKeyingMaterial fromSender, SrtpKeyingMaterial toReceiver) {
        try (SrtpSession in = SrtpSession.forDtlsServer(fromSender); SrtpSession out = SrtpSession.forDtlsServer(toReceiver)) {
            byte[] arrived = new byte[2048];
            MediaPacket incoming = new MediaPacket(0);
            MediaPacket outgoing = new MediaPacket(2048);
            long forwarded = 0;
            long began = System.nanoTime();
            for (byte[] packet : packets) {
                System.arraycopy(packet, 0, arrived, 0, packet.length);
                if (in.unprotectRtp(incoming.wrap(arrived, 0, packet.length)).isEmpty()
                        && out.protectRtp(outgoing.fill(incoming.getBuffer(), incoming.getOffset(), incoming.getLength())).isEmpty()) {
                    forwarded++;
                }
            }
            return rate(forwarded, began);
        }
    }

    /** The gateway's pipeline: one sender's packets through its ParticipantMedia to one receiver's. */
    private static double pipeline(byte[][] packets, SrtpKeyingMaterial fromSender, SrtpKeyingMaterial toReceiver, long[] nanos,
                                   double[] allocated) {
        ConferenceRouter router = new ConferenceRouter(16, new ForwardingCounters());
        UUID conference = UUID.randomUUID();
        ParticipantMedia sender = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
        ParticipantMedia receiver = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
        long[] sent = new long[1];
        receiver.sendingTo((datagram, offset, length) -> sent[0]++);
        sender.sendingTo((datagram, offset, length) -> { });
        ForwardingGatewayProcess.connect(router, sender, receiver, fromSender, toReceiver);
        // Each packet copied into one array first, as ice4j copies each datagram into one of its reused arrays.
        byte[] arrived = new byte[2048];
        long allocatedBefore = allocatedBytes();
        long began = System.nanoTime();
        for (int i = 0; i < packets.length; i++) {
            long start = System.nanoTime();
            System.arraycopy(packets[i], 0, arrived, 0, packets[i].length);
            sender.received(arrived, 0, packets[i].length, BROWSER);
            nanos[i] = System.nanoTime() - start;
        }
        double rate = rate(sent[0], began);
        allocated[0] = (allocatedBytes() - allocatedBefore) / (double) packets.length;
        sender.close();
        receiver.close();
        if (sent[0] != packets.length) {
            throw new IllegalStateException("The pipeline forwarded " + sent[0] + " of " + packets.length + " packets");
        }
        return rate;
    }

    /**
     * Over loopback sockets: a synthetic sender sends AES-128-GCM packets to the gateway's UDP socket, the gateway's
     * pipeline forwards them to a synthetic receiver's socket. The gateway runs in a JVM of its own
     * ({@link ForwardingGatewayProcess}) with the options of {@code deploy/vestibule.service}; the sender and the receiver
     * run here. First as fast as the sender can, to find the maximum rate the receiver sees; then paced at 80% of that,
     * where each packet's time from the sender's send to the receiver's read is the added latency (p50, p99). The three
     * share the machine's cores. The stop-the-world pauses of both JVMs during the paced run are reported beside it.
     */
    private String overLoopback() throws Exception {
        int count = Math.min(PACKETS, 65_536);
        Path safepoints = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks"))
                .resolve("gateway-safepoints.log");
        // The gateway on a core of its own and the sender and receiver on the other, as on a machine of its own: else
        // the three threads take turns on the two cores and the scheduler's turns are what the tail measures.
        int cores = Runtime.getRuntime().availableProcessors();
        boolean pinned = PIN_CORES && cores >= 2 && pin(ProcessHandle.current().pid(), "0");
        List<String> command = new ArrayList<>(pinned ? List.of("taskset", "-c", "1") : List.of());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(GATEWAY_JVM.split(" ")));
        command.addAll(List.of("-Xlog:safepoint:file=" + safepoints + ":uptime", "-cp", testClassPath(), ForwardingGatewayProcess.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
             PrintWriter commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII), true)) {
            GatewayProcess gateway = new GatewayProcess(Integer.parseInt(answer(answers, "gateway")[1]), answers, commands);
            if (pinned) {
                readerAlone(process.pid());
            }
            LoopbackRun flat = loopback(count, gateway, 0);
            // A paced run first to warm the paced path on both sides (the sender's sleeping loop was never compiled).
            loopback(count, gateway, 0.8 * flat.received());
            // The yardstick: the same sockets, thread and pacing with a relay that forwards each datagram as it came. Rounds
            // of each alternate, so that what the machine does meanwhile falls on both alike, and are pooled.
            loopback(count, gateway, 0.8 * flat.received(), true);
            List<LoopbackRun> forwardedRounds = new ArrayList<>();
            List<LoopbackRun> relayedRounds = new ArrayList<>();
            for (int round = 0; round < LOOPBACK_ROUNDS; round++) {
                forwardedRounds.add(loopback(count, gateway, 0.8 * flat.received()));
                relayedRounds.add(loopback(count, gateway, 0.8 * flat.received(), true));
            }
            LoopbackRun paced = pooled(forwardedRounds);
            LoopbackRun relayed = pooled(relayedRounds);
            commands.close();
            process.waitFor();
            pin(ProcessHandle.current().pid(), "0-" + (cores - 1));
            return String.format(Locale.ROOT, "Over loopback sockets (AES-128-GCM, rounds of %,d packets of 1,200 bytes, each forwarded to %d receiver(s); the gateway in a JVM of its own with "
                            + "`%s`, %s): at most %,.0f of the sender's packets a second reached the receiver (%.1f%% lost); paced at 80%% of that (%,.0f packets/s, %.1f%% lost; "
                            + "%d rounds, alternating with the yardstick's, pooled; the gateway's receiving thread busy %.0f%% of the time, the relay's "
                            + "%.0f%%), each packet took %.0f µs at the median, %.0f µs at p99 and %.0f µs at p99.9 from the sender's send to the receiver's "
                            + "read. The yardstick in the same process, sockets and pacing, a relay that sends each datagram on as it came "
                            + "(%.1f%% lost): %.0f µs, %.0f µs and %.0f µs. **Added by the gateway's pipeline: %.0f µs at the median, %.0f µs at p99, "
                            + "%.0f µs at p99.9.** During the paced rounds the gateway's JVM collected garbage %d times (%d ms in all) and the sender's "
                            + "and receiver's %d times (%d ms); the gateway's longest stop-the-world pause in the whole run, warm-up included, was "
                            + "%.0f µs (%s).%n",
                    count, LOOPBACK_RECEIVERS, GATEWAY_JVM, pinned ? "its receiving thread alone on core 1, its other threads, the sender and the receiver on core 0" : "all on every core", flat.received(),
                    flat.lostPercent(), paced.received(), paced.lostPercent(), LOOPBACK_ROUNDS,
                    100 * paced.gatewayBusy(), 100 * relayed.gatewayBusy(), paced.p50Micros(), paced.p99Micros(), paced.p999Micros(),
                    relayed.lostPercent(), relayed.p50Micros(), relayed.p99Micros(), relayed.p999Micros(),
                    paced.p50Micros() - relayed.p50Micros(), paced.p99Micros() - relayed.p99Micros(), paced.p999Micros() - relayed.p999Micros(),
                    paced.gatewayCollections()[0], paced.gatewayCollections()[1], paced.ownCollections()[0], paced.ownCollections()[1],
                    longestPauseMicros(safepoints), safepoints);
        } finally {
            process.destroy();
        }
    }

    /**
     * Leaves the gateway's receiving thread alone on core 1 and moves the JVM's other threads (its compilers, its
     * collector, the command reader) to core 0, where they are idle once warm: the forwarding thread of a gateway on a
     * machine of its own does not wait for the JIT. Linux names each thread's task after the Java thread.
     */
    private static void readerAlone(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).strip();
                if (!name.equals("gateway-reader")) {
                    pinThread(task.getFileName().toString(), "0");
                }
            }
        }
    }

    private static void pinThread(String tid, String cores) {
        try {
            new ProcessBuilder("taskset", "-p", "-c", cores, tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // a thread that ended meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves every thread of a process to these cores ({@code taskset}, util-linux); false when that cannot be done. */
    private static boolean pin(long pid, String cores) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cores, String.valueOf(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return taskset.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The gateway's JVM: its port and its command line, one command and one answer at a time. */
    private record GatewayProcess(int port, BufferedReader answers, PrintWriter commands) {
        void pipeline(byte[] fromSender, List<byte[]> toReceivers, int receiverPort) throws IOException {
            HexFormat hex = HexFormat.of();
            commands.println("pipeline " + SrtpProfile.SRTP_AEAD_AES_128_GCM + " " + hex.formatHex(fromSender) + " " + receiverPort + " "
                    + toReceivers.stream().map(hex::formatHex).collect(Collectors.joining(" ")));
            answer(answers, "ready");
        }

        void relay(int receiverPort) throws IOException {
            commands.println("relay " + receiverPort);
            answer(answers, "ready");
        }

        long[] collections() throws IOException {
            commands.println("collections");
            String[] words = answer(answers, "collections");
            return new long[] {Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3])};
        }
    }

    private static String[] answer(BufferedReader answers, String expected) throws IOException {
        String line = answers.readLine();
        if (line == null || !line.startsWith(expected)) {
            throw new IllegalStateException("The gateway's process answered '" + line + "', not " + expected);
        }
        return line.split(" ");
    }

    /** The benchmark's classes and their dependencies: exec:java runs them from a class loader, not the class path. */
    private static String testClassPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs()).map(url -> {
                try {
                    return Path.of(url.toURI()).toString();
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    /** The longest "Total" of the safepoint log: every stop-the-world pause, whatever the collector. */
    private static double longestPauseMicros(Path safepoints) throws IOException {
        Matcher total = Pattern.compile("Total: (\\d+) ns").matcher(Files.readString(safepoints));
        long longest = 0;
        while (total.find()) {
            longest = Math.max(longest, Long.parseLong(total.group(1)));
        }
        return longest / 1000.0;
    }

    /** One run: the rate the receiver saw, what was lost, each packet's time in nanoseconds (sorted), and the collections. */
    private record LoopbackRun(double received, double lostPercent, long[] latencies, long[] gatewayCollections, long[] ownCollections,
                               double gatewayBusy) {
        double p50Micros() {
            return percentileMicros(latencies, 0.5);
        }

        double p99Micros() {
            return percentileMicros(latencies, 0.99);
        }

        double p999Micros() {
            return percentileMicros(latencies, 0.999);
        }
    }

    /** Runs of one kind taken together: their latencies pooled, their losses and collections summed. */
    private static LoopbackRun pooled(List<LoopbackRun> runs) {
        long[] latencies = runs.stream().flatMapToLong(run -> Arrays.stream(run.latencies())).sorted().toArray();
        return new LoopbackRun(median(runs.stream().map(LoopbackRun::received).toList()),
                runs.stream().mapToDouble(LoopbackRun::lostPercent).average().orElse(0), latencies,
                new long[] {runs.stream().mapToLong(run -> run.gatewayCollections()[0]).sum(), runs.stream().mapToLong(run -> run.gatewayCollections()[1]).sum()},
                new long[] {runs.stream().mapToLong(run -> run.ownCollections()[0]).sum(), runs.stream().mapToLong(run -> run.ownCollections()[1]).sum()},
                runs.stream().mapToDouble(LoopbackRun::gatewayBusy).average().orElse(0));
    }

    private static double percentileMicros(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * fraction))] / 1000.0;
    }

    /** One run over loopback with fresh keys; {@code pacedRate} 0 sends as fast as possible. */
    private LoopbackRun loopback(int count, GatewayProcess gateway, double pacedRate) throws Exception {
        return loopback(count, gateway, pacedRate, false);
    }

    /** With {@code relay}, the gateway's process sends each datagram on as it came, with no pipeline. */
    private LoopbackRun loopback(int count, GatewayProcess gateway, double pacedRate, boolean relay) throws Exception {
        byte[] fromSender = keyingMaterial(SrtpProfile.SRTP_AEAD_AES_128_GCM);
        List<byte[]> toReceivers = new ArrayList<>();
        for (int receiver = 0; receiver < LOOPBACK_RECEIVERS; receiver++) {
            toReceivers.add(keyingMaterial(SrtpProfile.SRTP_AEAD_AES_128_GCM));
        }
        byte[][] packets = protectedPackets(SrtpKeyingMaterial.split(SrtpProfile.SRTP_AEAD_AES_128_GCM, fromSender), count);
        // The relay sends each datagram once; the gateway once per receiver, all to the one receiving socket.
        int copies = relay ? 1 : LOOPBACK_RECEIVERS;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket senderSocket = new DatagramSocket(0, loopback); DatagramSocket receiverSocket = new DatagramSocket(0, loopback)) {
            receiverSocket.setReceiveBufferSize(8 << 20);
            receiverSocket.setSoTimeout(2000);
            if (relay) {
                gateway.relay(receiverSocket.getLocalPort());
            } else {
                gateway.pipeline(fromSender, toReceivers, receiverSocket.getLocalPort());
            }

            long[] sentAt = new long[packets.length];
            long[] took = new long[packets.length * copies];
            int[] received = new int[1];
            long[] lastArrival = new long[1];
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[1500];
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                try {
                    while (true) {
                        datagram.setData(buffer);
                        receiverSocket.receive(datagram);
                        long now = System.nanoTime();
                        int sequence = (buffer[2] & 0xFF) << 8 | buffer[3] & 0xFF;
                        took[received[0]++] = now - sentAt[sequence];
                        lastArrival[0] = now;
                    }
                } catch (IOException finished) {
                    // the socket timed out: everything that was coming has come
                }
            });
            System.gc();
            long[] gatewayBefore = gateway.collections();
            long[] ownBefore = collections();
            reader.start();
            DatagramPacket datagram = new DatagramPacket(packets[0], packets[0].length, loopback, gateway.port());
            long interval = pacedRate > 0 ? (long) (1e9 / pacedRate) : 0;
            long began = System.nanoTime();
            for (int i = 0; i < packets.length; i++) {
                long due = began + i * interval;
                if (interval > 0 && System.nanoTime() < due) {
                    // Sleeping, not spinning, so the sender leaves the cores to the gateway and the receiver; a packet
                    // that falls due while it sleeps goes when it wakes, and its time counts from then.
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                datagram.setData(packets[i]);
                sentAt[i] = System.nanoTime();
                senderSocket.send(datagram);
            }
            reader.join();
            double seconds = (lastArrival[0] - began) / 1e9;
            long[] gatewayAfter = gateway.collections();
            long[] ownAfter = collections();
            long[] sorted = Arrays.copyOf(took, received[0]);
            Arrays.sort(sorted);
            return new LoopbackRun(received[0] / (double) copies / seconds, 100.0 * (packets.length * copies - received[0]) / (packets.length * copies), sorted,
                    new long[] {gatewayAfter[0] - gatewayBefore[0], gatewayAfter[1] - gatewayBefore[1]},
                    new long[] {ownAfter[0] - ownBefore[0], ownAfter[1] - ownBefore[1]},
                    (gatewayAfter[2] - gatewayBefore[2]) / (double) (lastArrival[0] - began));
        }
    }

    /** The bytes this thread has allocated so far. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The garbage collections of this JVM so far: how many, and the milliseconds they took. */
    static long[] collections() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * A 20-participant conference: each sends 50 audio packets (160 bytes) and 50 video packets (1,200 bytes) a second,
     * and each packet goes to the 19 others. Ten seconds of that conference's media go through the participants'
     * pipelines on one thread; the thread's CPU time per participant and second of conference is the figure.
     */
    private String conference() {
        int participants = 20;
        int seconds = 10;
        ConferenceRouter router = new ConferenceRouter(16, new ForwardingCounters());
        UUID conference = UUID.randomUUID();
        List<ParticipantMedia> pipelines = new ArrayList<>();
        List<byte[][]> sent = new ArrayList<>();
        long[] delivered = new long[1];
        for (int p = 0; p < participants; p++) {
            SrtpKeyingMaterial keys = keys(SrtpProfile.SRTP_AEAD_AES_128_GCM);
            ParticipantMedia media = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
            media.sendingTo((datagram, offset, length) -> delivered[0]++);
            media.keyed(SrtpSession.forDtlsServer(keys), Instant.now());
            long audio = 0x1000_0000L + 2L * p;
            long video = audio + 1;
            Set<Long> others = new HashSet<>();
            for (int q = 0; q < participants; q++) {
                if (q != p) {
                    others.add(0x1000_0000L + 2L * q);
                    others.add(0x1000_0000L + 2L * q + 1);
                }
            }
            media.receivable(others);
            try {
                router.admit(media.party().participant().toString(), Set.of(audio, video), media);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            pipelines.add(media);
            sent.add(conferencePackets(keys, audio, video, 50 * seconds));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long cpuBefore = cpu.getCurrentThreadCpuTime();
        long began = System.nanoTime();
        byte[] arrived = new byte[2048];
        for (int i = 0; i < 2 * 50 * seconds; i++) {
            for (int p = 0; p < participants; p++) {
                byte[] packet = sent.get(p)[i];
                System.arraycopy(packet, 0, arrived, 0, packet.length);
                pipelines.get(p).received(arrived, 0, packet.length, BROWSER);
            }
        }
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
        double wallSeconds = (System.nanoTime() - began) / 1e9;
        pipelines.forEach(ParticipantMedia::close);
        long expected = (long) participants * (participants - 1) * 2 * 50 * seconds;
        if (delivered[0] != expected) {
            throw new IllegalStateException("Delivered " + delivered[0] + " of " + expected + " packets");
        }
        return String.format(Locale.ROOT, "A %d-participant conference (each sending 50 audio packets of 160 bytes and 50 video packets of "
                        + "1,200 bytes a second, AES-128-GCM, every packet to the 19 others): %d s of its media, %,d packets in and %,d out, "
                        + "took %.2f s of CPU on one thread (%.2f s of wall time): %.2f%% of one core per participant.%n",
                participants, seconds, (long) participants * 2 * 50 * seconds, expected, cpuSeconds, wallSeconds,
                100 * cpuSeconds / seconds / participants);
    }

    /** One participant's packets of a conference, audio and video in turn, encrypted with its keys. */
    private byte[][] conferencePackets(SrtpKeyingMaterial keys, long audio, long video, int each) {
        byte[][] packets = new byte[2 * each][];
        byte[] audioPayload = new byte[160 - 12];
        byte[] videoPayload = new byte[PAYLOAD_BYTES];
        random.nextBytes(audioPayload);
        random.nextBytes(videoPayload);
        try (SrtpSession browser = SrtpSession.forDtlsClient(keys)) {
            for (int i = 0; i < each; i++) {
                byte[] sound = ByteBuffer.allocate(12 + audioPayload.length).put((byte) 0x80).put((byte) 111).putShort((short) i)
                        .putInt(i * 960).putInt((int) audio).put(audioPayload).array();
                byte[] picture = ByteBuffer.allocate(12 + videoPayload.length).put((byte) 0x80).put((byte) 96).putShort((short) i)
                        .putInt(i * 3000).putInt((int) video).put(videoPayload).array();
                packets[2 * i] = ((SrtpResult.Done) browser.protectRtp(sound, 0, sound.length)).packet();
                packets[2 * i + 1] = ((SrtpResult.Done) browser.protectRtp(picture, 0, picture.length)).packet();
            }
        }
        return packets;
    }

    /** Packets as a browser sends them: VP8 (the gateway's numbering), one source, encrypted with the sender's keys. */
    static byte[][] protectedPackets(SrtpKeyingMaterial keys, int count) {
        byte[][] packets = new byte[count][];
        byte[] payload = new byte[PAYLOAD_BYTES];
        new SecureRandom().nextBytes(payload);
        try (SrtpSession browser = SrtpSession.forDtlsClient(keys)) {
            for (int i = 0; i < count; i++) {
                byte[] plain = ByteBuffer.allocate(12 + PAYLOAD_BYTES).put((byte) 0x80).put((byte) 96).putShort((short) i)
                        .putInt(i * 3000).putInt((int) SOURCE).put(payload).array();
                packets[i] = ((SrtpResult.Done) browser.protectRtp(plain, 0, plain.length)).packet();
            }
        }
        return packets;
    }

    private SrtpKeyingMaterial keys(SrtpProfile profile) {
        return SrtpKeyingMaterial.split(profile, keyingMaterial(profile));
    }

    private byte[] keyingMaterial(SrtpProfile profile) {
        byte[] material = new byte[profile.keyingMaterialBytes()];
        random.nextBytes(material);
        return material;
    }

    private static double rate(long packets, long beganNanos) {
        return packets / ((System.nanoTime() - beganNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
