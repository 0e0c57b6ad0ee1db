package io.vestibule.identity.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.TrustedCertificates;

/**
 * Reads the single sign-on settings ({@code VESTIBULE_OIDC_*}); see docs/admin-guide.md. Returns nothing when no
 * issuer is configured: then the portal offers the directory form only (R-SSO-2).
 */
public final class OidcConfiguration {
    static final String CALLBACK_PATH = "/api/v1/auth/sso/callback";
    static final String SIGNED_OUT_PATH = "/index.html";

    private OidcConfiguration() {
    }

    public static Optional<OidcSettings> from(Config config, CryptoPolicy policy) {
        Optional<String> issuer = config.getOptionalValue("vestibule.oidc.issuer", String.class);
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        URI publicUrl = uri(config.getOptionalValue("vestibule.public.url", String.class).orElse("https://localhost:8443"), "VESTIBULE_PUBLIC_URL");
        String portal = publicUrl.toString().replaceAll("/+$", "");
        return Optional.of(new OidcSettings(
                uri(issuer.get(), "VESTIBULE_OIDC_ISSUER"),
                required(config, "vestibule.oidc.client-id", "VESTIBULE_OIDC_CLIENT_ID"),
                new OidcSettings.ClientSecret(required(config, "vestibule.oidc.client-secret", "VESTIBULE_OIDC_CLIENT_SECRET").toCharArray()),
                URI.create(portal + CALLBACK_PATH),
                URI.create(portal + SIGNED_OUT_PATH),
                Arrays.asList(config.getOptionalValue("vestibule.oidc.scopes", String.class).orElse("openid profile email vestibule")
                        .trim().split("[\\s,]+")),
                config.getOptionalValue("vestibule.oidc.api-audience", String.class).orElse("vestibule-api"),
                config.getOptionalValue("vestibule.oidc.api-scope", String.class).orElse("vestibule"),
                Arrays.stream(config.getOptionalValue("vestibule.oidc.api-clients", String.class).orElse("vestibule-outlook")
                        .trim().split("[\\s,]+")).filter(client -> !client.isBlank()).toList(),
                config.getOptionalValue("vestibule.oidc.portal-group", String.class).filter(group -> !group.isBlank()).map(OidcConfiguration::groupPath),
                trustAnchors(config.getOptionalValue("vestibule.oidc.trust-file", String.class), policy),
                Duration.ofSeconds(config.getOptionalValue("vestibule.oidc.clock-skew-seconds", Integer.class).orElse(30)),
                Duration.ofMillis(config.getOptionalValue("vestibule.oidc.connect-timeout-millis", Integer.class).orElse(3000)),
                Duration.ofMillis(config.getOptionalValue("vestibule.oidc.response-timeout-millis", Integer.class).orElse(5000))));
    }

    /**
     * A group as the provider's full path, the only form that names one group: {@code vestibule-users} alone would
     * match a group of that name under any parent. A name without a leading slash is a top-level group.
     */
    static String groupPath(String group) {
        String path = group.strip();
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String required(Config config, String key, String variable) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(variable + " is required when VESTIBULE_OIDC_ISSUER is set"));
    }

    private static URI uri(String text, String variable) {
        try {
            return new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a valid address");
        }
    }

    /** The trust file's certificates, each checked against the policy: the service does not start on a weak one. */
    private static List<X509Certificate> trustAnchors(Optional<String> file, CryptoPolicy policy) {
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            return TrustedCertificates.readTrustFile(Path.of(file.get()), "VESTIBULE_OIDC_TRUST_FILE", policy);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read VESTIBULE_OIDC_TRUST_FILE: " + e.getMessage(), e);
        }
    }
}
