package io.vestibule.media.gateway.packet;

/**
 * The fixed part of an RTP header (RFC 3550 §5.1) of a packet that passed {@link #read}: what the gateway needs to
 * route and check it. {@code headerLength} covers the CSRC list and the extension; {@code payloadLength} excludes
 * the padding.
 */
public record RtpHeader(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        int csrcCount, int headerLength, int payloadLength) {

    /** The header read, or why the packet is refused. */
    public sealed interface Reading permits Sane, Refused {
    }

    public record Sane(RtpHeader header) implements Reading {
    }

    public record Refused(RtpRefusal reason) implements Reading {
    }

    private static final int FIXED_BYTES = 12;
    private static final int EXTENSION_PREAMBLE_BYTES = 4;

    /**
     * Reads the header of a plain (decrypted) RTP packet and checks that every length it announces lies within the
     * packet. Never throws: a range outside the array reads as {@link RtpRefusal#TOO_SHORT}.
     */
    public static Reading read(byte[] packet, int offset, int length) {
        if (packet == null || offset < 0 || length < FIXED_BYTES || offset > packet.length - length) {
            return new Refused(RtpRefusal.TOO_SHORT);
        }
        int first = packet[offset] & 0xFF;
        if (first >>> 6 != 2) {
            return new Refused(RtpRefusal.NOT_VERSION_2);
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int headerLength = FIXED_BYTES + 4 * csrcCount;
        if (headerLength > length) {
            return new Refused(RtpRefusal.CSRC_LIST_BEYOND_PACKET);
        }
        if (extension) {
            if (headerLength + EXTENSION_PREAMBLE_BYTES > length) {
                return new Refused(RtpRefusal.EXTENSION_BEYOND_PACKET);
            }
            int extensionWords = NetworkOrder.unsigned16(packet, offset + headerLength + 2);
            headerLength += EXTENSION_PREAMBLE_BYTES + 4 * extensionWords;
            if (headerLength > length) {
                return new Refused(RtpRefusal.EXTENSION_BEYOND_PACKET);
            }
        }
        int payloadLength = length - headerLength;
        if (padding) {
            int paddingCount = packet[offset + length - 1] & 0xFF;
            if (paddingCount == 0 || paddingCount > payloadLength) {
                return new Refused(RtpRefusal.PADDING_INSANE);
            }
            payloadLength -= paddingCount;
        }
        int second = packet[offset + 1] & 0xFF;
        return new Sane(new RtpHeader((second & 0x80) != 0, second & 0x7F, NetworkOrder.unsigned16(packet, offset + 2),
                NetworkOrder.unsigned32(packet, offset + 4), NetworkOrder.unsigned32(packet, offset + 8), csrcCount, headerLength, payloadLength));
    }
}
