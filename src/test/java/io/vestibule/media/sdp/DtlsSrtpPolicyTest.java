package io.vestibule.media.sdp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vestibule.testing.CapturedSdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** R-RTC-2 against descriptions captured from Chromium and Firefox, and against each kind of refusal. */
class DtlsSrtpPolicyTest {
    private final DtlsSrtpPolicy policy = DtlsSrtpPolicy.standard();
    private final String chromiumOffer = CapturedSdp.CHROMIUM_OFFER.text();
    private final String firefoxOffer = CapturedSdp.FIREFOX_OFFER.text();

    @ParameterizedTest
    @EnumSource(CapturedSdp.class)
    void browserDescriptionsPass(CapturedSdp captured) throws SdpRefused {
        DtlsSrtpPolicy.Accepted accepted = policy.check(captured.text(), captured.role());
        assertThat(accepted.fingerprintAlgorithm()).isEqualTo("sha-256");
        assertThat(accepted.description().media()).extracting(MediaSection::kind).containsExactly("audio", "video", "application");
    }

    @ParameterizedTest
    @EnumSource(value = CapturedSdp.class, names = {"CHROMIUM_ANSWER", "FIREFOX_ANSWER"})
    void anAnswerIsNotAnOffer(CapturedSdp answer) {
        assertRefused(answer.text(), SdpRole.OFFER, SdpRule.SETUP);
    }

    @Test
    void plainRtpIsRefused() {
        assertRefused(chromiumOffer.replace("m=audio 34287 UDP/TLS/RTP/SAVPF", "m=audio 34287 RTP/AVP"), SdpRule.TRANSPORT);
        assertRefused(firefoxOffer.replace("m=video 9 UDP/TLS/RTP/SAVPF", "m=video 9 RTP/AVPF"), SdpRule.TRANSPORT);
    }

    @Test
    void sdesWithSavpIsRefused() {
        String sdes = chromiumOffer.replace("m=audio 34287 UDP/TLS/RTP/SAVPF", "m=audio 34287 RTP/SAVP")
                .replace("a=rtcp-mux\r\n", "a=rtcp-mux\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n");
        assertRefused(sdes, SdpRule.TRANSPORT);
    }

    @Test
    void sdesKeysAreRefusedEvenOverDtlsTransport() {
        assertRefused(chromiumOffer.replace("a=rtcp-mux\r\n",
                "a=rtcp-mux\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n"), SdpRule.SDES);
        assertRefused(chromiumOffer.replace("s=-\r\n", "s=-\r\nk=clear:secret\r\n"), SdpRule.SDES);
    }

    @Test
    void sha1AndMd5FingerprintsAreRefused() {
        String sha1 = "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB";
        assertRefused(replaceFingerprints(chromiumOffer, sha1), SdpRule.FINGERPRINT);
        assertRefused(replaceFingerprints(firefoxOffer, sha1), SdpRule.FINGERPRINT);
        assertRefused(replaceFingerprints(chromiumOffer, "a=fingerprint:md5 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B"),
                SdpRule.FINGERPRINT);
    }

    @Test
    void aWeakFingerprintBesideAStrongOneIsRefused() {
        String both = chromiumOffer.replaceFirst("(a=fingerprint:sha-256 [^\r]+\r\n)",
                "$1a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r\n");
        assertRefused(both, SdpRule.FINGERPRINT);
    }

    @Test
    void missingOrMalformedFingerprintsAreRefused() {
        assertRefused(chromiumOffer.replaceAll("a=fingerprint:[^\r]+\r\n", ""), SdpRule.FINGERPRINT);
        assertRefused(firefoxOffer.replaceAll("a=fingerprint:[^\r]+\r\n", ""), SdpRule.FINGERPRINT);
        assertRefused(replaceFingerprints(chromiumOffer, "a=fingerprint:sha-256 8A:2F:33"), SdpRule.FINGERPRINT);
        assertRefused(replaceFingerprints(chromiumOffer, "a=fingerprint:sha-256"), SdpRule.FINGERPRINT);
    }

    @Test
    void strongerFingerprintsPass() throws SdpRefused {
        String sha384 = "a=fingerprint:SHA-384 " + "AB:".repeat(47) + "CD";
        assertThat(policy.check(replaceFingerprints(chromiumOffer, sha384), SdpRole.OFFER).fingerprintAlgorithm()).isEqualTo("sha-384");
    }

    @Test
    void setupMustBeActpassInOffersAndActiveOrPassiveInAnswers() throws SdpRefused {
        assertRefused(chromiumOffer.replace("a=setup:actpass", "a=setup:holdconn"), SdpRule.SETUP);
        assertRefused(chromiumOffer.replace("a=setup:actpass", "a=setup:active"), SdpRole.OFFER, SdpRule.SETUP);
        assertRefused(chromiumOffer.replace("a=setup:actpass\r\n", ""), SdpRule.SETUP);
        String answer = CapturedSdp.CHROMIUM_ANSWER.text();
        assertRefused(answer.replace("a=setup:active", "a=setup:actpass"), SdpRole.ANSWER, SdpRule.SETUP);
        assertThat(policy.check(answer.replace("a=setup:active", "a=setup:passive"), SdpRole.ANSWER)).isNotNull();
    }

