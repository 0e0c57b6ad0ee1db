package io.vestibule.media.gateway.srtp;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

import io.vestibule.media.gateway.SrtpKeyingMaterial;
import io.vestibule.media.gateway.SrtpProfile;
import io.vestibule.media.gateway.packet.NetworkOrder;

/**
 * SRTP and SRTCP for one participant's DTLS association (RFC 3711, RFC 7714), keyed from the DTLS exporter: protects
 * what goes to the participant and unprotects what comes from it, one jitsi-srtp context per SSRC and direction.
 * Every outcome is a {@link SrtpResult}; no exception leaves the four packet methods, whatever the input.
 *
 * <p>A context is kept for an SSRC only once a packet of that SSRC authenticated, so forged packets with made-up
 * SSRCs do not fill the tables; and a participant has at most {@value #MAX_STREAMS_PER_DIRECTION} streams each way.
 */
public final class SrtpSession implements AutoCloseable {
    /** Audio, video with simulcast layers and their retransmission streams come to a few dozen at most. */
    static final int MAX_STREAMS_PER_DIRECTION = 64;

    private static final int RTP_HEADER_BYTES = 12;
    private static final int RTCP_HEADER_BYTES = 8;
    /** The SRTCP index and its E flag, written after the payload. */
    private static final int SRTCP_INDEX_BYTES = 4;
    private static final Logger LOGGER = new LoggerImpl(SrtpSession.class.getName());

    private final SrtpProfile profile;
    private final SrtpContextFactory sending;
    private final SrtpContextFactory receiving;
    private final Map<Long, SrtpCryptoContext> sendingRtp = new ConcurrentHashMap<>();
    private final Map<Long, SrtpCryptoContext> receivingRtp = new ConcurrentHashMap<>();
    private final Map<Long, SrtcpCryptoContext> sendingRtcp = new ConcurrentHashMap<>();
    private final Map<Long, SrtcpCryptoContext> receivingRtcp = new ConcurrentHashMap<>();

    private SrtpSession(SrtpProfile profile, byte[] sendKey, byte[] sendSalt, byte[] receiveKey, byte[] receiveSalt) {
        this.profile = profile;
        this.sending = new SrtpContextFactory(true, sendKey, sendSalt, policy(profile), policy(profile), LOGGER);
        this.receiving = new SrtpContextFactory(false, receiveKey, receiveSalt, policy(profile), policy(profile), LOGGER);
    }

    /** The gateway's side: it is the DTLS server, so it writes with the server's keys and reads the client's. */
    public static SrtpSession forDtlsServer(SrtpKeyingMaterial keys) {
        return new SrtpSession(keys.profile(), keys.serverKey(), keys.serverSalt(), keys.clientKey(), keys.clientSalt());
    }

    /** The participant's side, for tests and synthetic clients: it writes with the client's keys. */
    public static SrtpSession forDtlsClient(SrtpKeyingMaterial keys) {
        return new SrtpSession(keys.profile(), keys.clientKey(), keys.clientSalt(), keys.serverKey(), keys.serverSalt());
    }

    public SrtpProfile profile() {
        return profile;
    }

    public SrtpResult protectRtp(byte[] packet, int offset, int length) {
        if (!inRange(packet, offset, length, RTP_HEADER_BYTES)) {
            return new SrtpResult.Refused(SrtpRefusal.MALFORMED);
        }
        PacketBuffer buffer = new PacketBuffer(packet, offset, length, profile.tagBytes());
        return attempt(buffer, () -> {
            SrtpCryptoContext context = sendingContext(sendingRtp, NetworkOrder.unsigned32(packet, offset + 8),
                    ssrc -> sending.deriveContext(ssrc, 0));
            return context == null ? null : context.transformPacket(buffer);
        });
    }

    public SrtpResult unprotectRtp(byte[] packet, int offset, int length) {
        if (!inRange(packet, offset, length, RTP_HEADER_BYTES + profile.tagBytes())) {
            return new SrtpResult.Refused(SrtpRefusal.MALFORMED);
        }
        PacketBuffer buffer = new PacketBuffer(packet, offset, length, 0);
        long ssrc = NetworkOrder.unsigned32(packet, offset + 8);
        return attempt(buffer, () -> {
            SrtpCryptoContext known = receivingRtp.get(ssrc);
            if (known != null) {
                return known.reverseTransformPacket(buffer, false);
            }
            if (receivingRtp.size() >= MAX_STREAMS_PER_DIRECTION) {
                return null;
            }
            SrtpCryptoContext fresh = receiving.deriveContext((int) ssrc, 0);
            SrtpErrorStatus status = fresh.reverseTransformPacket(buffer, false);
            if (status == SrtpErrorStatus.OK) {
                receivingRtp.putIfAbsent(ssrc, fresh);
            }
            return status;
        });
    }

