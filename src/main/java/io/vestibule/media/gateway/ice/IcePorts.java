package io.vestibule.media.gateway.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;

/**
 * The gateway's UDP ports for ICE, one per process: every port of {@link MediaSettings} is bound once and shared by
 * all participants, whose packets ice4j tells apart by the ICE ufrag of their first STUN request and then by their
 * address (Jitsi Videobridge's single-port model). A new transport takes the port with the fewest participants.
 */
public final class IcePorts implements AutoCloseable {
    private final MediaSettings settings;
    private final List<Port> ports;
    private final Set<IceTransport> open = ConcurrentHashMap.newKeySet();

    private IcePorts(MediaSettings settings, List<Port> ports) {
        this.settings = settings;
        this.ports = List.copyOf(ports);
    }

    /** Binds every configured port; nothing stays bound if one of them cannot be. */
    public static IcePorts bind(MediaSettings settings) throws IOException {
        Ice4jSetup.apply(settings.consentTimeout());
        List<Port> bound = new ArrayList<>();
        try {
            for (int port = settings.firstPort(); port <= settings.lastPort(); port++) {
                bound.add(new Port(bindOne(settings, port)));
            }
        } catch (IOException | RuntimeException e) {
            bound.forEach(port -> port.harvester.close());
            throw e;
        }
        return new IcePorts(settings, bound);
    }

    private static SinglePortUdpHarvester bindOne(MediaSettings settings, int port) throws IOException {
        try {
            return new PeerFilteringHarvester(new TransportAddress(settings.bindAddress(), port, Transport.UDP),
                    remote -> settings.allowsPeer(remote.getAddress()));
        } catch (IOException e) {
            throw new IOException("Cannot bind UDP " + settings.bindAddress().getHostAddress() + ":" + port
                    + " for media (" + MediaSettings.environmentName(MediaSettings.PORT) + "): " + e.getMessage(), e);
        }
    }

    /** A participant's transport on the least used port; close it when the participant leaves. */
    public IceTransport newTransport(DatagramListener listener) throws IOException {
        Port port = ports.stream().min(Comparator.comparingInt(candidate -> candidate.transports.get())).orElseThrow();
        port.transports.incrementAndGet();
        IceTransport transport;
        try {
            transport = new IceTransport(port.harvester, settings.advertisedAddress(), settings.iceTimeout(), listener, released -> {
                port.transports.decrementAndGet();
                open.remove(released);
            });
        } catch (IOException | RuntimeException e) {
            port.transports.decrementAndGet();
            throw e;
        }
        open.add(transport);
        return transport;
    }

    /** Transports created and not yet ended and freed. */
    public int openTransports() {
        return open.size();
    }

    /** The bound UDP addresses, one per port. */
    public List<InetSocketAddress> localAddresses() {
        return ports.stream().map(port -> (InetSocketAddress) port.harvester.getLocalAddress()).toList();
    }

    /** Closes every open transport, then the ports. */
    @Override
    public void close() {
        List.copyOf(open).forEach(IceTransport::close);
        ports.forEach(port -> port.harvester.close());
    }

    private static final class Port {
        final SinglePortUdpHarvester harvester;
        final AtomicInteger transports = new AtomicInteger();

        Port(SinglePortUdpHarvester harvester) {
            this.harvester = harvester;
        }
    }
}
