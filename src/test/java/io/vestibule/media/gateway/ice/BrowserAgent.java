package io.vestibule.media.gateway.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.ice4j.socket.StunDatagramPacketFilter;

/**
 * The browser's side in tests: a plain ice4j agent in the controlling role with one host candidate, its own socket on
 * 127.0.0.1 (made here rather than by ice4j's host harvester, which would bind every interface), that sends checks and
 * nominates a pair as Chromium does.
 */
final class BrowserAgent implements AutoCloseable {
    private final MultiplexingDatagramSocket socket;
    private final DatagramSocket payload;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final CompletableFuture<Void> completed = new CompletableFuture<>();

    BrowserAgent() throws IOException {
        socket = new MultiplexingDatagramSocket(0, InetAddress.getLoopbackAddress());
        payload = socket.getSocket(packet -> !StunDatagramPacketFilter.isStunPacket(packet));
        agent = new Agent();
        agent.setControlling(true);
        agent.setUseDynamicPorts(false);
        agent.setPerformConsentFreshness(true);
        stream = agent.createMediaStream("media");
        component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        HostCandidate host = new HostCandidate(new IceUdpSocketWrapper(socket), component, Transport.UDP);
        component.addLocalCandidate(host);
        host.getStunStack().addSocket(host.getStunSocket(null));
        agent.addStateChangeListener(event -> {
            if (event.getNewValue() == IceProcessingState.COMPLETED) {
                completed.complete(null);
            }
        });
    }

    String ufrag() {
        return agent.getLocalUfrag();
    }

    String password() {
        return agent.getLocalPassword();
    }

    List<String> candidates() {
        return component.getLocalCandidates().stream()
                .map(candidate -> new CandidateLine(candidate.getFoundation(), 1, "udp", candidate.getPriority(),
                        candidate.getTransportAddress().getHostString(), candidate.getTransportAddress().getPort(), "host").toString())
                .toList();
    }

    /** Starts checks towards the gateway, using the credentials and candidates of its SDP. */
    void connectTo(LocalIceDescription gateway) {
        connectTo(gateway.ufrag(), gateway.password(), gateway.candidates());
    }

    private void connectTo(String ufrag, String password, List<String> candidates) {
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
        for (String text : candidates) {
            CandidateLine line = CandidateLine.parse(text).orElseThrow();
            component.addRemoteCandidate(new RemoteCandidate(
                    new TransportAddress(line.address(), line.port(), Transport.UDP), component,
                    CandidateType.parse(line.type()), line.foundation(), line.priority(), null));
        }
        agent.startConnectivityEstablishment();
    }

    CompletableFuture<Void> completed() {
        return completed;
    }

    void send(byte[] datagram) throws IOException {
        component.send(datagram, 0, datagram.length);
    }

    /** The next datagram that is not STUN, or null when none came in time. */
    byte[] receive(Duration timeout) throws IOException {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        payload.setSoTimeout((int) timeout.toMillis());
        try {
            payload.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** Stops answering and sending anything, as a browser whose tab was closed. */
    @Override
    public void close() {
        agent.free();
        socket.close();
    }
}
