package io.vestibule.platform.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a
 * network of that one address. An IPv4-mapped IPv6 network ({@code ::ffff:10.0.0.0/104}) is the IPv4 network it
 * maps, and an IPv4-mapped address is a member of the IPv4 networks. Host bits must be zero: {@code 10.1.2.3/8}
 * is refused rather than quietly widened, since these ranges decide who is trusted or exempt.
 */
public final class AddressRange {
    private static final Pattern PREFIX_LENGTH = Pattern.compile("\\d{1,3}");
    private static final int IPV4_BITS = 32;
    private static final int IPV6_BITS = 128;
    private static final int MAPPED_BITS = IPV6_BITS - IPV4_BITS;
    private static final int LONGEST_TEXT = 100;

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses CIDR notation; refuses anything else, host names included, with an IllegalArgumentException. */
    public static AddressRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An address range is required");
        }
        String cidr = text.strip();
        if (cidr.length() > LONGEST_TEXT) {
            throw new IllegalArgumentException("Not an address range: longer than " + LONGEST_TEXT + " characters");
        }
        int slash = cidr.indexOf('/');
        String addressText = slash < 0 ? cidr : cidr.substring(0, slash);
        InetAddress address = IpLiteral.parse(addressText)
                .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR range: " + cidr));
        boolean mapped = address instanceof Inet4Address && addressText.contains(":");
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = cidr.substring(slash + 1);
            if (!PREFIX_LENGTH.matcher(prefixText).matches()) {
                throw new IllegalArgumentException("Not a prefix length in " + cidr);
            }
            prefix = Integer.parseInt(prefixText);
            if (mapped) {
                if (prefix < MAPPED_BITS || prefix > IPV6_BITS) {
                    throw new IllegalArgumentException("An IPv4-mapped range needs a prefix of 96 to 128 bits: " + cidr);
                }
                prefix -= MAPPED_BITS;
            } else if (prefix > bits) {
                throw new IllegalArgumentException("The prefix of " + cidr + " is longer than " + bits + " bits");
            }
        }
        byte[] bytes = address.getAddress();
        if (!Arrays.equals(bytes, masked(bytes, prefix))) {
            String network = mapped ? "::ffff:" + text(masked(bytes, prefix)) + "/" + (prefix + MAPPED_BITS)
                    : text(masked(bytes, prefix)) + "/" + prefix;
            throw new IllegalArgumentException(cidr + " has bits set after its prefix; the network is " + network);
        }
        return new AddressRange(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = IpLiteral.unmapped(address).getAddress();
        return candidate.length == network.length && Arrays.equals(masked(candidate, prefixLength), network);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public InetAddress network() {
        return address(network);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int bit = prefix; bit < result.length * 8; bit++) {
            result[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return result;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("An address of 4 or 16 bytes is always valid", e);
        }
    }

    private static String text(byte[] bytes) {
        return address(bytes).getHostAddress();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text(network) + "/" + prefixLength;
    }
}
