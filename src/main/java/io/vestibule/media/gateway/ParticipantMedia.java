package io.vestibule.media.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vestibule.media.gateway.dtls.DtlsServerEndpoint;
import io.vestibule.media.gateway.forward.ConferenceRouter;
import io.vestibule.media.gateway.forward.MediaSink;
import io.vestibule.media.gateway.ice.DatagramListener;
import io.vestibule.media.gateway.ice.IceTransport;
import io.vestibule.media.gateway.negotiation.PayloadTypes;
import io.vestibule.media.gateway.packet.NetworkOrder;
import io.vestibule.media.gateway.packet.PacketClassifier;
import io.vestibule.media.gateway.packet.RtpHeader;
import io.vestibule.media.gateway.srtp.MediaPacket;
import io.vestibule.media.gateway.srtp.SrtpSession;

/**
 * One participant's media through the gateway. Datagrams from its ICE transport are told apart (RFC 7983): DTLS goes
 * to its DTLS endpoint; SRTP and SRTCP are decrypted with its keys, checked, put into the gateway's payload types and
 * handed to the conference's router. What the router forwards to it is put into its payload types, encrypted with its
 * keys and sent on its transport, if it was told of that source. Nothing passes either way before the DTLS handshake
 * has given keys, so media never travels unencrypted and never to someone who did not prove the SDP's certificate.
 */
final class ParticipantMedia implements DatagramListener, MediaSink, AutoCloseable {
    /** A datagram that fits an Ethernet frame, and the SRTCP index and the longest tag protecting adds. */
    private static final int MAXIMUM_PROTECTED_BYTES = 1500 + 4 + 16;

    private final MediaParty party;
    private final String participant;
    private final ConferenceRouter router;
    private final MediaTraffic traffic = new MediaTraffic();
    /**
     * Decryption and encryption each keep per-source state that is not safe for two threads at once, and each reuses
     * one packet: the datagram being decrypted, and the copy being encrypted for this participant.
     */
    private final Object decrypting = new Object();
    private final Object encrypting = new Object();
    private final MediaPacket incoming = new MediaPacket(0);
    private final MediaPacket outgoing = new MediaPacket(MAXIMUM_PROTECTED_BYTES);
    private volatile PayloadTypes types;
    private volatile Set<Long> receivable = Set.of();
    private volatile IceTransport transport;
    private volatile DatagramOut network;
    private volatile DtlsServerEndpoint dtls;
    private volatile SrtpSession keys;
    private volatile Instant keyedAt;
    private final AtomicBoolean closed = new AtomicBoolean();

    ParticipantMedia(MediaParty party, ConferenceRouter router, PayloadTypes types) {
        this.party = party;
        this.participant = party.participant().toString();
        this.router = router;
        this.types = types;
    }

    /** Where datagrams for the participant go: its ICE transport (or, in a benchmark, a counter). */
    interface DatagramOut {
        /** Sends {@code datagram[offset, offset + length)}; the array is reused once this returns. */
        void send(byte[] datagram, int offset, int length) throws IOException;
    }

    /** The transport and the DTLS endpoint on it, made once this pipeline could be their listener. */
    void attach(IceTransport transport, DtlsServerEndpoint dtls) {
        this.transport = transport;
        this.network = transport::send;
        this.dtls = dtls;
    }

    /** The handshake gave keys: media may pass. */
    void keyed(SrtpSession keys, Instant at) {
        this.keyedAt = at;
        this.keys = keys;
    }

    /** When the keys came, if they did: the media connection's start, for its call record. */
    Optional<Instant> keyedAt() {
        return Optional.ofNullable(keyedAt);
    }

    /** A new offer may have numbered the codecs anew. */
    void payloadTypes(PayloadTypes types) {
        this.types = types;
    }

    /** The sources this participant's last answer told it of: only those are sent to it. */
    void receivable(Set<Long> sources) {
        this.receivable = Set.copyOf(sources);
    }

    MediaParty party() {
        return party;
    }

    /** The browser's address as ICE selected it, once connected. */
    Optional<InetSocketAddress> remote() {
        IceTransport connected = transport;
        return connected == null ? Optional.empty()
                : Optional.ofNullable(connected.connected().exceptionally(failure -> null).getNow(null));
    }

    MediaTraffic.Totals traffic() {
        return traffic.totals();
    }

    /** Sends datagrams elsewhere than to an ICE transport: the forwarding benchmark measures the pipeline alone. */
    void sendingTo(DatagramOut out) {
        this.network = out;
    }