    @Test
    void iceCredentialsMustBePresentAndLongEnough() {
        assertRefused(chromiumOffer.replaceAll("a=ice-pwd:[^\r]+\r\n", ""), SdpRule.ICE_CREDENTIALS);
        assertRefused(firefoxOffer.replaceAll("a=ice-pwd:[^\r]+\r\n", ""), SdpRule.ICE_CREDENTIALS);
        assertRefused(chromiumOffer.replaceAll("a=ice-pwd:[^\r]+", "a=ice-pwd:tooShortToGuess123"), SdpRule.ICE_CREDENTIALS);
        assertRefused(chromiumOffer.replaceAll("a=ice-ufrag:[^\r]+", "a=ice-ufrag:abc"), SdpRule.ICE_CREDENTIALS);
        assertRefused(chromiumOffer.replaceAll("a=ice-ufrag:[^\r]+", "a=ice-ufrag:abc<def"), SdpRule.ICE_CREDENTIALS);
    }

    @Test
    void rtpSectionsMustMultiplexRtcp() {
        assertRefused(chromiumOffer.replace("a=rtcp-mux\r\n", ""), SdpRule.RTCP_MUX);
    }

    @Test
    void codecsOutsideTheAllowListAreRefusedAndNamedOnlyWhenPlain() {
        SdpRefused refused = assertRefused(chromiumOffer.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 iLBC/8000"), SdpRule.CODEC);
        assertThat(refused.reason()).contains("iLBC");
        SdpRefused scripted = assertRefused(chromiumOffer.replace("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 <script>/8000"),
                SdpRule.CODEC);
        assertThat(scripted.reason()).doesNotContain("<script>");
        assertRefused(chromiumOffer.replace("a=rtpmap:111 opus/48000/2\r\n", ""), SdpRule.CODEC);
        assertRefused(chromiumOffer.replace("UDP/TLS/RTP/SAVPF 111 63", "UDP/TLS/RTP/SAVPF 111 200 63"), SdpRule.CODEC);
    }

    @Test
    void aDisabledSectionNeedsNoFingerprintButSomethingMustBeEnabled() throws SdpRefused {
        String videoOff = disableVideo(chromiumOffer);
        assertThat(policy.check(videoOff, SdpRole.OFFER).description().media().get(1).disabled()).isTrue();
        String allOff = firefoxOffer.replaceAll("m=(audio|video|application) 9 ", "m=$1 0 ");
        assertRefused(allOff, SdpRule.MEDIA_SECTIONS);
    }

    @Test
    void tooManyMediaSectionsAreRefused() {
        String section = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:x\r\n";
        assertThat((chromiumOffer + section.repeat(197)).length()).isLessThan(SdpLimits.standard().maxBytes());
        assertRefused(chromiumOffer + section.repeat(197), SdpRule.MEDIA_SECTIONS);
    }

    @Test
    void aMegabyteIsRefusedUnread() {
        assertRefused(chromiumOffer + "a=x-padding:" + "A".repeat(1024 * 1024) + "\r\n", SdpRule.SIZE);
    }

    @Test
    void tooManyOrTooLongLinesAreRefused() {
        assertRefused(chromiumOffer + "a=x-many\r\n".repeat(3000), SdpRule.LINES);
        assertRefused(chromiumOffer + "a=x-long:" + "A".repeat(5000) + "\r\n", SdpRule.LINES);
    }

    @Test
    void garbageIsASyntaxRefusal() {
        assertRefused("", SdpRule.SYNTAX);
        assertRefused(new String(new byte[] {0, 1, 2, (byte) 0xff, 0x7f, 10, 13}, java.nio.charset.StandardCharsets.ISO_8859_1),
                SdpRule.SYNTAX);
        assertRefused("{\"type\":\"offer\"}", SdpRule.SYNTAX);
        assertRefused(chromiumOffer.replace("v=0\r\n", ""), SdpRule.SYNTAX);
        assertRefused(chromiumOffer.replaceFirst("t=0 0\r\n", ""), SdpRule.SYNTAX);
        assertRefused(chromiumOffer.replace("a=mid:0", "a=mid:0\u0000"), SdpRule.SYNTAX);
        assertRefused(chromiumOffer.replace("\r\na=mid:0", "\r\n\r\na=mid:0"), SdpRule.SYNTAX);
        assertRefused(chromiumOffer.replace("m=audio 34287", "m=audio 99999"), SdpRule.SYNTAX);
        assertRefused(chromiumOffer.replace("m=audio 34287 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "m=audio 34287 UDP/TLS/RTP/SAVPF"),
                SdpRule.SYNTAX);
    }

    private SdpRefused assertRefused(String sdp, SdpRule rule) {
        return assertRefused(sdp, SdpRole.OFFER, rule);
    }

    private SdpRefused assertRefused(String sdp, SdpRole role, SdpRule rule) {
        SdpRefused refused = catchThrowableOfType(() -> policy.check(sdp, role), SdpRefused.class);
        assertThat(refused).as("refusal for rule %s", rule).isNotNull();
        assertThat(refused.rule()).as(refused.reason()).isEqualTo(rule);
        assertThat(refused.reason()).isNotBlank().doesNotContain("\r", "\n");
        return refused;
    }

    private static String replaceFingerprints(String sdp, String line) {
        return sdp.replaceAll("a=fingerprint:[^\r]+", Matcher.quoteReplacement(line));
    }

    /** Port 0 and no DTLS attributes: a section the answerer turned off. */
    private static String disableVideo(String sdp) {
        int start = sdp.indexOf("m=video");
        int end = sdp.indexOf("m=application");
        String video = sdp.substring(start, end).replaceFirst("m=video [0-9]+ ", "m=video 0 ")
                .replaceAll(Pattern.quote("a=fingerprint:") + "[^\r]+\r\n", "")
                .replaceAll("a=setup:[^\r]+\r\n", "");
        return sdp.substring(0, start) + video + sdp.substring(end);
    }
}
