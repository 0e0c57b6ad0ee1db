package io.vestibule.media.gateway.ice;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.testing.MapConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MediaSettingsTest {
    private static MediaSettings read(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        values.put("vestibule.media.advertised-address", "203.0.113.7");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put("vestibule.media." + keysAndValues[i], keysAndValues[i + 1]);
        }
        return MediaSettings.from(new MapConfig(values));
    }

    @Test
    void defaultsBindLoopbackOnPort10000AndNeedNoAddress() throws Exception {
        MediaSettings settings = MediaSettings.from(new MapConfig(Map.of()));

        assertThat(settings.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(settings.advertisedAddress()).isEmpty();
        assertThat(settings.candidateAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(settings.firstPort()).isEqualTo(10000);
        assertThat(settings.lastPort()).isEqualTo(10000);
        assertThat(settings.iceTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.consentTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRangeOfPortsAndASpecificBindAddressAreRead() throws Exception {
        MediaSettings settings = MediaSettings.from(new MapConfig(Map.of(
                "vestibule.media.bind-address", "10.0.0.5", "vestibule.media.port", "40000-40003")));

        assertThat(settings.bindAddress()).isEqualTo(InetAddress.getByName("10.0.0.5"));
        assertThat(settings.portCount()).isEqualTo(4);
        assertThat(settings.advertisedAddress()).isEmpty();
        assertThat(settings.candidateAddress()).isEqualTo(settings.bindAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "1023", "65536", "10000-9000", "10000-10064", "ten", "10000-", "-1"})
    void portsOutsideTheRangeOrMalformedAreRefusedNamingTheSetting(String port) {
        assertThatIllegalArgumentException().isThrownBy(() -> read("port", port))
                .withMessageStartingWith("VESTIBULE_MEDIA_PORT ");
    }

    /** The one line a start with this setting ends with (LauncherIT shows how a refusal at deployment ends the start). */
    @Test
    void aPortThatIsNotANumberIsRefusedWithAnExample() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("port", "abc"))
                .withMessage("VESTIBULE_MEDIA_PORT must be a port such as 10000 or a range such as 10000-10003, not 'abc'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"media.example.org", "localhost", "10.0.0", "256.1.1.1", "224.0.0.1", "fe80::1"})
    void theBindAddressMustBeAUsableIpLiteral(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> read("bind-address", address))
                .withMessageStartingWith("VESTIBULE_MEDIA_BIND_ADDRESS ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"media.example.org", "0.0.0.0", "::", "239.1.1.1"})
    void theAdvertisedAddressMustBeAnAddressBrowsersCanSendTo(String address) {
        assertThatIllegalArgumentException().isThrownBy(() -> read("advertised-address", address))
                .withMessageStartingWith("VESTIBULE_MEDIA_ADVERTISED_ADDRESS ");
    }

    @Test
    void aWildcardBindNeedsAnAdvertisedAddress() {
        assertThatIllegalArgumentException().isThrownBy(() -> MediaSettings.from(new MapConfig(Map.of("vestibule.media.bind-address", "0.0.0.0"))))
                .withMessage("VESTIBULE_MEDIA_ADVERTISED_ADDRESS is required when VESTIBULE_MEDIA_BIND_ADDRESS is the wildcard"
                        + " 0.0.0.0: browsers must be told one address to send to");
    }

    @Test
    void ipv6LiteralsAreAccepted() throws Exception {
        MediaSettings settings = read("bind-address", "2001:db8::5", "advertised-address", "2001:db8::7");

        assertThat(settings.candidateAddress()).isEqualTo(InetAddress.getByName("2001:db8::7"));
    }

    @Test
    void timeoutsAreBounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("ice-timeout-seconds", "2"))
                .withMessage("VESTIBULE_MEDIA_ICE_TIMEOUT_SECONDS must be between 3 and 120, not 2");
        assertThatIllegalArgumentException().isThrownBy(() -> read("consent-timeout-seconds", "600"))
                .withMessage("VESTIBULE_MEDIA_CONSENT_TIMEOUT_SECONDS must be between 3 and 120, not 600");
        assertThatIllegalArgumentException().isThrownBy(() -> read("consent-timeout-seconds", "soon"))
                .withMessageStartingWith("VESTIBULE_MEDIA_CONSENT_TIMEOUT_SECONDS must be a number of seconds");
    }

    @Test
    void theRecordRefusesWhatTheSettingsWouldRefuse() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> new MediaSettings(InetAddress.getByName("127.0.0.1"), 0, 0,
                Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(30), Optional.empty())).withMessageStartingWith("VESTIBULE_MEDIA_PORT ");
    }

    @Test
    void browsersMayBeLimitedToSomeNetworks() throws Exception {
        assertThat(read().allowsPeer(InetAddress.getByName("198.51.100.9"))).as("anyone, unless limited").isTrue();
        MediaSettings limited = read("allowed-peers", "127.0.0.0/8, ::1/128");
        assertThat(limited.allowsPeer(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(limited.allowsPeer(InetAddress.getByName("::1"))).isTrue();
        assertThat(limited.allowsPeer(InetAddress.getByName("198.51.100.9"))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> read("allowed-peers", "10.0.0.0/33"))
                .withMessageStartingWith("VESTIBULE_MEDIA_ALLOWED_PEERS ");
    }
}
