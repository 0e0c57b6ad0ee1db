package io.vestibule.media.gateway.packet;

/**
 * Sorts datagrams on a multiplexed media port by their first byte (RFC 7983 §7): 0–3 STUN, 16–19 ZRTP, 20–63 DTLS,
 * 64–79 TURN channel data, 128–191 RTP or RTCP. RTP and RTCP share a port (rtcp-mux) and are told apart by the
 * second byte (RFC 5761 §4): RTCP packet types 192–223 fall where RTP payload types 64–95 would, which RTP avoids.
 * Total over every input: it never throws and looks at no byte outside the range it is given.
 */
public final class PacketClassifier {
    private static final int RTP_HEADER_BYTES = 12;
    private static final int RTCP_HEADER_BYTES = 8;

    private PacketClassifier() {
    }

    public static PacketKind classify(byte[] datagram) {
        return datagram == null ? PacketKind.UNKNOWN : classify(datagram, 0, datagram.length);
    }

    public static PacketKind classify(byte[] datagram, int offset, int length) {
        if (datagram == null || offset < 0 || length < 1 || offset > datagram.length - length) {
            return PacketKind.UNKNOWN;
        }
        int first = datagram[offset] & 0xFF;
        if (first <= 3) {
            return PacketKind.STUN;
        }
        if (first >= 16 && first <= 19) {
            return PacketKind.ZRTP;
        }
        if (first >= 20 && first <= 63) {
            return PacketKind.DTLS;
        }
        if (first >= 64 && first <= 79) {
            return PacketKind.TURN_CHANNEL;
        }
        if (first >= 128 && first <= 191) {
            return rtpOrRtcp(datagram, offset, length);
        }
        return PacketKind.UNKNOWN;
    }

    private static PacketKind rtpOrRtcp(byte[] datagram, int offset, int length) {
        if (length < 2) {
            return PacketKind.UNKNOWN;
        }
        int packetType = datagram[offset + 1] & 0xFF;
        if (packetType >= 192 && packetType <= 223) {
            return length >= RTCP_HEADER_BYTES ? PacketKind.RTCP : PacketKind.UNKNOWN;
        }
        return length >= RTP_HEADER_BYTES ? PacketKind.RTP : PacketKind.UNKNOWN;
    }
}
