package io.vestibule.media.gateway.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The gateway's DTLS 1.2 server for one participant (RFC 5764; the gateway answers a=setup:passive, RFC 5763), over
 * no socket: DTLS datagrams come in through {@link #receive(byte[])}, from whatever demultiplexes the media port,
 * and go out through the callback given at construction. So two stacks can be handshaken against each other in
 * memory.
 *
 * <p>The handshake blocks a thread of the executor given to {@link #start(Executor)} until it succeeds, fails or its
 * deadline passes; the future always completes normally, with a {@link DtlsOutcome}. Once established, datagrams
 * that still arrive (a client retransmitting its last flight, an alert, application data that this gateway does not
 * carry yet) are handled on the thread that hands them in.
 */
public final class DtlsServerEndpoint implements AutoCloseable {
    private final DatagramQueue transport;
    private final DtlsSettingsSource settings;
    private final JcaTlsCrypto crypto;
    private final GatewayCertificate certificate;
    private final CertificateFingerprint expectedPeer;
    private final CryptoPolicy policy;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Object established = new Object();
    private final byte[] applicationData = new byte[DatagramQueue.RECEIVE_LIMIT];
    private volatile DTLSTransport association;
    private volatile boolean closed;

    /**
     * @param settings asked once, when the handshake begins (see {@link #start(Executor)})
     * @param expectedPeer the fingerprint of the participant's {@code a=fingerprint}; any other certificate is refused
     * @param outgoing receives each datagram to send to the participant; called on the handshake thread or on the
     *                 thread in {@link #receive(byte[])}
     */
    public DtlsServerEndpoint(DtlsSettingsSource settings, GatewayCertificate certificate, CertificateFingerprint expectedPeer,
                              Consumer<byte[]> outgoing, SecureRandom random, CryptoPolicy policy) {
        this.crypto = new JcaTlsCryptoProvider().create(random);
        this.transport = new DatagramQueue(outgoing);
        this.settings = settings;
        this.certificate = certificate;
        this.expectedPeer = expectedPeer;
        this.policy = policy;
    }

    /**
     * Runs the handshake on the executor, with the settings in force when a thread of it takes the handshake up; a second
     * call returns a refusal rather than a second handshake.
     */
    public CompletableFuture<DtlsOutcome> start(Executor executor) {
        if (!started.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(new DtlsOutcome.Refused(DtlsFailure.PROTOCOL_ERROR, "the handshake was started already"));
        }
        return CompletableFuture.supplyAsync(this::handshake, executor);
    }

    /**
     * Hands in a datagram the demultiplexer classified as DTLS. Never throws: null, empty and malformed datagrams are
     * dropped here, other garbage is discarded by the DTLS stack, and a full queue drops the datagram.
     */
    public void receive(byte[] datagram) {
        if (datagram == null || datagram.length == 0 || closed) {
            return;
        }
        if (!DtlsRecordScreen.passes(datagram) || !transport.offer(datagram)) {
            dropped.incrementAndGet();
            return;
        }
        DTLSTransport open = association;
        if (open != null) {
            drain(open);
        }
    }

    /** How many datagrams were dropped: malformed records, or the queue was full. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    public boolean isOpen() {
        return association != null && !closed;
    }

    /** Sends close_notify if the association is up, and ends a handshake under way (it ends as CLOSED). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        DTLSTransport open = association;
        if (open != null) {
            try {
                open.close();
            } catch (IOException | RuntimeException e) {
                // The peer may be gone already; there is nobody left to tell.
            }
        }
        transport.close();
    }

    private DtlsOutcome handshake() {
        PolicyTlsServer server;
        try {
            server = new PolicyTlsServer(crypto, settings.current(), certificate, expectedPeer, policy);
        } catch (RuntimeException e) {
            return new DtlsOutcome.Refused(DtlsFailure.PROTOCOL_ERROR, "no DTLS settings to begin with: " + e.getMessage());
        }
        try {
            DTLSTransport accepted = new DTLSServerProtocol().accept(server, transport);
            DtlsOutcome.Established outcome = server.established();
            if (outcome == null) {
                accepted.close();
                return new DtlsOutcome.Refused(DtlsFailure.PROTOCOL_ERROR, "the handshake ended without SRTP keys");
            }
            association = accepted;
            drain(accepted);
            return outcome;
        } catch (IOException | RuntimeException e) {
            return refusal(server, e);
        }
    }

    private DtlsOutcome.Refused refusal(PolicyTlsServer server, Exception e) {
        if (closed || causedBy(e, DatagramQueue.ClosedException.class)) {
            return new DtlsOutcome.Refused(DtlsFailure.CLOSED, "the endpoint was closed during the handshake");
        }
        if (causedBy(e, TlsTimeoutException.class)) {
            return new DtlsOutcome.Refused(DtlsFailure.TIMEOUT, "no handshake within " + server.getHandshakeTimeoutMillis() + " ms");
        }
        if (server.failure() != null) {
            return new DtlsOutcome.Refused(server.failure(), server.failureDetail());
        }
        return new DtlsOutcome.Refused(DtlsFailure.PROTOCOL_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Lets the DTLS stack answer what arrived after the handshake; application data is not carried yet. */
    private void drain(DTLSTransport open) {
        synchronized (established) {
            try {
                while (transport.hasWaiting() && !closed) {
                    open.receive(applicationData, 0, applicationData.length, 1);
                }
            } catch (IOException | RuntimeException e) {
                association = null;
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "DtlsServerEndpoint[" + (closed ? "closed" : association != null ? "established" : started.get() ? "handshaking" : "new") + "]";
    }
}
