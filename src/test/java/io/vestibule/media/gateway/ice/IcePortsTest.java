package io.vestibule.media.gateway.ice;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.ice4j.ice.AgentConfig;
import org.ice4j.ice.harvest.HarvestConfig;
import org.ice4j.ice.harvest.MappingCandidateHarvesters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IcePortsTest {
    @Test
    void everyPortOfTheRangeIsBoundOnTheLoopbackAndParticipantsAreSpreadOverThem() throws IOException {
        MediaSettings settings = LoopbackMedia.settings(2);
        try (IcePorts ports = IcePorts.bind(settings);
                IceTransport first = ports.newTransport((datagram, offset, length, from) -> { });
                IceTransport second = ports.newTransport((datagram, offset, length, from) -> { })) {
            assertThat(ports.localAddresses()).containsExactly(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.firstPort()),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.lastPort()));
            assertThat(port(first)).isNotEqualTo(port(second));
            assertThat(ports.openTransports()).isEqualTo(2);
        }
    }

    @Test
    void closingThePortsClosesTheirTransports() throws IOException {
        IcePorts ports = LoopbackMedia.bind(1);
        IceTransport transport = ports.newTransport((datagram, offset, length, from) -> { });

        ports.close();

        assertThat(transport.ended()).isCompletedWithValue(IceEnd.CLOSED);
        assertThat(ports.openTransports()).isZero();
    }

    @Test
    void aPortInUseIsReportedByItsSetting() throws IOException {
        MediaSettings settings = LoopbackMedia.settings(2);
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.lastPort()))) {
            assertThatThrownBy(() -> IcePorts.bind(settings)).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1:" + settings.lastPort()).hasMessageContaining("VESTIBULE_MEDIA_PORT");
        }
    }

    @Test
    void ice4jUsesOnlyWhatWeConfigured() throws IOException {
        LoopbackMedia.bind(1).close();

        assertThat(HarvestConfig.config.useIpv6()).isFalse();
        assertThat(HarvestConfig.config.useLinkLocalAddresses()).isFalse();
        assertThat(HarvestConfig.config.useDynamicPorts()).isFalse();
        assertThat(HarvestConfig.config.udpSocketPoolSize()).isEqualTo(1);
        assertThat(HarvestConfig.config.enableAwsHarvester()).isFalse();
        assertThat(HarvestConfig.config.stunMappingCandidateHarvesterAddresses()).isEmpty();
        assertThat(HarvestConfig.config.getStaticMappings()).isEmpty();
        assertThat(MappingCandidateHarvesters.getHarvesters()).isEmpty();
        assertThat(AgentConfig.config.getUseComponentSocket()).isFalse();
        assertThat(AgentConfig.config.getSoftware()).isEmpty();
        assertThat(AgentConfig.config.getConsentFreshnessInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Boolean.getBoolean("org.ice4j.REQUIRE_MESSAGE_INTEGRITY")).isTrue();
    }

    @Test
    void theConsentTimeoutIsProcessWideAndASecondOneIsRefused() throws IOException {
        LoopbackMedia.bind(1).close();
        MediaSettings other = new MediaSettings(InetAddress.getLoopbackAddress(), 10000, 10000, Optional.empty(),
                LoopbackMedia.ICE_TIMEOUT, LoopbackMedia.CONSENT_TIMEOUT.plusSeconds(1), Optional.empty());

        assertThatIllegalStateException().isThrownBy(() -> IcePorts.bind(other)).withMessageContaining("once per process");
    }

    private static int port(IceTransport transport) {
        return CandidateLine.parse(transport.local().candidates().get(0)).orElseThrow().port();
    }
}
