package io.vestibule.media.gateway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.vestibule.media.gateway.dtls.DtlsHandshakeBenchmark;
import io.vestibule.media.gateway.forward.ConferenceRouter;
import io.vestibule.media.gateway.forward.ForwardingCounters;
import io.vestibule.media.gateway.negotiation.PayloadTypes;
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
    private static final int PAYLOAD_BYTES = 1200 - 12;
    private static final long SOURCE = 0x1234_5678L;
    private static final PayloadTypes CHROMIUM = new PayloadTypes(111, "", 96, OptionalInt.of(97));
    private static final InetSocketAddress BROWSER = new InetSocketAddress("127.0.0.1", 50000);

    private final SecureRandom random = new SecureRandom();

    private MediaForwardingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d cores, Java %s; %,d packets of 1,200 bytes per round, %d rounds after one to warm up, medians.%n%n"
                        + "| profile | raw decrypt + encrypt, packets/s | gateway pipeline, packets/s | pipeline / raw | p50 µs | p99 µs |%n"
                        + "| --- | --- | --- | --- | --- | --- |%n",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"), PACKETS, ROUNDS));
        MediaForwardingBenchmark benchmark = new MediaForwardingBenchmark();
        for (SrtpProfile profile : List.of(SrtpProfile.SRTP_AEAD_AES_128_GCM, SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80)) {
            report.append(benchmark.measure(profile));
        }
        report.append(System.lineSeparator()).append(benchmark.overLoopback());
        report.append(System.lineSeparator()).append(benchmark.conference());
        report.append(System.lineSeparator()).append(DtlsHandshakeBenchmark.report());
        Path out = Files.createDirectories(Path.of(System.getProperty("vestibule.target", "target"), "benchmarks")).resolve("media.md");
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out);
    }

    private String measure(SrtpProfile profile) {
        SrtpKeyingMaterial fromSender = keys(profile);
        SrtpKeyingMaterial toReceiver = keys(profile);
        byte[][] packets = protectedPackets(fromSender);
        List<Double> raw = new ArrayList<>();
        List<Double> pipeline = new ArrayList<>();
        List<long[]> latencies = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            long[] nanos = new long[PACKETS];
            boolean rawFirst = round % 2 == 0;
            double rawRate = rawFirst ? raw(packets, fromSender, toReceiver) : 0;
            double pipelineRate = pipeline(packets, fromSender, toReceiver, nanos);
            rawRate = rawFirst ? rawRate : raw(packets, fromSender, toReceiver);
            if (round > 0) {
                raw.add(rawRate);
                pipeline.add(pipelineRate);
                latencies.add(nanos);
            }
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %.1f | %.1f |%n", profile, median(raw), median(pipeline),
                median(pipeline) / median(raw), all[all.length / 2] / 1000.0, all[(int) (all.length * 0.99)] / 1000.0);
    }

    /** The raw limit: each packet decrypted with the sender's keys and encrypted with the receiver's, one thread. */
    private static double raw(byte[][] packets, SrtpKeyingMaterial fromSender, SrtpKeyingMaterial toReceiver) {
        try (SrtpSession in = SrtpSession.forDtlsServer(fromSender); SrtpSession out = SrtpSession.forDtlsServer(toReceiver)) {
            long forwarded = 0;
            long began = System.nanoTime();
            for (byte[] packet : packets) {
                byte[] copy = packet.clone();
                if (in.unprotectRtp(copy, 0, copy.length) instanceof SrtpResult.Done plain
                        && out.protectRtp(plain.packet(), 0, plain.packet().length) instanceof SrtpResult.Done) {
                    forwarded++;
                }
            }
            return rate(forwarded, began);
        }
    }

    /** The gateway's pipeline: one sender's packets through its ParticipantMedia to one receiver's. */
    private static double pipeline(byte[][] packets, SrtpKeyingMaterial fromSender, SrtpKeyingMaterial toReceiver, long[] nanos) {
        ConferenceRouter router = new ConferenceRouter(16, new ForwardingCounters());
        UUID conference = UUID.randomUUID();
        ParticipantMedia sender = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
        ParticipantMedia receiver = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
        long[] sent = new long[1];
        receiver.sendingTo(datagram -> sent[0]++);
        sender.sendingTo(datagram -> { });
        sender.keyed(SrtpSession.forDtlsServer(fromSender), Instant.now());
        receiver.keyed(SrtpSession.forDtlsServer(toReceiver), Instant.now());
        receiver.receivable(Set.of(SOURCE));
        try {
            router.admit(sender.party().participant().toString(), Set.of(SOURCE), sender);
            router.admit(receiver.party().participant().toString(), Set.of(), receiver);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long began = System.nanoTime();
        for (int i = 0; i < packets.length; i++) {
            long start = System.nanoTime();
            sender.received(packets[i].clone(), BROWSER);
            nanos[i] = System.nanoTime() - start;
        }
        double rate = rate(sent[0], began);
        sender.close();
        receiver.close();
        if (sent[0] != packets.length) {
            throw new IllegalStateException("The pipeline forwarded " + sent[0] + " of " + packets.length + " packets");
        }
        return rate;
    }

    /**
     * Over loopback sockets: a synthetic sender sends AES-128-GCM packets to the gateway's UDP socket, the gateway's
     * pipeline forwards them to a synthetic receiver's socket. First as fast as the sender can, to find the maximum
     * rate the receiver sees; then paced at 80% of that, where each packet's time from the sender's send to the
     * receiver's read is the added latency (p50, p99). The sender, the gateway and the receiver share the machine's cores.
     */
    private String overLoopback() throws Exception {
        SrtpKeyingMaterial fromSender = keys(SrtpProfile.SRTP_AEAD_AES_128_GCM);
        SrtpKeyingMaterial toReceiver = keys(SrtpProfile.SRTP_AEAD_AES_128_GCM);
        int count = Math.min(PACKETS, 65_536);
        byte[][] packets = Arrays.copyOf(protectedPackets(fromSender), count);
        LoopbackRun flat = loopback(packets, fromSender, toReceiver, 0);
        LoopbackRun paced = loopback(packets, fromSender, toReceiver, 0.8 * flat.received());
        return String.format(Locale.ROOT, "Over loopback sockets (AES-128-GCM, %,d packets of 1,200 bytes): the receiver saw at most %,.0f "
                        + "packets/s (%.1f%% lost); paced at 80%% of that (%,.0f packets/s, %.1f%% lost), each packet took %.0f µs at the "
                        + "median and %.0f µs at p99 from the sender's send to the receiver's read.%n",
                count, flat.received(), flat.lostPercent(), paced.received(), paced.lostPercent(), paced.p50Micros(), paced.p99Micros());
    }

    private record LoopbackRun(double received, double lostPercent, double p50Micros, double p99Micros) {
    }

    /** One run over loopback; {@code pacedRate} 0 sends as fast as possible. */
    private static LoopbackRun loopback(byte[][] packets, SrtpKeyingMaterial fromSender, SrtpKeyingMaterial toReceiver, double pacedRate)
            throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket gatewaySocket = new DatagramSocket(0, loopback); DatagramSocket senderSocket = new DatagramSocket(0, loopback);
             DatagramSocket receiverSocket = new DatagramSocket(0, loopback)) {
            gatewaySocket.setReceiveBufferSize(8 << 20);
            receiverSocket.setReceiveBufferSize(8 << 20);
            receiverSocket.setSoTimeout(2000);
            gatewaySocket.setSoTimeout(2000);
            ConferenceRouter router = new ConferenceRouter(16, new ForwardingCounters());
            UUID conference = UUID.randomUUID();
            ParticipantMedia sender = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
            ParticipantMedia receiver = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
            InetSocketAddress receiverAddress = (InetSocketAddress) receiverSocket.getLocalSocketAddress();
            receiver.sendingTo(datagram -> gatewaySocket.send(new DatagramPacket(datagram, datagram.length, receiverAddress)));
            sender.keyed(SrtpSession.forDtlsServer(fromSender), Instant.now());
            receiver.keyed(SrtpSession.forDtlsServer(toReceiver), Instant.now());
            receiver.receivable(Set.of(SOURCE));
            router.admit(sender.party().participant().toString(), Set.of(SOURCE), sender);
            router.admit(receiver.party().participant().toString(), Set.of(), receiver);

            long[] sentAt = new long[packets.length];
            long[] took = new long[packets.length];
            int[] received = new int[1];
            long[] lastArrival = new long[1];
            Thread gateway = new Thread(() -> {
                byte[] buffer = new byte[1500];
                try {
                    while (true) {
                        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                        gatewaySocket.receive(datagram);
                        sender.received(Arrays.copyOf(buffer, datagram.getLength()), (InetSocketAddress) datagram.getSocketAddress());
                    }
                } catch (IOException finished) {
                    // the socket timed out or closed: the run is over
                }
            });
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[1500];
                try {
                    while (true) {
                        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
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
            gateway.start();
            reader.start();
            InetSocketAddress gatewayAddress = (InetSocketAddress) gatewaySocket.getLocalSocketAddress();
            long interval = pacedRate > 0 ? (long) (1e9 / pacedRate) : 0;
            long began = System.nanoTime();
            for (int i = 0; i < packets.length; i++) {
                long due = began + i * interval;
                if (interval > 0 && System.nanoTime() < due) {
                    // Sleeping, not spinning, so the sender leaves the cores to the gateway and the receiver; a packet
                    // that falls due while it sleeps goes when it wakes, and its time counts from then.
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                sentAt[i] = System.nanoTime();
                senderSocket.send(new DatagramPacket(packets[i], packets[i].length, gatewayAddress));
            }
            reader.join();
            double seconds = (lastArrival[0] - began) / 1e9;
            gateway.join();
            sender.close();
            receiver.close();
            long[] sorted = Arrays.copyOf(took, received[0]);
            Arrays.sort(sorted);
            return new LoopbackRun(received[0] / seconds, 100.0 * (packets.length - received[0]) / packets.length,
                    sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0);
        }
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
            media.sendingTo(datagram -> delivered[0]++);
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
        for (int i = 0; i < 2 * 50 * seconds; i++) {
            for (int p = 0; p < participants; p++) {
                pipelines.get(p).received(sent.get(p)[i].clone(), BROWSER);
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
    private byte[][] protectedPackets(SrtpKeyingMaterial keys) {
        byte[][] packets = new byte[PACKETS][];
        byte[] payload = new byte[PAYLOAD_BYTES];
        random.nextBytes(payload);
        try (SrtpSession browser = SrtpSession.forDtlsClient(keys)) {
            for (int i = 0; i < PACKETS; i++) {
                byte[] plain = ByteBuffer.allocate(12 + PAYLOAD_BYTES).put((byte) 0x80).put((byte) 96).putShort((short) i)
                        .putInt(i * 3000).putInt((int) SOURCE).put(payload).array();
                packets[i] = ((SrtpResult.Done) browser.protectRtp(plain, 0, plain.length)).packet();
            }
        }
        return packets;
    }

    private SrtpKeyingMaterial keys(SrtpProfile profile) {
        byte[] material = new byte[profile.keyingMaterialBytes()];
        random.nextBytes(material);
        return SrtpKeyingMaterial.split(profile, material);
    }

    private static double rate(long packets, long beganNanos) {
        return packets / ((System.nanoTime() - beganNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
