package io.vestibule.media.gateway.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vestibule.media.gateway.packet.NetworkOrder;

/**
 * One packet of a compound RTCP packet (RFC 3550 §6.1), located in the bytes it was read from, with what the router
 * needs to route it: its type, its format (feedback, RFC 4585 §6.1) and the sources it is from and about.
 */
record RtcpPacket(int type, int format, int offset, int length, long senderSsrc, long mediaSsrc) {
    static final int SENDER_REPORT = 200;
    static final int TRANSPORT_FEEDBACK = 205;
    static final int PAYLOAD_FEEDBACK = 206;
    static final int GENERIC_NACK = 1;
    static final int PICTURE_LOSS = 1;
    static final int FULL_INTRA_REQUEST = 4;
    static final int APPLICATION_LAYER = 15;

    private static final int HEADER_BYTES = 4;
    private static final int FEEDBACK_HEADER_BYTES = 12;
    private static final int FIR_ENTRY_BYTES = 8;
    private static final int REMB_SSRCS_AT = 20;
    private static final byte[] REMB = {'R', 'E', 'M', 'B'};

    /**
     * The packets of a compound packet, or empty when any of them is not version 2, is shorter than its own header or
     * announces a length beyond the bytes (the whole compound is then dropped). Never throws.
     */
    static Optional<List<RtcpPacket>> readCompound(byte[] bytes, int offset, int length) {
        if (bytes == null || offset < 0 || length < HEADER_BYTES + 4 || offset > bytes.length - length) {
            return Optional.empty();
        }
        List<RtcpPacket> packets = new ArrayList<>();
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < HEADER_BYTES + 4 || (bytes[at] & 0xFF) >>> 6 != 2) {
                return Optional.empty();
            }
            int packetLength = 4 * (NetworkOrder.unsigned16(bytes, at + 2) + 1);
            if (packetLength > end - at) {
                return Optional.empty();
            }
            int type = bytes[at + 1] & 0xFF;
            long media = packetLength >= FEEDBACK_HEADER_BYTES ? NetworkOrder.unsigned32(bytes, at + 8) : 0;
            packets.add(new RtcpPacket(type, bytes[at] & 0x1F, at, packetLength, NetworkOrder.unsigned32(bytes, at + 4), media));
            at += packetLength;
        }
        return Optional.of(packets);
    }

    boolean isFeedback() {
        return type == TRANSPORT_FEEDBACK || type == PAYLOAD_FEEDBACK;
    }

    /**
     * The sources whose sender this feedback is for: the media source of a NACK or PLI, the sources a FIR names
     * (RFC 5104 §4.3.1), the sources a REMB lists (draft-alvestrand-rmcat-remb). Empty for feedback the gateway
     * does not relay (transport-wide feedback belongs to one hop), and for a REMB or FIR that is cut short.
     */
    List<Long> feedbackSources(byte[] bytes) {
        if (type == TRANSPORT_FEEDBACK && format == GENERIC_NACK || type == PAYLOAD_FEEDBACK && format == PICTURE_LOSS) {
            return length >= FEEDBACK_HEADER_BYTES ? List.of(mediaSsrc) : List.of();
        }
        if (type == PAYLOAD_FEEDBACK && format == FULL_INTRA_REQUEST) {
            List<Long> sources = new ArrayList<>();
            for (int entry = offset + FEEDBACK_HEADER_BYTES; entry + FIR_ENTRY_BYTES <= offset + length; entry += FIR_ENTRY_BYTES) {
                sources.add(NetworkOrder.unsigned32(bytes, entry));
            }
            return sources;
        }
        if (type == PAYLOAD_FEEDBACK && format == APPLICATION_LAYER && isRemb(bytes)) {
            int count = bytes[offset + 16] & 0xFF;
            if (REMB_SSRCS_AT + 4 * count > length) {
                return List.of();
            }
            List<Long> sources = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sources.add(NetworkOrder.unsigned32(bytes, offset + REMB_SSRCS_AT + 4 * i));
            }
            return sources;
        }
        return List.of();
    }

    private boolean isRemb(byte[] bytes) {
        if (length < REMB_SSRCS_AT) {
            return false;
        }
        for (int i = 0; i < REMB.length; i++) {
            if (bytes[offset + FEEDBACK_HEADER_BYTES + i] != REMB[i]) {
                return false;
            }
        }
        return true;
    }
}
