package io.vestibule.platform.net;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.vestibule.platform.net.AddressRangeTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressTest {
    private static final AddressRanges PROXIES = AddressRanges.parse("10.0.0.0/8, 2001:db8:ffff::/48");

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeaderSays() {
        assertThat(ClientAddress.resolve("203.0.113.9", List.of("198.51.100.1"), PROXIES)).isEqualTo(ip("203.0.113.9"));
        assertThat(ClientAddress.resolve("203.0.113.9", List.of("10.0.0.1"), PROXIES)).isEqualTo(ip("203.0.113.9"));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverBelieved() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("198.51.100.1"), AddressRanges.none())).isEqualTo(ip("10.0.0.1"));
    }

    @Test
    void aTrustedPeerWithoutTheHeaderIsTheClient() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of(), PROXIES)).isEqualTo(ip("10.0.0.1"));
        assertThat(ClientAddress.resolve("10.0.0.1", null, PROXIES)).isEqualTo(ip("10.0.0.1"));
    }

    @Test
    void behindATrustedProxyTheRightMostEntryIsTheClient() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("198.51.100.1"), PROXIES)).isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void spoofedLeftMostEntriesAreIgnored() {
        // The client sent "X-Forwarded-For: 192.0.2.66, 10.0.0.5"; our proxy appended the address it saw.
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("192.0.2.66, 10.0.0.5, 198.51.100.1"), PROXIES))
                .isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void theChainIsWalkedThroughSeveralTrustedProxies() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("192.0.2.66, 198.51.100.1, 10.1.1.1, 10.2.2.2"), PROXIES))
                .isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void severalHeadersFormOneChainInTheirOrder() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("192.0.2.66, 198.51.100.1", "10.1.1.1", "10.2.2.2"), PROXIES))
                .isEqualTo(ip("198.51.100.1"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("192.0.2.66", "198.51.100.1"), PROXIES))
                .isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void aChainOfOnlyTrustedProxiesEndsAtTheLeftMostOfThem() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("10.3.3.3, 10.2.2.2"), PROXIES)).isEqualTo(ip("10.3.3.3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.66, unknown, 10.2.2.2", "192.0.2.66, evil.example.com, 10.2.2.2",
            "192.0.2.66,, 10.2.2.2", "192.0.2.66, _hidden, 10.2.2.2",
            "192.0.2.66, 300.1.1.1, 10.2.2.2", "192.0.2.66, [::1, 10.2.2.2", "192.0.2.66, 1.2.3.4:, 10.2.2.2"})
    void garbageEndsTheWalkAtTheLastTrustedHop(String header) {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of(header), PROXIES)).isEqualTo(ip("10.2.2.2"));
    }

    @Test
    void garbageRightAfterThePeerLeavesThePeer() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("192.0.2.66, unknown"), PROXIES)).isEqualTo(ip("10.0.0.1"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("192.0.2.66, 10.2.2.2:99999x"), PROXIES)).isEqualTo(ip("10.0.0.1"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of(""), PROXIES)).isEqualTo(ip("10.0.0.1"));
    }

    @Test
    void portsAreStripped() {
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("198.51.100.1:5678"), PROXIES)).isEqualTo(ip("198.51.100.1"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("[2001:db8::5]:443"), PROXIES)).isEqualTo(ip("2001:db8::5"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("[2001:db8::5]"), PROXIES)).isEqualTo(ip("2001:db8::5"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("198.51.100.1, 10.2.2.2:80"), PROXIES)).isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void ipv6PeersAndProxiesAreHandled() {
        assertThat(ClientAddress.resolve("2001:db8:ffff:0:0:0:0:1", List.of("2001:db8:1::9, 2001:db8:ffff::2"), PROXIES))
                .isEqualTo(ip("2001:db8:1::9"));
        assertThat(ClientAddress.resolve("2001:db8:1:0:0:0:0:1", List.of("198.51.100.1"), PROXIES)).isEqualTo(ip("2001:db8:1::1"));
        // Containers report link-local peers with their zone.
        assertThat(ClientAddress.resolve("fe80:0:0:0:0:0:0:1%1", List.of("198.51.100.1"), PROXIES)).isEqualTo(ip("fe80::1"));
    }

    @Test
    void ipv4MappedAddressesAreIpv4() {
        assertThat(ClientAddress.resolve("::ffff:10.0.0.1", List.of("::ffff:198.51.100.1"), PROXIES)).isEqualTo(ip("198.51.100.1"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("198.51.100.1, ::ffff:10.2.2.2"), PROXIES)).isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void anEndlessChainOfTrustedHopsStopsWalking() {
        String hops = String.join(",", java.util.Collections.nCopies(ClientAddress.MOST_HOPS + 10, "10.9.9.9"));
        assertThat(ClientAddress.resolve("10.0.0.1", List.of("198.51.100.1," + hops), PROXIES)).isEqualTo(ip("10.9.9.9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "unknown", "10.0.0"})
    void aPeerThatIsNotAnAddressIsRefused(String peer) {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientAddress.resolve(peer, List.of(), PROXIES));
    }
}
