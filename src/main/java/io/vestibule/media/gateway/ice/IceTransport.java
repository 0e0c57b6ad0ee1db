package io.vestibule.media.gateway.ice;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;

/**
 * One participant's ICE transport: an ice4j agent in the controlled role (the browser controls) with a single
 * component (rtcp-mux, BUNDLE), whose one host candidate is a shared UDP port of {@link IcePorts}.
 *
 * <p>Flow: {@link #local()} goes into our SDP; {@link #setRemoteCredentials} takes the browser's ufrag and password;
 * {@link #start()} lets the checks run. {@link #connected()} completes with the selected remote address, or fails with
 * an {@link IceFailure}. Datagrams that are not STUN reach the listener only from remote addresses whose pair passed a
 * check of ours; {@link #send} goes to the selected pair. Once connected, the transport ends when the peer stops
 * answering consent checks (RFC 7675); {@link #ended()} says why.
 */
public final class IceTransport implements AutoCloseable {
    private static final String STREAM_NAME = "media";

    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    private final Optional<InetAddress> advertisedAddress;
    private final Duration timeout;
    private final DatagramListener listener;
    private final Consumer<IceTransport> released;

    private final Set<InetSocketAddress> validatedRemotes = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<InetSocketAddress> connected = new CompletableFuture<>();
    private final CompletableFuture<IceEnd> ended = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean freed = new AtomicBoolean();
    private final AtomicReference<IceEnd> endReason = new AtomicReference<>();
    private final LongAdder droppedUnvalidated = new LongAdder();
    private final PropertyChangeListener stateListener = this::stateChanged;
    private final PropertyChangeListener pairListener = this::pairChanged;

