package io.vestibule.identity.ldap;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.TrustedCertificates;

/**
 * Reads an organisation's directory settings ({@code VESTIBULE_LDAP_*}); see docs/admin-guide.md.
 * Returns nothing when no directory URL is configured.
 */
public final class DirectoryConfiguration {
    private DirectoryConfiguration() {
    }

    public static Optional<DirectorySettings> from(Config config, CryptoPolicy policy) {
        Optional<String> url = config.getOptionalValue("vestibule.ldap.url", String.class);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(url.get());
        DirectorySettings.Transport defaultTransport = "ldaps".equalsIgnoreCase(uri.getScheme())
                ? DirectorySettings.Transport.LDAPS : DirectorySettings.Transport.START_TLS;
        return Optional.of(new DirectorySettings(
                uri,
                config.getOptionalValue("vestibule.ldap.transport", String.class)
                        .map(DirectorySettings.Transport::parse).orElse(defaultTransport),
                config.getOptionalValue("vestibule.ldap.allow-insecure-transport", Boolean.class).orElse(false),
                required(config, "vestibule.ldap.bind-dn"),
                required(config, "vestibule.ldap.bind-password").toCharArray(),
                required(config, "vestibule.ldap.user-base-dn"),
                config.getOptionalValue("vestibule.ldap.user-name-attribute", String.class).orElse("sAMAccountName"),
                config.getOptionalValue("vestibule.ldap.user-object-class", String.class).orElse("user"),
                trustAnchors(config.getOptionalValue("vestibule.ldap.trust-file", String.class), policy),
                config.getOptionalValue("vestibule.ldap.portal-group-dn", String.class),
                config.getOptionalValue("vestibule.ldap.connect-timeout-millis", Integer.class).orElse(3000),
                config.getOptionalValue("vestibule.ldap.response-timeout-millis", Integer.class).orElse(5000)));
    }

    private static String required(Config config, String key) {
        return config.getOptionalValue(key, String.class).orElseThrow(() -> new IllegalArgumentException(
                key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT) + " is required when VESTIBULE_LDAP_URL is set"));
    }

    /** The trust file's certificates, each checked against the policy: the service does not start on a weak one. */
    private static List<X509Certificate> trustAnchors(Optional<String> file, CryptoPolicy policy) {
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            return TrustedCertificates.readTrustFile(Path.of(file.get()), "VESTIBULE_LDAP_TRUST_FILE", policy);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read VESTIBULE_LDAP_TRUST_FILE: " + e.getMessage(), e);
        }
    }
}