    /** Sends one of the DTLS endpoint's records on the transport. */
    void toNetwork(byte[] record) {
        toNetwork(record, 0, record.length);
    }

    private void toNetwork(byte[] datagram, int offset, int length) {
        DatagramOut out = network;
        if (out == null) {
            return;
        }
        try {
            out.send(datagram, offset, length);
            traffic.sent(length);
        } catch (IOException e) {
            traffic.dropped();
        }
    }

    /** The datagram is read during this call only: RTP and RTCP are decrypted in its array, DTLS records copied. */
    @Override
    public void received(byte[] datagram, int offset, int length, InetSocketAddress from) {
        switch (PacketClassifier.classify(datagram, offset, length)) {
            case DTLS -> {
                DtlsServerEndpoint endpoint = dtls;
                if (endpoint != null) {
                    endpoint.receive(Arrays.copyOfRange(datagram, offset, offset + length));
                }
            }
            case RTP -> fromParticipant(datagram, offset, length, false);
            case RTCP -> fromParticipant(datagram, offset, length, true);
            default -> traffic.dropped();
        }
    }

    private void fromParticipant(byte[] datagram, int offset, int length, boolean control) {
        SrtpSession session = keys;
        if (session == null) {
            traffic.dropped();
            return;
        }
        int plainOffset;
        int plainLength;
        byte[] plain;
        synchronized (decrypting) {
            if (keys == null) {
                return;
            }
            incoming.wrap(datagram, offset, length);
            if ((control ? session.unprotectRtcp(incoming) : session.unprotectRtp(incoming)).isPresent()) {
                traffic.dropped();
                return;
            }
            plain = incoming.getBuffer();
            plainOffset = incoming.getOffset();
            plainLength = incoming.getLength();
        }
        traffic.received(length);
        if (control) {
            router.rtcpFrom(participant, plain, plainOffset, plainLength);
            return;
        }
        if (!(RtpHeader.read(plain, plainOffset, plainLength) instanceof RtpHeader.Sane sane)) {
            traffic.dropped();
            return;
        }
        OptionalInt forwarded = types.toGateway(sane.header().payloadType());
        if (forwarded.isEmpty()) {
            traffic.dropped();
            return;
        }
        plain[plainOffset + 1] = (byte) (plain[plainOffset + 1] & 0x80 | forwarded.getAsInt());
        router.rtpFrom(participant, sane.header().ssrc(), plain, plainOffset, plainLength);
    }

    @Override
    public void forwardRtp(byte[] packet, int offset, int length) {
        if (keys == null || !receivable.contains(NetworkOrder.unsigned32(packet, offset + 8))) {
            return;
        }
        OptionalInt own = types.fromGateway(packet[offset + 1] & 0x7F);
        if (own.isEmpty()) {
            return;
        }
        synchronized (encrypting) {
            outgoing.fill(packet, offset, length);
            byte[] copy = outgoing.getBuffer();
            copy[1] = (byte) (copy[1] & 0x80 | own.getAsInt());
            protectAndSend(false);
        }
    }

    @Override
    public void forwardRtcp(byte[] packet, int offset, int length) {
        if (keys == null) {
            return;
        }
        synchronized (encrypting) {
            outgoing.fill(packet, offset, length);
            protectAndSend(true);
        }
    }

    /** Encrypts {@link #outgoing} and sends it; the caller holds {@link #encrypting}, for the packet is reused. */
    private void protectAndSend(boolean control) {
        SrtpSession session = keys;
        if (session == null) {
            return;
        }
        if ((control ? session.protectRtcp(outgoing) : session.protectRtp(outgoing)).isPresent()) {
            traffic.dropped();
            return;
        }
        toNetwork(outgoing.getBuffer(), outgoing.getOffset(), outgoing.getLength());
    }

    /**
     * Stops forwarding from and to the participant and releases its transport, its DTLS association and its keys.
     *
     * @return whether this call closed it (false when it was closed already)
     */
    boolean end() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        close();
        return true;
    }

    @Override
    public void close() {
        closed.set(true);
        router.remove(participant);
        DtlsServerEndpoint endpoint = dtls;
        if (endpoint != null) {
            endpoint.close();
        }
        IceTransport out = transport;
        if (out != null) {
            out.close();
        }
        synchronized (decrypting) {
            synchronized (encrypting) {
                SrtpSession session = keys;
                keys = null;
                if (session != null) {
                    session.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ParticipantMedia[" + participant + "]";
    }
}
