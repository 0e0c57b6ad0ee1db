package io.vestibule.media.gateway.ice;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.vestibule.platform.net.AddressRanges;

/**
 * Where the media gateway listens for ICE and what it tells browsers ({@code VESTIBULE_MEDIA_*}).
 *
 * @param bindAddress the address the UDP ports are bound to; the wildcard binds every interface
 * @param firstPort the first UDP port; every participant shares one port of the range (demultiplexed by ICE ufrag)
 * @param lastPort the last UDP port, equal to {@code firstPort} for a single port
 * @param advertisedAddress the address put in our ICE candidates when it differs from the bound one (a 1:1 NAT,
 *        a wildcard bind); browsers send to it
 * @param iceTimeout how long a participant's connectivity checks may take before the transport fails
 * @param consentTimeout how long a connected peer may leave consent checks (RFC 7675) unanswered before its
 *        transport ends
 * @param allowedPeers the addresses browsers may reach the gateway from, when it is limited to some networks; a
 *        connectivity check from elsewhere is not answered
 */
public record MediaSettings(
        InetAddress bindAddress,
        int firstPort,
        int lastPort,
        Optional<InetAddress> advertisedAddress,
        Duration iceTimeout,
        Duration consentTimeout,
        Optional<AddressRanges> allowedPeers) {

    static final String BIND_ADDRESS = "vestibule.media.bind-address";
    static final String PORT = "vestibule.media.port";
    static final String ADVERTISED_ADDRESS = "vestibule.media.advertised-address";
    static final String ICE_TIMEOUT = "vestibule.media.ice-timeout-seconds";
    static final String CONSENT_TIMEOUT = "vestibule.media.consent-timeout-seconds";
    static final String ALLOWED_PEERS = "vestibule.media.allowed-peers";

    static final int LOWEST_PORT = 1024;
    static final int HIGHEST_PORT = 65535;
    /**
     * Loopback, so that a first start exposes no media port and needs no address of its own: browsers on this machine
     * (the demo) reach it; a real installation binds its media network and, behind NAT, advertises its address.
     */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** Each bound port has its own receiving thread in ice4j, so a range is a handful of ports, not thousands. */
    static final int MAX_PORTS = 64;
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(3);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public MediaSettings {
        if (firstPort < LOWEST_PORT || lastPort > HIGHEST_PORT || firstPort > lastPort) {
            throw new IllegalArgumentException(environmentName(PORT) + " must be a port or a range first-last between "
                    + LOWEST_PORT + " and " + HIGHEST_PORT + ", not " + firstPort + (firstPort == lastPort ? "" : "-" + lastPort));
        }
        if (lastPort - firstPort + 1 > MAX_PORTS) {
            throw new IllegalArgumentException(environmentName(PORT) + " may name at most " + MAX_PORTS + " ports, not "
                    + (lastPort - firstPort + 1));
        }
        requireUsable(bindAddress, BIND_ADDRESS);
        if (advertisedAddress.isPresent()) {
            requireUsable(advertisedAddress.get(), ADVERTISED_ADDRESS);
            if (advertisedAddress.get().isAnyLocalAddress()) {
                throw new IllegalArgumentException(environmentName(ADVERTISED_ADDRESS)
                        + " must be an address browsers can send to, not the wildcard " + advertisedAddress.get().getHostAddress());
            }
        } else if (bindAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException(environmentName(ADVERTISED_ADDRESS) + " is required when "
                    + environmentName(BIND_ADDRESS) + " is the wildcard " + bindAddress.getHostAddress()
                    + ": browsers must be told one address to send to");
        }
        requireBetween(iceTimeout, ICE_TIMEOUT);
        requireBetween(consentTimeout, CONSENT_TIMEOUT);
    }

    public static MediaSettings from(Config config) {
        String ports = setting(config, PORT).orElse("10000");
        int dash = ports.indexOf('-');
        int first = port(dash < 0 ? ports : ports.substring(0, dash), ports);
        int last = dash < 0 ? first : port(ports.substring(dash + 1), ports);
        return new MediaSettings(
                ipLiteral(setting(config, BIND_ADDRESS).orElse(DEFAULT_BIND_ADDRESS), BIND_ADDRESS),
                first,
                last,
                setting(config, ADVERTISED_ADDRESS).map(text -> ipLiteral(text, ADVERTISED_ADDRESS)),
                seconds(setting(config, ICE_TIMEOUT).orElse("30"), ICE_TIMEOUT),
                seconds(setting(config, CONSENT_TIMEOUT).orElse("30"), CONSENT_TIMEOUT),
                setting(config, ALLOWED_PEERS).map(MediaSettings::ranges));
    }

    public int portCount() {
        return lastPort - firstPort + 1;
    }

    /** The address browsers send to: the advertised one, or the bound one. */
    public InetAddress candidateAddress() {
        return advertisedAddress.orElse(bindAddress);
    }

    /**
     * An IP literal only: a host name would be resolved here, once, and the gateway would bind or advertise whatever
     * DNS answered that day.
     */
    static InetAddress ipLiteral(String text, String key) {
        String value = text.strip();
        if (!isIpLiteral(value)) {
            throw new IllegalArgumentException(environmentName(key) + " must be an IP address, not '" + value + "'");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(environmentName(key) + " must be an IP address, not '" + value + "'", e);
        }
    }

    /** Whether the text is an IPv4 or IPv6 address rather than a name that would need resolving. */
    static boolean isIpLiteral(String text) {
        return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
    }

    private static void requireUsable(InetAddress address, String key) {
        if (address.isMulticastAddress()) {
            throw new IllegalArgumentException(environmentName(key) + " must not be a multicast address: " + address.getHostAddress());
        }
        if (address instanceof Inet6Address && address.isLinkLocalAddress()) {
            throw new IllegalArgumentException(environmentName(key) + " must not be an IPv6 link-local address: "
                    + address.getHostAddress());
        }
    }

    private static void requireBetween(Duration timeout, String key) {
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(environmentName(key) + " must be between " + MIN_TIMEOUT.toSeconds()
                    + " and " + MAX_TIMEOUT.toSeconds() + ", not " + timeout.toSeconds());
        }
    }

    private static int port(String text, String whole) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(environmentName(PORT) + " must be a port such as 10000 or a range such as"
                    + " 10000-10003, not '" + whole + "'");
        }
    }

    private static Duration seconds(String text, String key) {
        try {
            return Duration.ofSeconds(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(environmentName(key) + " must be a number of seconds, not '" + text + "'");
        }
    }

    private static AddressRanges ranges(String text) {
        try {
            return AddressRanges.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(environmentName(ALLOWED_PEERS) + " must be address ranges such as 10.0.0.0/8,192.0.2.7: "
                    + e.getMessage(), e);
        }
    }

    /** Whether a browser at this address may reach the gateway. */
    public boolean allowsPeer(InetAddress address) {
        return allowedPeers.map(ranges -> ranges.contains(address)).orElse(true);
    }

    private static Optional<String> setting(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank());
    }

    /** The environment variable of a key, as MicroProfile Config maps it. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