    public SrtpResult protectRtcp(byte[] packet, int offset, int length) {
        if (!inRange(packet, offset, length, RTCP_HEADER_BYTES)) {
            return new SrtpResult.Refused(SrtpRefusal.MALFORMED);
        }
        PacketBuffer buffer = new PacketBuffer(packet, offset, length, SRTCP_INDEX_BYTES + profile.tagBytes());
        return attempt(buffer, () -> {
            SrtcpCryptoContext context = sendingContext(sendingRtcp, NetworkOrder.unsigned32(packet, offset + 4), sending::deriveControlContext);
            return context == null ? null : context.transformPacket(buffer);
        });
    }

    public SrtpResult unprotectRtcp(byte[] packet, int offset, int length) {
        if (!inRange(packet, offset, length, RTCP_HEADER_BYTES + SRTCP_INDEX_BYTES + profile.tagBytes())) {
            return new SrtpResult.Refused(SrtpRefusal.MALFORMED);
        }
        PacketBuffer buffer = new PacketBuffer(packet, offset, length, 0);
        long ssrc = NetworkOrder.unsigned32(packet, offset + 4);
        return attempt(buffer, () -> {
            SrtcpCryptoContext known = receivingRtcp.get(ssrc);
            if (known != null) {
                return known.reverseTransformPacket(buffer);
            }
            if (receivingRtcp.size() >= MAX_STREAMS_PER_DIRECTION) {
                return null;
            }
            SrtcpCryptoContext fresh = receiving.deriveControlContext((int) ssrc);
            SrtpErrorStatus status = fresh.reverseTransformPacket(buffer);
            if (status == SrtpErrorStatus.OK) {
                receivingRtcp.putIfAbsent(ssrc, fresh);
            }
            return status;
        });
    }

    /** Wipes the master keys; the per-SSRC contexts go with this object. */
    @Override
    public void close() {
        sending.close();
        receiving.close();
        sendingRtp.clear();
        receivingRtp.clear();
        sendingRtcp.clear();
        receivingRtcp.clear();
    }

    @Override
    public String toString() {
        return "SrtpSession[" + profile + ", " + receivingRtp.size() + " incoming and " + sendingRtp.size() + " outgoing RTP streams]";
    }

    /** The jitsi-srtp policy of a profile: AES-GCM authenticates by itself, AES-CM with an HMAC-SHA1 key of 160 bits. */
    private static SrtpPolicy policy(SrtpProfile profile) {
        return profile.aead()
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyBytes(), SrtpPolicy.NULL_AUTHENTICATION, 0,
                        profile.tagBytes(), profile.saltBytes())
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyBytes(), SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
                        profile.tagBytes(), profile.saltBytes());
    }

    private interface Transform {
        /** The status, or null when the stream limit refused the packet. */
        SrtpErrorStatus apply() throws GeneralSecurityException;
    }

    private interface ContextDerivation<C> {
        C derive(int ssrc) throws GeneralSecurityException;
    }

    private static <C> C sendingContext(Map<Long, C> contexts, long ssrc, ContextDerivation<C> derivation)
            throws GeneralSecurityException {
        C known = contexts.get(ssrc);
        if (known != null || contexts.size() >= MAX_STREAMS_PER_DIRECTION) {
            return known;
        }
        C fresh = derivation.derive((int) ssrc);
        C raced = contexts.putIfAbsent(ssrc, fresh);
        return raced == null ? fresh : raced;
    }

    private static SrtpResult attempt(PacketBuffer buffer, Transform transform) {
        SrtpErrorStatus status;
        try {
            status = transform.apply();
        } catch (GeneralSecurityException | RuntimeException e) {
            // Garbage can make the library index outside the packet; it is a refusal like any other.
            return new SrtpResult.Refused(SrtpRefusal.FAILED);
        }
        if (status == null) {
            return new SrtpResult.Refused(SrtpRefusal.TOO_MANY_STREAMS);
        }
        return switch (status) {
            case OK -> new SrtpResult.Done(buffer.bytes());
            case AUTH_FAIL -> new SrtpResult.Refused(SrtpRefusal.AUTHENTICATION_FAILED);
            case REPLAY_FAIL, REPLAY_OLD -> new SrtpResult.Refused(SrtpRefusal.REPLAYED);
            case INVALID_PACKET -> new SrtpResult.Refused(SrtpRefusal.MALFORMED);
            case FAIL -> new SrtpResult.Refused(SrtpRefusal.FAILED);
        };
    }

    private static boolean inRange(byte[] packet, int offset, int length, int minimum) {
        return packet != null && offset >= 0 && length >= minimum && offset <= packet.length - length;
    }
}
