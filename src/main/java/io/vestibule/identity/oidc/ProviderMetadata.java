package io.vestibule.identity.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * What the portal needs from the provider's discovery document (OpenID Connect Discovery §3), checked as it is
 * read: the issuer must be exactly the configured one (§4.3, so a document cannot speak for another provider),
 * every endpoint secure, and S256 among the PKCE methods when the provider lists them.
 */
record ProviderMetadata(
        String issuer,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI jwksUri,
        Optional<URI> endSessionEndpoint) {

    static ProviderMetadata parse(String json, OidcSettings settings, String pkceMethod) throws ProviderUnavailable {
        Map<String, Object> document;
        try {
            document = JSONObjectUtils.parse(json, ProviderConnection.MAX_ANSWER_BYTES);
        } catch (ParseException | RuntimeException e) {
            throw new ProviderUnavailable("The provider's discovery document is not a JSON object");
        }
        if (!settings.issuerId().equals(document.get("issuer"))) {
            throw new ProviderUnavailable("The provider's discovery document names another issuer than VESTIBULE_OIDC_ISSUER");
        }
        if (document.get("code_challenge_methods_supported") instanceof List<?> methods && !methods.contains(pkceMethod)) {
            throw new ProviderUnavailable("The provider does not support PKCE with " + pkceMethod);
        }
        URI issuer = settings.issuer();
        return new ProviderMetadata(settings.issuerId(),
                endpoint(document, "authorization_endpoint", issuer).orElseThrow(() -> missing("authorization_endpoint")),
                endpoint(document, "token_endpoint", issuer).orElseThrow(() -> missing("token_endpoint")),
                endpoint(document, "jwks_uri", issuer).orElseThrow(() -> missing("jwks_uri")),
                endpoint(document, "end_session_endpoint", issuer));
    }

    /** A secure address on the issuer's own origin: a discovery document cannot send tokens or keys elsewhere. */
    private static Optional<URI> endpoint(Map<String, Object> document, String name, URI issuer) throws ProviderUnavailable {
        if (!(document.get(name) instanceof String text)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            OidcSettings.requireSecureEndpoint(uri, name);
            if (!sameOrigin(uri, issuer)) {
                throw new ProviderUnavailable("The provider's " + name + " is not on the issuer's origin (" + issuer.getScheme() + "://"
                        + issuer.getAuthority() + ")");
            }
            return Optional.of(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ProviderUnavailable("The provider's " + name + " is not a secure address");
        }
    }

    private static boolean sameOrigin(URI endpoint, URI issuer) {
        return endpoint.getScheme().equalsIgnoreCase(issuer.getScheme()) && endpoint.getHost().equalsIgnoreCase(issuer.getHost())
                && port(endpoint) == port(issuer);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static ProviderUnavailable missing(String name) {
        return new ProviderUnavailable("The provider's discovery document has no " + name);
    }
}
