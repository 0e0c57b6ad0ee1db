package io.vestibule.media.gateway.dtls;

import io.vestibule.media.gateway.packet.NetworkOrder;

/**
 * Drops a datagram whose DTLS records are not even shaped right before it reaches Bouncy Castle. RFC 6347 §4.1.2.7
 * and RFC 9146 §6 want invalid records discarded silently, and Bouncy Castle 1.83 does so for a bad MAC, but an
 * encrypted record too short to hold the AES-GCM nonce and tag makes it raise decode_error and end the association:
 * one forged datagram would cut a participant off.
 */
final class DtlsRecordScreen {
    private static final int HEADER_BYTES = 13;
    /** The explicit nonce and the tag every policy suite (AES-GCM in DTLS 1.2) adds to an encrypted record. */
    private static final int AEAD_OVERHEAD_BYTES = 8 + 16;

    private DtlsRecordScreen() {
    }

    static boolean passes(byte[] datagram) {
        int at = 0;
        while (at < datagram.length) {
            if (datagram.length - at < HEADER_BYTES) {
                return false;
            }
            int epoch = NetworkOrder.unsigned16(datagram, at + 3);
            int length = NetworkOrder.unsigned16(datagram, at + 11);
            if (length > datagram.length - at - HEADER_BYTES || epoch != 0 && length < AEAD_OVERHEAD_BYTES) {
                return false;
            }
            at += HEADER_BYTES + length;
        }
        return true;
    }
}
