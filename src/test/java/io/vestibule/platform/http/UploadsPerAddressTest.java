package io.vestibule.platform.http;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UploadsPerAddressTest {
    private static final InetAddress SLOW = InetAddress.getLoopbackAddress();
    private static final InetAddress OTHER = ip("192.0.2.7");

    @Test
    void anAddressSendsAtMostTheLimitAtOnceAndOthersAreNotHeldBack() {
        UploadsPerAddress uploads = new UploadsPerAddress(2);

        assertThat(uploads.begin(SLOW)).isTrue();
        assertThat(uploads.begin(SLOW)).isTrue();
        assertThat(uploads.begin(SLOW)).as("the third at once").isFalse();
        assertThat(uploads.begin(OTHER)).isTrue();

        uploads.end(SLOW);
        assertThat(uploads.begin(SLOW)).as("one finished, one more may start").isTrue();
    }

    @Test
    void aRefusedBodyIsNotCountedAndFinishedOnesAreForgotten() {
        UploadsPerAddress uploads = new UploadsPerAddress(1);
        uploads.begin(SLOW);
        uploads.begin(SLOW);

        uploads.end(SLOW);

        assertThat(uploads.sending(SLOW)).isZero();
    }

    @Test
    void theLimitIsAtLeastOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UploadsPerAddress(0));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
