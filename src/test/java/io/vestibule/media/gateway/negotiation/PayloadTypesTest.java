package io.vestibule.media.gateway.negotiation;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.vestibule.media.sdp.SdpLimits;
import io.vestibule.media.sdp.SdpParser;
import io.vestibule.media.sdp.SdpRefused;
import io.vestibule.media.sdp.SdpRule;
import io.vestibule.testing.CapturedSdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PayloadTypesTest {
    private final SdpParser parser = new SdpParser(SdpLimits.standard());

    @Test
    void chromiumAndFirefoxNumberTheSameCodecsDifferently() throws SdpRefused {
        PayloadTypes chromium = PayloadTypes.of(parser.parse(CapturedSdp.CHROMIUM_OFFER.text()));
        PayloadTypes firefox = PayloadTypes.of(parser.parse(CapturedSdp.FIREFOX_OFFER.text()));

        assertThat(chromium).isEqualTo(new PayloadTypes(111, "minptime=10;useinbandfec=1", 96, OptionalInt.of(97)));
        assertThat(firefox.opus()).isEqualTo(109);
        assertThat(firefox.vp8()).isEqualTo(120);
        assertThat(firefox.vp8Retransmission()).hasValue(124);

        assertThat(firefox.fromGateway(chromium.toGateway(96).getAsInt())).hasValue(120);
        assertThat(firefox.fromGateway(chromium.toGateway(97).getAsInt())).hasValue(124);
        assertThat(chromium.fromGateway(firefox.toGateway(109).getAsInt())).hasValue(111);
        assertThat(chromium.toGateway(102)).as("H.264 is not forwarded").isEmpty();
        assertThat(firefox.toGateway(111)).as("111 is nothing to Firefox").isEmpty();
        assertThat(new PayloadTypes(109, "", 120, OptionalInt.empty()).fromGateway(97)).as("a receiver without retransmissions").isEmpty();
    }

    @Test
    void anOfferWithoutOpusOrVp8IsRefused() {
        String withoutVp8 = CapturedSdp.CHROMIUM_OFFER.text().replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 AV1/90000");
        SdpRefused refused = catchThrowableOfType(SdpRefused.class, () -> PayloadTypes.of(parser.parse(withoutVp8)));
        assertThat(refused.rule()).isEqualTo(SdpRule.CODEC);
    }
}
