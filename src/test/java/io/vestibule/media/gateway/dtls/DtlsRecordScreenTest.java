package io.vestibule.media.gateway.dtls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DtlsRecordScreenTest {

    private static byte[] record(int type, int epoch, int length) {
        byte[] record = new byte[13 + length];
        record[0] = (byte) type;
        record[1] = (byte) 0xFE;
        record[2] = (byte) 0xFD;
        record[4] = (byte) epoch;
        record[11] = (byte) (length >> 8);
        record[12] = (byte) length;
        return record;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void wellShapedRecordsPassAlsoSeveralInOneDatagram() {
        assertThat(DtlsRecordScreen.passes(record(22, 0, 100))).isTrue();
        assertThat(DtlsRecordScreen.passes(record(23, 1, 24))).isTrue();
        assertThat(DtlsRecordScreen.passes(concat(record(20, 0, 1), record(22, 1, 40)))).isTrue();
    }

    @Test
    void truncatedOrTooShortEncryptedRecordsAreDropped() {
        assertThat(DtlsRecordScreen.passes(new byte[12])).isFalse();
        assertThat(DtlsRecordScreen.passes(record(23, 1, 23))).isFalse();
        assertThat(DtlsRecordScreen.passes(record(21, 1, 2))).isFalse();
        byte[] overlong = record(22, 0, 100);
        overlong[12] = (byte) 101;
        assertThat(DtlsRecordScreen.passes(overlong)).isFalse();
        assertThat(DtlsRecordScreen.passes(concat(record(22, 0, 10), new byte[5]))).isFalse();
    }
}