    IceTransport(CandidateHarvester port, Optional<InetAddress> advertisedAddress, Duration timeout,
            DatagramListener listener, Consumer<IceTransport> released) throws IOException {
        this.advertisedAddress = advertisedAddress;
        this.timeout = timeout;
        this.listener = listener;
        this.released = released;
        this.agent = new Agent();
        try {
            agent.setControlling(false);
            agent.setUseDynamicPorts(false);
            agent.setPerformConsentFreshness(true);
            agent.addCandidateHarvester(port);
            stream = agent.createMediaStream(STREAM_NAME);
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
        if (component.getLocalCandidateCount() == 0) {
            agent.free();
            throw new IOException("The shared UDP port gave no host candidate");
        }
        component.setBufferCallback(this::fromNetwork);
        agent.addStateChangeListener(stateListener);
        stream.addPairChangeListener(pairListener);
    }

    /** Our credentials and candidates, for the SDP and for trickle. */
    public LocalIceDescription local() {
        List<String> candidates = component.getLocalCandidates().stream()
                .map(candidate -> new CandidateLine(candidate.getFoundation(), component.getComponentID(), "udp",
                        candidate.getPriority(), advertisedAddress.orElse(candidate.getTransportAddress().getAddress()).getHostAddress(),
                        candidate.getTransportAddress().getPort(), "host").toString())
                .toList();
        return new LocalIceDescription(agent.getLocalUfrag(), agent.getLocalPassword(), candidates);
    }

    /**
     * The browser's ICE credentials from its SDP. Its candidates are not needed, and ice4j could not use them: a shared
     * port has a socket towards a remote address only once that address has sent it a STUN request, so the gateway
     * answers the browser's checks and learns its address from them (peer-reflexive), as Jitsi Videobridge does.
     */
    public void setRemoteCredentials(String ufrag, String password) {
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
    }

    /** Lets the checks run: the browser's are answered, ours follow them. The ICE timeout runs from here. */
    public void start() {
        if (stream.getRemoteUfrag() == null || stream.getRemotePassword() == null) {
            throw new IllegalStateException("The browser's ICE credentials are needed before the checks start");
        }
        if (endReason.get() != null || !started.compareAndSet(false, true)) {
            return;
        }
        agent.startConnectivityEstablishment();
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!connected.isDone()) {
                endAndFree(IceEnd.TIMED_OUT);
            }
        });
    }

    /** The selected remote address once a pair is selected; an {@link IceFailure} if the transport ends before. */
    public CompletableFuture<InetSocketAddress> connected() {
        return connected.copy();
    }

    /** Completes once, when the transport has ended and released its agent and port registration, with why. */
    public CompletableFuture<IceEnd> ended() {
        return ended.copy();
    }

    /** Sends {@code datagram[offset, offset + length)} to the selected (or, before selection, a validated) remote address. */
    public void send(byte[] datagram, int offset, int length) throws IOException {
        IceEnd end = endReason.get();
        if (end != null) {
            throw new IOException("The ICE transport has ended: " + end);
        }
        component.send(datagram, offset, length);
    }

    /** Datagrams dropped because their source had not been validated by ICE. */
    public long droppedFromUnvalidatedAddresses() {
        return droppedUnvalidated.sum();
    }

    /** Ends the transport and frees its agent and its registration on the shared port. */
    @Override
    public void close() {
        end(IceEnd.CLOSED);
        free();
    }

    /** Owns the buffer: gives it back once the listener has returned; ice4j gives it back if the listener throws. */
    private void fromNetwork(Buffer buffer) {
        InetSocketAddress from = (InetSocketAddress) buffer.getRemoteAddress();
        if (endReason.get() == null) {
            // ice4j passes on payload from any address that once sent a STUN request with our ufrag, authenticated or not.
            if (from == null || !validatedRemotes.contains(from)) {
                droppedUnvalidated.increment();
            } else {
                listener.received(buffer.getBuffer(), buffer.getOffset(), buffer.getLength(), from);
            }
        }
        BufferPool.returnBuffer.invoke(buffer);
    }

    private void stateChanged(PropertyChangeEvent event) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
            return;
        }
        IceProcessingState from = (IceProcessingState) event.getOldValue();
        IceProcessingState to = (IceProcessingState) event.getNewValue();
        if (to == IceProcessingState.COMPLETED) {
            CandidatePair selected = component.getSelectedPair();
            if (selected == null) {
                endSoon(IceEnd.CHECKS_FAILED);
                return;
            }
            InetSocketAddress remote = selected.getRemoteCandidate().getTransportAddress();
            validatedRemotes.add(remote);
            connected.complete(remote);
        } else if (to == IceProcessingState.FAILED || (from == IceProcessingState.RUNNING && to == IceProcessingState.TERMINATED)) {
            endSoon(IceEnd.CHECKS_FAILED);
        }
    }

    private void pairChanged(PropertyChangeEvent event) {
        if (!(event.getSource() instanceof CandidatePair pair)) {
            return;
        }
        if (IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(event.getPropertyName())) {
            validatedRemotes.add(pair.getRemoteCandidate().getTransportAddress());
        } else if (IceMediaStream.PROPERTY_PAIR_STATE_CHANGED.equals(event.getPropertyName())
                && event.getNewValue() == CandidatePairState.FAILED
                && connected.isDone() && pair == component.getSelectedPair()) {
            // Once connected, only a consent check (RFC 7675) on the selected pair can fail it.
            endSoon(IceEnd.CONSENT_EXPIRED);
        }
    }

    /** Called from ice4j's own threads, which must not free the agent they are running for. */
    private void endSoon(IceEnd reason) {
        if (end(reason)) {
            CompletableFuture.runAsync(this::free);
        }
    }

    private void endAndFree(IceEnd reason) {
        end(reason);
        free();
    }

    private boolean end(IceEnd reason) {
        if (!endReason.compareAndSet(null, reason)) {
            return false;
        }
        connected.completeExceptionally(new IceFailure(reason));
        return true;
    }

    private void free() {
        if (!freed.compareAndSet(false, true)) {
            return;
        }
        agent.removeStateChangeListener(stateListener);
        stream.removePairStateChangeListener(pairListener);
        agent.free();
        validatedRemotes.clear();
        released.accept(this);
        ended.complete(endReason.get());
    }
}
