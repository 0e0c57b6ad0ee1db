package io.vestibule.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AddressRangeTest {

    @Test
    void anIpv4RangeHoldsItsFirstAndLastAddressAndNothingOutside() {
        AddressRange range = AddressRange.parse("10.20.0.0/16");
        assertThat(range.contains(ip("10.20.0.0"))).isTrue();
        assertThat(range.contains(ip("10.20.255.255"))).isTrue();
        assertThat(range.contains(ip("10.19.255.255"))).isFalse();
        assertThat(range.contains(ip("10.21.0.0"))).isFalse();
        assertThat(range).hasToString("10.20.0.0/16");
    }

    @Test
    void aPrefixThatIsNotAByteBoundaryCutsInsideAByte() {
        AddressRange range = AddressRange.parse("192.0.2.64/27");
        assertThat(range.contains(ip("192.0.2.63"))).isFalse();
        assertThat(range.contains(ip("192.0.2.64"))).isTrue();
        assertThat(range.contains(ip("192.0.2.95"))).isTrue();
        assertThat(range.contains(ip("192.0.2.96"))).isFalse();
    }

    @Test
    void anIpv6RangeHoldsItsFirstAndLastAddressAndNothingOutside() {
        AddressRange range = AddressRange.parse("2001:db8::/32");
        assertThat(range.contains(ip("2001:db8::"))).isTrue();
        assertThat(range.contains(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(range.contains(ip("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff"))).isFalse();
        assertThat(range.contains(ip("2001:db9::"))).isFalse();
        assertThat(range).hasToString("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void aBareAddressIsARangeOfThatOneAddress() {
        AddressRange v4 = AddressRange.parse("198.51.100.7");
        assertThat(v4.prefixLength()).isEqualTo(32);
        assertThat(v4.contains(ip("198.51.100.7"))).isTrue();
        assertThat(v4.contains(ip("198.51.100.6"))).isFalse();
        assertThat(v4.contains(ip("198.51.100.8"))).isFalse();
        assertThat(AddressRange.parse("198.51.100.7/32")).isEqualTo(v4);

        AddressRange v6 = AddressRange.parse("2001:db8::7");
        assertThat(v6.prefixLength()).isEqualTo(128);
        assertThat(v6.contains(ip("2001:db8:0:0:0:0:0:7"))).isTrue();
        assertThat(v6.contains(ip("2001:db8::8"))).isFalse();
        assertThat(AddressRange.parse("[2001:db8::7]/128")).isEqualTo(v6);
    }

    @Test
    void slashZeroHoldsEveryAddressOfItsFamilyOnly() {
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("255.255.255.255"))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("0.0.0.0"))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("2001:db8::1"))).isFalse();
        assertThat(AddressRange.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(AddressRange.parse("::/0").contains(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() throws UnknownHostException {
        AddressRange range = AddressRange.parse("192.0.2.0/24");
        assertThat(range.contains(ip("::ffff:192.0.2.10"))).isTrue();
        // Built from raw bytes the JDK keeps the IPv6 form; it still counts as IPv4.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 10};
        assertThat(range.contains(java.net.Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        assertThat(AddressRange.parse("::ffff:192.0.2.0/120")).isEqualTo(range);
        assertThat(AddressRange.parse("::ffff:192.0.2.10").contains(ip("192.0.2.10"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "10.0.0.0/", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/+8",
            "10.0.0.0/8/8", "10.0.0/8", "10.0.0.256", "010.0.0.1", "1.2.3.4.5", "2001:db8:::1", "::ffff:10.0.0.0/8",
            "[10.0.0.1]", "fe80::1%eth0", "10.0.0.0/ 8", "10.0.0.0/0008", "１０.0.0.1", "0x0a000001", "167772161"})
    void refusesGarbage(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(text));
    }

    @Test
    void refusesNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(null));
    }

    /** Names that resolve (localhost always does) are refused all the same: the text never reaches a resolver. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost/32", "example.com", "example.com/24", "proxy.internal/8"})
    void refusesHostNames(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse(text))
                .withMessageContaining("Not an IP address");
    }

    @Test
    void refusesHostBitsAndNamesTheNetwork() {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("10.1.2.3/8"))
                .withMessageContaining("10.0.0.0/8");
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("2001:db8::1/32"))
                .withMessageContaining("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void rangesParseFromACommaSeparatedSetting() {
        AddressRanges ranges = AddressRanges.parse(" 10.0.0.0/8, 2001:db8::/32 ,192.0.2.7,");
        assertThat(ranges.ranges()).hasSize(3);
        assertThat(ranges.contains(ip("10.9.9.9"))).isTrue();
        assertThat(ranges.contains(ip("2001:db8::9"))).isTrue();
        assertThat(ranges.contains(ip("192.0.2.7"))).isTrue();
        assertThat(ranges.contains(ip("192.0.2.8"))).isFalse();
        assertThat(ranges).hasToString("10.0.0.0/8,2001:db8:0:0:0:0:0:0/32,192.0.2.7/32");
    }

    @Test
    void anEmptySettingIsAnEmptyList() {
        assertThat(AddressRanges.parse("").isEmpty()).isTrue();
        assertThat(AddressRanges.parse("  ").isEmpty()).isTrue();
        assertThat(AddressRanges.parse(null).isEmpty()).isTrue();
        assertThat(AddressRanges.parse("").contains(ip("127.0.0.1"))).isFalse();
    }

    @Test
    void oneBadItemRefusesTheWholeSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> AddressRanges.parse("10.0.0.0/8, proxy.example.com"))
                .withMessageContaining("proxy.example.com");
    }

    static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow(() -> new AssertionError("Not an IP literal: " + literal));
    }
}
