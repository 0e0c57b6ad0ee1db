package io.vestibule.crypto.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "::1", "[::1]", "fe80::1", "2001:db8::42", "0:0:0:0:0:0:0:1"})
    void recognisesIpLiterals(String host) {
        assertThat(HostNames.isIpLiteral(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "meet.example.org", "10.example.org", "host-127-0-0-1",
            "999.1.1.1", "256.0.0.1", "1.2.3", "foo:bar", "zz::1", "host:8443"})
    void namesAreNotIpLiterals(String host) {
        assertThat(HostNames.isIpLiteral(host)).isFalse();
    }

    @Test
    void namesAreLowerCased() {
        assertThat(HostNames.normalise("Meet.Example.ORG")).isEqualTo("meet.example.org");
    }

    @Test
    void theFormsOfAnIpv6AddressCompareEqual() {
        String canonical = HostNames.normalise("::1");
        assertThat(HostNames.normalise("[::1]")).isEqualTo(canonical);
        assertThat(HostNames.normalise("0:0:0:0:0:0:0:1")).isEqualTo(canonical);
        assertThat(HostNames.normalise("2001:DB8::42")).isEqualTo(HostNames.normalise("2001:db8:0:0:0:0:0:42"));
        assertThat(HostNames.normalise("::2")).isNotEqualTo(canonical);
    }

    @Test
    void ipv4LiteralsStayAsTheyAre() {
        assertThat(HostNames.normalise("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(HostNames.normalise("10.1.2.3")).isNotEqualTo(HostNames.normalise("10.1.2.4"));
    }
}
