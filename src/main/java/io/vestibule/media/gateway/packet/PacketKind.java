package io.vestibule.media.gateway.packet;

/** What a datagram arriving on a media port is, told by its first bytes (RFC 7983, RFC 5761). */
public enum PacketKind {
    STUN,
    ZRTP,
    DTLS,
    TURN_CHANNEL,
    RTP,
    RTCP,
    /** Empty, too short to tell, or a first byte no protocol on the port uses: dropped. */
    UNKNOWN
}
