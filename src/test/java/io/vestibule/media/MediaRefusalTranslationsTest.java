package io.vestibule.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.media.gateway.dtls.DtlsFailure;
import io.vestibule.media.gateway.ice.IceEnd;
import io.vestibule.media.sdp.SdpRule;
import io.vestibule.testing.MessageBundles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meeting page tells people why their media was refused or lost in their own language: every rule of the SDP
 * policy and every reason the gateway ends a media connection for ({@code dtls_…}, {@code ice_…}) is described in
 * each of the portal's bundles, so no code and no English text of the server's reaches a Spanish or French page.
 */
class MediaRefusalTranslationsTest {
    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr"})
    void everyPolicyRuleAndMediaFailureIsDescribed(String language) {
        Set<String> keys = MessageBundles.messages(MessageBundles.PORTAL, language).keySet();
        Set<String> wanted = new TreeSet<>();
        Arrays.stream(SdpRule.values()).map(rule -> "join.sdpRule." + rule.code()).forEach(wanted::add);
        Stream.concat(Arrays.stream(DtlsFailure.values()).map(failure -> "dtls_" + failure.name()),
                        Arrays.stream(IceEnd.values()).map(end -> "ice_" + end.name()))
                .map(reason -> "join.mediaReason." + reason.toLowerCase(Locale.ROOT)).forEach(wanted::add);

        wanted.removeAll(keys);

        assertThat(wanted).as("media refusals without a description in " + language).isEmpty();
    }
}
