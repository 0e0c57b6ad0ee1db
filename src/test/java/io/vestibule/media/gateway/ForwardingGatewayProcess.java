package io.vestibule.media.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import io.vestibule.media.gateway.forward.ConferenceRouter;
import io.vestibule.media.gateway.forward.ForwardingCounters;
import io.vestibule.media.gateway.negotiation.PayloadTypes;
import io.vestibule.media.gateway.srtp.SrtpSession;

/**
 * The gateway's side of {@link MediaForwardingBenchmark}'s run over loopback, in a JVM of its own started with the
 * options a deployment uses, so the synthetic sender and receiver (in the benchmark's JVM) and the gateway pause
 * only for their own reasons. It binds a UDP socket on loopback and prints {@code gateway <port>}; then, per line on
 * its standard input:
 * <ul>
 * <li>{@code pipeline <profile> <sender's keying material> <receiving port> <a receiver's keying material>…}: a
 * fresh sender pipeline ({@link ParticipantMedia}) and one per receiver in one conference, so each run starts with
 * clean replay windows; every receiver's packets go to the one receiving port; answers {@code ready};</li>
 * <li>{@code relay <receiver's port>}: from now on each datagram goes to the receiver as it came, on the same thread
 * and socket, with no pipeline: the yardstick of the time the sockets and the scheduler take; answers {@code ready};</li>
 * <li>{@code collections}: answers {@code collections <count> <milliseconds> <nanoseconds>}, the JVM's garbage
 * collections so far and the CPU time of the receiving thread so far;
 * far.</li>
 * </ul>
 * It ends when its standard input closes. One thread receives and forwards, as the ICE transport's reader does.
 */
public final class ForwardingGatewayProcess {
    private static final int WARM_UP_PACKETS = 50_000;
    private static final PayloadTypes CHROMIUM = new PayloadTypes(111, "", 96, OptionalInt.of(97));

    private final DatagramSocket socket;
    private volatile ParticipantMedia sender;
    private volatile InetSocketAddress relayTo;
    private volatile boolean open = true;
    private Thread reader;

    private ForwardingGatewayProcess(DatagramSocket socket) {
        this.socket = socket;
    }

    public static void main(String[] args) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(8 << 20);
            socket.setSoTimeout(200);
            ForwardingGatewayProcess gateway = new ForwardingGatewayProcess(socket);
            warmUp();
            gateway.reader = new Thread(gateway::forward, "gateway-reader");
            gateway.reader.start();
            System.out.println("gateway " + socket.getLocalPort());
            System.out.flush();
            gateway.obey(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)));
            gateway.open = false;
            gateway.reader.join();
        }
    }

    /**
     * Runs packets through a pipeline of its own first, so the JIT has compiled the path and jitsi-srtp has chosen its
     * AES (it times the providers on first use, for seconds) before the first run's packets arrive.
     */
    private static void warmUp() {
        byte[] material = new byte[SrtpProfile.SRTP_AEAD_AES_128_GCM.keyingMaterialBytes()];
        new SecureRandom().nextBytes(material);
        SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(SrtpProfile.SRTP_AEAD_AES_128_GCM, material);
        ConferenceRouter router = new ConferenceRouter(16, new ForwardingCounters());
        UUID conference = UUID.randomUUID();
        try (ParticipantMedia from = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
             ParticipantMedia to = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM)) {
            connect(router, from, to, keys, keys);
            to.sendingTo((datagram, offset, length) -> { });
            InetSocketAddress browser = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
            for (byte[] packet : MediaForwardingBenchmark.protectedPackets(keys, WARM_UP_PACKETS)) {
                from.received(packet, 0, packet.length, browser);
            }
        }
    }

    private void obey(BufferedReader commands) throws IOException {
        HexFormat hex = HexFormat.of();
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "pipeline" -> {
                    SrtpProfile profile = SrtpProfile.valueOf(words[1]);
                    List<SrtpKeyingMaterial> receivers = Arrays.stream(words, 4, words.length)
                            .map(material -> SrtpKeyingMaterial.split(profile, hex.parseHex(material))).toList();
                    pipeline(SrtpKeyingMaterial.split(profile, hex.parseHex(words[2])), receivers,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(words[3])));
                    System.out.println("ready");
                }
                case "relay" -> {
                    relayTo = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(words[1]));
                    System.out.println("ready");
                }
                case "collections" -> {
                    long[] collections = MediaForwardingBenchmark.collections();
                    System.out.println("collections " + collections[0] + " " + collections[1] + " "
                            + ManagementFactory.getThreadMXBean().getThreadCpuTime(reader.getId()));
                }
                default -> System.out.println("unknown " + words[0]);
            }
            System.out.flush();
        }
    }

    /** One sender forwarded to each of the receivers, every receiver's packets sent to the one receiving socket. */
    private void pipeline(SrtpKeyingMaterial fromSender, List<SrtpKeyingMaterial> toReceivers, InetSocketAddress receiverAddress) {
        ParticipantMedia previous = sender;
        if (previous != null) {
            previous.close();
        }
        ConferenceRouter router = new ConferenceRouter(16, new ForwardingCounters());
        UUID conference = UUID.randomUUID();
        ParticipantMedia from = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
        DatagramPacket out = new DatagramPacket(new byte[0], 0, receiverAddress);
        for (SrtpKeyingMaterial toReceiver : toReceivers) {
            ParticipantMedia to = new ParticipantMedia(new MediaParty(conference, null, UUID.randomUUID()), router, CHROMIUM);
            to.sendingTo((datagram, offset, length) -> {
                out.setData(datagram, offset, length);
                socket.send(out);
            });
            connect(router, from, to, fromSender, toReceiver);
        }
        sender = from;
        relayTo = null;
    }

    /** The sender's source admitted, forwarded to the receiver, each with its keys. */
    static void connect(ConferenceRouter router, ParticipantMedia from, ParticipantMedia to, SrtpKeyingMaterial fromSender,
                                SrtpKeyingMaterial toReceiver) {
        from.keyed(SrtpSession.forDtlsServer(fromSender), Instant.now());
        to.keyed(SrtpSession.forDtlsServer(toReceiver), Instant.now());
        to.receivable(Set.of(MediaForwardingBenchmark.SOURCE));
        try {
            router.admit(from.party().participant().toString(), Set.of(MediaForwardingBenchmark.SOURCE), from);
            router.admit(to.party().participant().toString(), Set.of(), to);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Receives and forwards until the process is told to end; each datagram is copied into one reused array, as ice4j
     * copies it into one of the arrays the gateway lends it.
     */
    private void forward() {
        byte[] buffer = new byte[1500];
        byte[] lent = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (open) {
            try {
                datagram.setData(buffer);
                socket.receive(datagram);
                InetSocketAddress relay = relayTo;
                ParticipantMedia from = sender;
                if (relay != null) {
                    datagram.setSocketAddress(relay);
                    socket.send(datagram);
                } else if (from != null) {
                    System.arraycopy(buffer, 0, lent, 0, datagram.getLength());
                    from.received(lent, 0, datagram.getLength(), (InetSocketAddress) datagram.getSocketAddress());
                }
            } catch (SocketTimeoutException idle) {
                // nothing sent for a while: look whether the run is over
            } catch (IOException e) {
                throw new IllegalStateException("The gateway's socket failed", e);
            }
        }
    }
}
