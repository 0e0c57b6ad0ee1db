package io.vestibule.media.gateway.ice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateLineTest {
    @Test
    void aChromiumHostCandidateIsRead() {
        CandidateLine line = CandidateLine.parse(
                "a=candidate:2437072876 1 udp 2122260223 192.168.1.20 54400 typ host generation 0 network-id 1 network-cost 10")
                .orElseThrow();

        assertThat(line).isEqualTo(new CandidateLine("2437072876", 1, "udp", 2122260223L, "192.168.1.20", 54400, "host"));
        assertThat(line.toString()).isEqualTo("candidate:2437072876 1 udp 2122260223 192.168.1.20 54400 typ host");
    }

    @Test
    void aServerReflexiveCandidateKeepsItsTypeAndDropsTheRelatedAddress() {
        assertThat(CandidateLine.parse("candidate:842163049 1 UDP 1686052607 203.0.113.9 61000 typ srflx raddr 192.168.1.20 rport 54400"))
                .hasValueSatisfying(line -> {
                    assertThat(line.transport()).isEqualTo("udp");
                    assertThat(line.type()).isEqualTo("srflx");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a=ice-ufrag:abcd", "candidate:1 1 udp", "candidate:1 x udp 1 10.0.0.1 9 typ host",
            "candidate:1 1 udp 1 10.0.0.1 9 type host", "candidate:1 1 udp 99999999999999999999 10.0.0.1 9 typ host"})
    void whatIsNotACandidateLineIsNothing(String text) {
        assertThat(CandidateLine.parse(text)).isEmpty();
    }
}
