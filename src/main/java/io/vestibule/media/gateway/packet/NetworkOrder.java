package io.vestibule.media.gateway.packet;

/** Unsigned integers in network byte order (big-endian), as RTP, RTCP and DTLS headers carry them. */
public final class NetworkOrder {
    private NetworkOrder() {
    }

    public static int unsigned16(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    public static long unsigned32(byte[] bytes, int at) {
        return (long) unsigned16(bytes, at) << 16 | unsigned16(bytes, at + 2);
    }
}
