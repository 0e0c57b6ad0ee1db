package io.vestibule.media.gateway.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * Packets are transformed in place ({@link MediaPacket}); the forms on arrays work on a copy. Every outcome is an
 * answer; no exception leaves a packet method, whatever the input.
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
    private static final Map<SrtpRefusal, Optional<SrtpRefusal>> REFUSALS = Arrays.stream(SrtpRefusal.values())
            .collect(Collectors.toUnmodifiableMap(reason -> reason, Optional::of));

    static {
        FipsModuleCiphers.selectInFipsMode();
    }

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

    /** Protects an RTP packet in place, appending its tag; empty when done, else why not. */
    public Optional<SrtpRefusal> protectRtp(MediaPacket packet) {
        if (!inRange(packet, RTP_HEADER_BYTES)) {
            return refused(SrtpRefusal.MALFORMED);
        }
        try {
            SrtpCryptoContext context = sendingContext(sendingRtp, ssrc(packet, 8), ssrc -> sending.deriveContext(ssrc, 0));
            return context == null ? refused(SrtpRefusal.TOO_MANY_STREAMS) : outcome(context.transformPacket(packet));
        } catch (GeneralSecurityException | RuntimeException e) {
            return refused(SrtpRefusal.FAILED);
        }
    }

    /** Checks and decrypts an SRTP packet in place, dropping its tag; empty when done, else why not. */
    public Optional<SrtpRefusal> unprotectRtp(MediaPacket packet) {
        if (!inRange(packet, RTP_HEADER_BYTES + profile.tagBytes())) {
            return refused(SrtpRefusal.MALFORMED);
        }
        long ssrc = ssrc(packet, 8);
        try {
            SrtpCryptoContext known = receivingRtp.get(ssrc);
            if (known != null) {
                return outcome(known.reverseTransformPacket(packet, false));
            }
            if (receivingRtp.size() >= MAX_STREAMS_PER_DIRECTION) {
                return refused(SrtpRefusal.TOO_MANY_STREAMS);
            }
            SrtpCryptoContext fresh = receiving.deriveContext((int) ssrc, 0);
            SrtpErrorStatus status = fresh.reverseTransformPacket(packet, false);
            if (status == SrtpErrorStatus.OK) {
                receivingRtp.putIfAbsent(ssrc, fresh);
            }
            return outcome(status);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Garbage can make the library index outside the packet; it is a refusal like any other.
            return refused(SrtpRefusal.FAILED);
        }
    }

    /** Protects a compound RTCP packet in place, appending its index and tag; empty when done, else why not. */
    public Optional<SrtpRefusal> protectRtcp(MediaPacket packet) {
        if (!inRange(packet, RTCP_HEADER_BYTES)) {
            return refused(SrtpRefusal.MALFORMED);
        }
        try {
            SrtcpCryptoContext context = sendingContext(sendingRtcp, ssrc(packet, 4), sending::deriveControlContext);
            return context == null ? refused(SrtpRefusal.TOO_MANY_STREAMS) : outcome(context.transformPacket(packet));
        } catch (GeneralSecurityException | RuntimeException e) {
            return refused(SrtpRefusal.FAILED);
        }
    }

    /** Checks and decrypts an SRTCP packet in place, dropping its index and tag; empty when done, else why not. */
    public Optional<SrtpRefusal> unprotectRtcp(MediaPacket packet) {
        if (!inRange(packet, RTCP_HEADER_BYTES + SRTCP_INDEX_BYTES + profile.tagBytes())) {
            return refused(SrtpRefusal.MALFORMED);
        }
        long ssrc = ssrc(packet, 4);
        try {
            SrtcpCryptoContext known = receivingRtcp.get(ssrc);
            if (known != null) {
                return outcome(known.reverseTransformPacket(packet));
            }
            if (receivingRtcp.size() >= MAX_STREAMS_PER_DIRECTION) {
                return refused(SrtpRefusal.TOO_MANY_STREAMS);
            }
            SrtcpCryptoContext fresh = receiving.deriveControlContext((int) ssrc);
            SrtpErrorStatus status = fresh.reverseTransformPacket(packet);
            if (status == SrtpErrorStatus.OK) {
                receivingRtcp.putIfAbsent(ssrc, fresh);
            }
            return outcome(status);
        } catch (GeneralSecurityException | RuntimeException e) {
            return refused(SrtpRefusal.FAILED);
        }
    }

    /** Protects a copy of the packet, for synthetic participants and tests; the array given is left as it was. */
    public SrtpResult protectRtp(byte[] packet, int offset, int length) {
        return onCopy(packet, offset, length, profile.tagBytes(), this::protectRtp);
    }

    /** Unprotects a copy of the packet, for synthetic participants and tests; the array given is left as it was. */
    public SrtpResult unprotectRtp(byte[] packet, int offset, int length) {
        return onCopy(packet, offset, length, 0, this::unprotectRtp);
    }

    /** Protects a copy of the packet, for synthetic participants and tests; the array given is left as it was. */
    public SrtpResult protectRtcp(byte[] packet, int offset, int length) {
        return onCopy(packet, offset, length, SRTCP_INDEX_BYTES + profile.tagBytes(), this::protectRtcp);
    }

    /** Unprotects a copy of the packet, for synthetic participants and tests; the array given is left as it was. */
    public SrtpResult unprotectRtcp(byte[] packet, int offset, int length) {
        return onCopy(packet, offset, length, 0, this::unprotectRtcp);
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

    private static SrtpResult onCopy(byte[] packet, int offset, int length, int room, Function<MediaPacket, Optional<SrtpRefusal>> transform) {
        if (packet == null || offset < 0 || length < 0 || offset > packet.length - length) {
            return new SrtpResult.Refused(SrtpRefusal.MALFORMED);
        }
        MediaPacket copy = MediaPacket.copyOf(packet, offset, length, room);
        return transform.apply(copy).<SrtpResult>map(SrtpResult.Refused::new).orElseGet(() -> new SrtpResult.Done(copy.toByteArray()));
    }

    private static Optional<SrtpRefusal> outcome(SrtpErrorStatus status) {
        return switch (status) {
            case OK -> Optional.empty();
            case AUTH_FAIL -> refused(SrtpRefusal.AUTHENTICATION_FAILED);
            case REPLAY_FAIL, REPLAY_OLD -> refused(SrtpRefusal.REPLAYED);
            case INVALID_PACKET -> refused(SrtpRefusal.MALFORMED);
            case FAIL -> refused(SrtpRefusal.FAILED);
        };
    }

    /** One answer per refusal, made once: a flood of forged packets makes no garbage either. */
    private static Optional<SrtpRefusal> refused(SrtpRefusal reason) {
        return REFUSALS.get(reason);
    }

    private static long ssrc(MediaPacket packet, int at) {
        return NetworkOrder.unsigned32(packet.getBuffer(), packet.getOffset() + at);
    }

    private static boolean inRange(MediaPacket packet, int minimum) {
        return packet.getLength() >= minimum;
    }
}
