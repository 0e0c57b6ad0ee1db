package io.vestibule.identity.oidc;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the portal reaches its OpenID provider (R-SSO-1, R-SSO-3): the issuer, the portal's confidential client, and
 * what a bearer token for the API must carry.
 *
 * @param issuer the provider's issuer identifier, exactly as its tokens name it; discovery is read below it
 * @param redirectUri where the provider sends the browser back (registered exactly at the provider)
 * @param postLogoutRedirectUri where the provider sends the browser after signing out (registered exactly too)
 * @param scopes requested at sign-in; {@code openid} first
 * @param apiAudience the {@code aud} an access token must name to be accepted by the API
 * @param apiScope the scope an access token must hold to be accepted by the API
 * @param portalGroup when present, only members of this group may use the portal: its full path (such as
 *     {@code /vestibule-users}), compared exactly with the full paths of the token's {@code groups} claim
 * @param trustAnchors certificates the provider's HTTPS chain must lead to; empty means the JVM's trust store
 */
public record OidcSettings(
        URI issuer,
        String clientId,
        ClientSecret clientSecret,
        URI redirectUri,
        URI postLogoutRedirectUri,
        List<String> scopes,
        String apiAudience,
        String apiScope,
        List<String> apiClients,
        Optional<String> portalGroup,
        List<X509Certificate> trustAnchors,
        Duration clockSkew,
        Duration connectTimeout,
        Duration requestTimeout) {

    /** The issuer is a column of the user's identity (issuer, subject), which holds 255 characters. */
    static final int MAX_ISSUER_LENGTH = 255;
    /** More tolerance than this would let a token live minutes beyond its expiry. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(120);

    public OidcSettings {
        scopes = List.copyOf(scopes);
        apiClients = List.copyOf(apiClients);
        if (apiClients.isEmpty()) {
            throw new IllegalArgumentException("VESTIBULE_OIDC_API_CLIENTS must name at least one client");
        }
        trustAnchors = List.copyOf(trustAnchors);
        requireSecureEndpoint(issuer, "The issuer");
        if (issuer.getQuery() != null || issuer.getFragment() != null) {
            throw new IllegalArgumentException("The issuer may have no query or fragment (OpenID Connect Discovery §2)");
        }
        if (issuer.toString().length() > MAX_ISSUER_LENGTH) {
            throw new IllegalArgumentException("The issuer is longer than " + MAX_ISSUER_LENGTH + " characters");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("VESTIBULE_OIDC_CLOCK_SKEW_SECONDS must be between 0 and " + MAX_CLOCK_SKEW.toSeconds());
        }
        if (clientId.isBlank() || apiAudience.isBlank() || apiScope.isBlank()) {
            throw new IllegalArgumentException("The client id, the API audience and the API scope must not be empty");
        }
        if (scopes.isEmpty() || !scopes.get(0).equals("openid")) {
            throw new IllegalArgumentException("The requested scopes must start with openid");
        }
        if (!"https".equals(redirectUri.getScheme()) || !"https".equals(postLogoutRedirectUri.getScheme())) {
            throw new IllegalArgumentException("The portal's redirect addresses must be https:// (VESTIBULE_PUBLIC_URL)");
        }
    }

    /**
     * Refuses an endpoint that is not HTTPS. Plain HTTP is accepted on the loopback interface only, where nothing
     * crosses a network: a provider on the same machine, as the evaluation set-up in deploy/ runs it.
     */
    static void requireSecureEndpoint(URI endpoint, String what) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(endpoint.getHost()))) {
            throw new IllegalArgumentException(what + " must be an https:// address (http:// only on the loopback interface): " + endpoint);
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The discovery document's address (OpenID Connect Discovery §4): the issuer, then {@code /.well-known/openid-configuration}. */
    public URI discoveryUri() {
        String base = issuer.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/.well-known/openid-configuration");
    }

    /** The issuer as it keys user accounts (with the subject) and as tokens must name it. */
    public String issuerId() {
        return issuer.toString();
    }

    /** The portal client's secret; its text never appears in {@code toString}, logs or answers. */
    public static final class ClientSecret {
        private final char[] value;

        public ClientSecret(char[] value) {
            if (value.length == 0) {
                throw new IllegalArgumentException("The client secret must not be empty");
            }
            this.value = value.clone();
        }

        char[] value() {
            return value.clone();
        }

        @Override
        public String toString() {
            return "[redacted]";
        }
    }
}
