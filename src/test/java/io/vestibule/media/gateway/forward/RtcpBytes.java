package io.vestibule.media.gateway.forward;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** RTCP packets as a browser sends them, built for the tests (RFC 3550, RFC 4585, RFC 5104, REMB). */
final class RtcpBytes {
    private RtcpBytes() {
    }

    static byte[] senderReport(long ssrc) {
        return ByteBuffer.allocate(28).put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt((int) ssrc)
                .putLong(0x0123456789abcdefL).putInt(90_000).putInt(10).putInt(12_000).array();
    }

    static byte[] receiverReport(long ssrc) {
        return ByteBuffer.allocate(8).put((byte) 0x80).put((byte) 201).putShort((short) 1).putInt((int) ssrc).array();
    }

    static byte[] pictureLoss(long sender, long media) {
        return feedback(206, 1, sender, media, new byte[0]);
    }

    static byte[] nack(long sender, long media) {
        return feedback(205, 1, sender, media, ByteBuffer.allocate(4).putShort((short) 1234).putShort((short) 0).array());
    }

    static byte[] transportWide(long sender, long media) {
        return feedback(205, 15, sender, media, new byte[8]);
    }

    static byte[] fullIntraRequest(long sender, long target) {
        return feedback(206, 4, sender, 0, ByteBuffer.allocate(8).putInt((int) target).put((byte) 7).put(new byte[3]).array());
    }

    static byte[] remb(long sender, long... targets) {
        ByteBuffer fci = ByteBuffer.allocate(8 + 4 * targets.length).put(new byte[] {'R', 'E', 'M', 'B'})
                .put((byte) targets.length).put((byte) 0x0c).putShort((short) 0x3500);
        for (long target : targets) {
            fci.putInt((int) target);
        }
        return feedback(206, 15, sender, 0, fci.array());
    }

    static byte[] compound(byte[]... packets) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] packet : packets) {
            bytes.writeBytes(packet);
        }
        return bytes.toByteArray();
    }

    private static byte[] feedback(int type, int format, long sender, long media, byte[] fci) {
        return ByteBuffer.allocate(12 + fci.length).put((byte) (0x80 | format)).put((byte) type)
                .putShort((short) ((12 + fci.length) / 4 - 1)).putInt((int) sender).putInt((int) media).put(fci).array();
    }
}
