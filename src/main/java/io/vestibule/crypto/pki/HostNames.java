package io.vestibule.crypto.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host names and IP literals as they appear in subjectAltName entries; never resolves a name through DNS. */
public final class HostNames {
    private static final Pattern IPV4_LITERAL = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    // Only what the JDK parses as an IPv6 literal itself: hex digits, colons, and a dotted IPv4 tail.
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private HostNames() {
    }

    public static boolean isIpLiteral(String host) {
        String bare = stripBrackets(host);
        return IPV4_LITERAL.matcher(bare).matches() || IPV6_LITERAL.matcher(bare).matches();
    }

    /** Lower-case names; IP literals in the JDK's canonical text form, so "::1" and "0:0:0:0:0:0:0:1" compare equal. */
    public static String normalise(String host) {
        String bare = stripBrackets(host.toLowerCase(Locale.ROOT));
        if (!isIpLiteral(bare)) {
            return bare;
        }
        try {
            return InetAddress.getByName(bare).getHostAddress();
        } catch (UnknownHostException e) {
            return bare;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
