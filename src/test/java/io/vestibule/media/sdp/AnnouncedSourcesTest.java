package io.vestibule.media.sdp;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.CapturedSdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnnouncedSourcesTest {
    private final SdpParser parser = new SdpParser(SdpLimits.standard());
    private final String chromiumOffer = CapturedSdp.CHROMIUM_OFFER.text();

    @Test
    void chromiumsOfferAnnouncesItsAudioItsVideoAndTheVideosRetransmissions() throws SdpRefused {
        assertThat(AnnouncedSources.of(parser.parse(chromiumOffer))).containsExactly(2290615249L, 2609059575L, 1847694018L);
    }

    @Test
    void aSectionThatOnlyReceivesAnnouncesNothing() throws SdpRefused {
        String receiveOnly = chromiumOffer.replaceFirst("a=sendrecv", "a=recvonly");
        assertThat(AnnouncedSources.of(parser.parse(receiveOnly))).containsExactly(2609059575L, 1847694018L);
        String inactive = receiveOnly.replaceFirst("a=sendrecv", "a=inactive");
        assertThat(AnnouncedSources.of(parser.parse(inactive))).isEmpty();
    }

    @Test
    void aSourceThatIsNotA32BitNumberIsRefused() {
        for (String source : new String[] {"4294967296", "-1", "0x10", "99999999999"}) {
            SdpRefused refused = catchThrowableOfType(SdpRefused.class,
                    () -> AnnouncedSources.of(parser.parse(chromiumOffer.replace("a=ssrc:2290615249 cname", "a=ssrc:" + source + " cname"))));
            assertThat(refused).as(source).isNotNull();
            assertThat(refused.rule()).isEqualTo(SdpRule.SOURCES);
            assertThat(refused.reason()).doesNotContain(source);
        }
        SdpRefused inGroup = catchThrowableOfType(SdpRefused.class,
                () -> AnnouncedSources.of(parser.parse(chromiumOffer.replace("FID 2609059575 1847694018", "FID 2609059575 x"))));
        assertThat(inGroup.rule()).isEqualTo(SdpRule.SOURCES);
    }
}
