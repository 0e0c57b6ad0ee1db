package io.vestibule.media.gateway.packet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtpHeaderTest {

    static byte[] rtp(int csrcCount, int extensionWords, int payloadBytes, int paddingBytes) {
        int header = 12 + 4 * csrcCount + (extensionWords >= 0 ? 4 + 4 * extensionWords : 0);
        byte[] packet = new byte[header + payloadBytes + paddingBytes];
        packet[0] = (byte) (0x80 | (paddingBytes > 0 ? 0x20 : 0) | (extensionWords >= 0 ? 0x10 : 0) | csrcCount);
        packet[1] = (byte) (0x80 | 111);
        packet[2] = 0x12;
        packet[3] = 0x34;
        packet[4] = 0;
        packet[5] = 0;
        packet[6] = 0x03;
        packet[7] = (byte) 0xE8;
        packet[8] = (byte) 0xCA;
        packet[9] = (byte) 0xFE;
        packet[10] = (byte) 0xBA;
        packet[11] = (byte) 0xBE;
        if (extensionWords >= 0) {
            int at = 12 + 4 * csrcCount;
            packet[at] = (byte) 0xBE;
            packet[at + 1] = (byte) 0xDE;
            packet[at + 2] = (byte) (extensionWords >> 8);
            packet[at + 3] = (byte) extensionWords;
        }
        if (paddingBytes > 0) {
            packet[packet.length - 1] = (byte) paddingBytes;
        }
        return packet;
    }

    @Test
    void aSanePacketGivesItsSsrcAndLengths() {
        byte[] packet = rtp(2, 1, 20, 3);

        RtpHeader.Reading reading = RtpHeader.read(packet, 0, packet.length);

        assertThat(reading).isInstanceOf(RtpHeader.Sane.class);
        RtpHeader header = ((RtpHeader.Sane) reading).header();
        assertThat(header.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(header.sequenceNumber()).isEqualTo(0x1234);
        assertThat(header.timestamp()).isEqualTo(1000);
        assertThat(header.payloadType()).isEqualTo(111);
        assertThat(header.marker()).isTrue();
        assertThat(header.csrcCount()).isEqualTo(2);
        assertThat(header.headerLength()).isEqualTo(12 + 8 + 8);
        assertThat(header.payloadLength()).isEqualTo(20);
    }

    @Test
    void aPacketWithinALargerBufferIsReadAtItsOffset() {
        byte[] packet = rtp(0, -1, 10, 0);
        byte[] buffer = new byte[packet.length + 7];
        System.arraycopy(packet, 0, buffer, 5, packet.length);

        assertThat(RtpHeader.read(buffer, 5, packet.length))
                .isEqualTo(RtpHeader.read(packet, 0, packet.length))
                .isInstanceOf(RtpHeader.Sane.class);
    }

    @Test
    void everyInsaneHeaderHasItsReason() {
        assertThat(RtpHeader.read(new byte[11], 0, 11)).isEqualTo(new RtpHeader.Refused(RtpRefusal.TOO_SHORT));
        assertThat(RtpHeader.read(null, 0, 12)).isEqualTo(new RtpHeader.Refused(RtpRefusal.TOO_SHORT));

        byte[] versionOne = rtp(0, -1, 10, 0);
        versionOne[0] = (byte) (versionOne[0] & 0x3F | 0x40);
        assertThat(RtpHeader.read(versionOne, 0, versionOne.length)).isEqualTo(new RtpHeader.Refused(RtpRefusal.NOT_VERSION_2));

        byte[] csrcs = rtp(0, -1, 10, 0);
        csrcs[0] = (byte) (csrcs[0] | 0x0F);
        assertThat(RtpHeader.read(csrcs, 0, csrcs.length)).isEqualTo(new RtpHeader.Refused(RtpRefusal.CSRC_LIST_BEYOND_PACKET));

        byte[] extension = rtp(0, 2, 4, 0);
        extension[15] = 4;
        assertThat(RtpHeader.read(extension, 0, extension.length)).isEqualTo(new RtpHeader.Refused(RtpRefusal.EXTENSION_BEYOND_PACKET));

        byte[] noRoomForExtension = rtp(0, -1, 2, 0);
        noRoomForExtension[0] = (byte) (noRoomForExtension[0] | 0x10);
        assertThat(RtpHeader.read(noRoomForExtension, 0, noRoomForExtension.length))
                .isEqualTo(new RtpHeader.Refused(RtpRefusal.EXTENSION_BEYOND_PACKET));

        byte[] zeroPadding = rtp(0, -1, 10, 1);
        zeroPadding[zeroPadding.length - 1] = 0;
        assertThat(RtpHeader.read(zeroPadding, 0, zeroPadding.length)).isEqualTo(new RtpHeader.Refused(RtpRefusal.PADDING_INSANE));

        byte[] longPadding = rtp(0, -1, 10, 1);
        longPadding[longPadding.length - 1] = 12;
        assertThat(RtpHeader.read(longPadding, 0, longPadding.length)).isEqualTo(new RtpHeader.Refused(RtpRefusal.PADDING_INSANE));
    }
}
