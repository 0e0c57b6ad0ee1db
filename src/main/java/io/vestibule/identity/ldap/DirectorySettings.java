package io.vestibule.identity.ldap;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach and read a directory (R-ADM-3). The transport is StartTLS on an {@code ldap://} URL or TLS on an
 * {@code ldaps://} URL; a plaintext connection is refused unless {@code allowInsecureTransport} is set.
 *
 * @param trustAnchors certificates the server's chain must lead to; empty means the JDK's trust store
 * @param portalGroupDn when present, only members (directly or through nested groups) may use the portal
 */
public record DirectorySettings(
        URI url,
        Transport transport,
        boolean allowInsecureTransport,
        String bindDn,
        char[] bindPassword,
        String userBaseDn,
        String userNameAttribute,
        String userObjectClass,
        List<X509Certificate> trustAnchors,
        Optional<String> portalGroupDn,
        int connectTimeoutMillis,
        int responseTimeoutMillis) {

    public enum Transport {
        START_TLS, LDAPS, PLAINTEXT;

        public static Transport parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "starttls" -> START_TLS;
                case "ldaps", "tls" -> LDAPS;
                case "none", "plaintext", "plain" -> PLAINTEXT;
                default -> throw new IllegalArgumentException("Unknown LDAP transport '" + text + "'; use starttls, ldaps or none");
            };
        }
    }

    public DirectorySettings {
        trustAnchors = List.copyOf(trustAnchors);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new IllegalArgumentException("The directory URL must start with ldap:// or ldaps://");
        }
        if (scheme.equals("ldaps") != (transport == Transport.LDAPS)) {
            throw new IllegalArgumentException("Use an ldaps:// URL with the ldaps transport and an ldap:// URL otherwise");
        }
        if (transport == Transport.PLAINTEXT && !allowInsecureTransport) {
            throw new IllegalArgumentException("Plaintext LDAP is refused; use StartTLS or LDAPS, or set allow insecure transport");
        }
    }

    public String host() {
        return url.getHost();
    }

    public int port() {
        return url.getPort() > 0 ? url.getPort() : transport == Transport.LDAPS ? 636 : 389;
    }

    /**
     * Whether these settings may carry the bind password saved with {@code saved}: the same host, port and transport,
     * and plaintext allowed only if it was then. Anything else could send the stored password to another server.
     */
    public boolean mayBeSentBindPasswordOf(DirectorySettings saved) {
        return host() != null && host().equalsIgnoreCase(saved.host()) && port() == saved.port() && transport == saved.transport
                && (!allowInsecureTransport || saved.allowInsecureTransport);
    }

    @Override
    public String toString() {
        return "DirectorySettings[" + url + ", " + transport + ", bindDn=" + bindDn + "]";
    }
}
