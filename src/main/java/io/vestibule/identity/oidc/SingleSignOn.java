package io.vestibule.identity.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import com.nimbusds.jwt.JWTClaimsSet;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.identity.oidc.SsoRefused.Reason;

/**
 * The portal as an OpenID Connect client of the organisation's provider (Keycloak), when {@code VESTIBULE_OIDC_ISSUER}
 * is set: the authorization-code flow with PKCE for browsers (R-SSO-1), RP-initiated logout, and the verification of
 * access tokens API clients present (R-SSO-3). Each step is a small class of this package; this one wires them.
 */
@ApplicationScoped
public class SingleSignOn {
    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());
    /** Long enough to type a password and answer a second factor; the sign-in cookie lives as long. */
    static final Duration SIGN_IN_LIFETIME = Duration.ofMinutes(10);
    private static final Duration KEY_REFRESH_INTERVAL = Duration.ofSeconds(10);
    private static final Duration KEY_MAXIMUM_AGE = Duration.ofHours(1);

    private Config config;
    private CryptoPolicy policy;
    private SecureRandom random;
    private Clock clock;
    private CaTrustStore caStore;
    private Wiring wiring;

    @Inject
    public SingleSignOn(Config config, CryptoPolicy policy, SecureRandom random, Clock clock, CaTrustStore caStore) {
        this.caStore = caStore;
        this.config = config;
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected SingleSignOn() {
    }

    /** The parts of a configured sign-on, built once from the settings. */
    private record Wiring(OidcSettings settings, OpenIdProvider provider, SealedSignIns signIns, IdTokenValidator idTokens,
                          AccessTokenVerifier accessTokens) {
    }

    /** Where to send the browser to sign in, and the sealed request for its cookie. */
    public record Redirect(URI authorizationUri, String cookie, Duration lifetime) {
        @Override
        public String toString() {
            return "Redirect[" + lifetime + "]";
        }
    }

    /** A completed sign-in: who signed in, the ID token kept for sign-out, and the page to go to. */
    public record Completed(SsoIdentity identity, IdTokenHint idToken, String next) {
    }

    /** What the provider's redirect back to the portal carried (the query of the callback). */
    public record Callback(String code, String state, String issuer, String error) {
    }

    void startAtDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 120) @Initialized(ApplicationScoped.class) Object started) {
        OidcConfiguration.from(config, policy).ifPresentOrElse(settings -> {
            wiring = wire(settings, policy, random, clock, caStore::certificates);
            LOG.info(() -> "Portal users sign in through " + settings.issuerId() + " as client " + settings.clientId()
                    + "; API bearer tokens need audience " + settings.apiAudience() + " and scope " + settings.apiScope());
        }, () -> LOG.info("Single sign-on is not configured (VESTIBULE_OIDC_ISSUER): the portal offers the directory form only"));
    }

    /** A configured instance outside the container, for tests. */
    static SingleSignOn of(OidcSettings settings, CryptoPolicy policy, SecureRandom random, Clock clock) {
        SingleSignOn sso = new SingleSignOn(null, policy, random, clock, null);
        sso.wiring = wire(settings, policy, random, clock, List::of);
        return sso;
    }

    static Wiring wire(OidcSettings settings, CryptoPolicy policy, SecureRandom random, Clock clock,
                       Supplier<List<X509Certificate>> caStore) {
        OpenIdProvider provider = new OpenIdProvider(settings, new ProviderConnection(settings, policy, caStore), policy, clock);
        IssuerKeys keys = new IssuerKeys(provider::keySet, policy, clock, KEY_REFRESH_INTERVAL, KEY_MAXIMUM_AGE);
        return new Wiring(settings, provider, new SealedSignIns(policy, random, clock, SIGN_IN_LIFETIME),
                new IdTokenValidator(settings, keys, policy, clock), new AccessTokenVerifier(settings, keys, policy, clock));
    }

    public boolean enabled() {
        return wiring != null;
    }

    public Optional<OidcSettings> settings() {
        return Optional.ofNullable(wiring).map(Wiring::settings);
    }

    /**
     * Starts a sign-in: a request with fresh state, nonce and PKCE verifier, sealed for the browser's cookie, and the
     * provider's authorization address for the browser. Only state, nonce and the code challenge go into that address
     * (OpenID Connect Core §3.1.2.1); the verifier travels sealed, readable by this service alone.
     */
    public Redirect begin(String next) throws SsoRefused {
        Wiring on = require();
        ProviderMetadata metadata;
        try {
            metadata = on.provider().checked();
        } catch (ProviderUnavailable e) {
            LOG.warning(() -> "Single sign-on is unavailable: " + e.getMessage());
            throw new SsoRefused(Reason.UNAVAILABLE, e.getMessage());
        }
        SealedSignIns.Begun begun = on.signIns().begin(next);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", on.settings().clientId());
        query.put("redirect_uri", on.settings().redirectUri().toString());
        query.put("scope", String.join(" ", on.settings().scopes()));
        query.put("state", begun.request().state());
        query.put("nonce", begun.request().nonce());
        query.put("code_challenge", Pkce.challenge(begun.request().codeVerifier(), policy));
        query.put("code_challenge_method", policy.pkceChallengeMethod());
        return new Redirect(withQuery(metadata.authorizationEndpoint(), query), begun.cookie(), on.signIns().lifetime());
    }

    /**
     * Completes a sign-in from the provider's redirect: the request sealed in the browser's cookie (once),
     * the state, the issuer of the answer when the provider names it (RFC 9207), the provider's error, the code
     * exchanged with the PKCE verifier, the ID token's checks with the request's nonce, and the portal group.
     */
    public Completed complete(String cookie, Callback callback) throws SsoRefused {
        Wiring on = require();
        PendingSignIn request = on.signIns().open(cookie)
                .orElseThrow(() -> new SsoRefused(Reason.EXPIRED, "no live sign-in for this browser"));
        if (!request.stateMatches(callback.state())) {
            throw new SsoRefused(Reason.FAILED, "the state does not match this browser's sign-in");
        }
        if (callback.issuer() != null && !callback.issuer().equals(on.settings().issuerId())) {
            throw new SsoRefused(Reason.FAILED, "the answer names another issuer");
        }
        if (callback.error() != null) {
            throw new SsoRefused(Reason.DENIED, "the provider answered " + (callback.error().matches("[a-z_]{1,40}") ? callback.error() : "an error"));
        }
        if (callback.code() == null || callback.code().isEmpty()) {
            throw new SsoRefused(Reason.FAILED, "the answer has no code");
        }
        String idToken = on.provider().exchange(callback.code(), request.codeVerifier());
        JWTClaimsSet claims;
        try {
            claims = on.idTokens().validate(idToken, request.nonce());
        } catch (ProviderTokenRejected rejected) {
            throw new SsoRefused(Reason.FAILED, "the ID token was refused (" + rejected.rejection().code() + ")");
        }
        if (!on.signIns().spend(request)) {
            throw new SsoRefused(Reason.EXPIRED, "this browser's sign-in was already completed");
        }
        SsoIdentity identity = permitted(on, SsoIdentity.of(claims));
        return new Completed(identity, new IdTokenHint(idToken), request.next());
    }

    /** Who an API client's access token names, once it passed every check (including the portal group). */
    public SsoIdentity bearer(String accessToken) throws ProviderTokenRejected, SsoRefused {
        Wiring on = require();
        return permitted(on, SsoIdentity.of(on.accessTokens().verify(accessToken)));
    }

    /**
     * Where to send the browser to end the provider's session too (RP-Initiated Logout 1.0): the end-session
     * endpoint with the session's ID token as hint and the registered address to come back to. Empty when the
     * provider names no such endpoint or cannot be reached now.
     */
    public Optional<URI> endSessionUri(IdTokenHint idToken) {
        if (wiring == null) {
            return Optional.empty();
        }
        Wiring on = wiring;
        return on.provider().endSessionEndpoint().map(endpoint -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("id_token_hint", idToken.value());
            query.put("post_logout_redirect_uri", on.settings().postLogoutRedirectUri().toString());
            query.put("client_id", on.settings().clientId());
            return withQuery(endpoint, query);
        });
    }

    /** Whether the provider's discovery document can be read now (readiness); true when single sign-on is off. */
    public boolean reachable() {
        if (wiring == null) {
            return true;
        }
        try {
            wiring.provider().current();
            return true;
        } catch (ProviderUnavailable e) {
            return false;
        }
    }

    private static SsoIdentity permitted(Wiring on, SsoIdentity identity) throws SsoRefused {
        Optional<String> group = on.settings().portalGroup();
        if (group.isPresent() && !identity.memberOf(group.get())) {
            throw new SsoRefused(Reason.NOT_PERMITTED, "not a member of the portal group");
        }
        return identity;
    }

    private Wiring require() throws SsoRefused {
        if (wiring == null) {
            throw new SsoRefused(Reason.UNAVAILABLE, "single sign-on is not configured");
        }
        return wiring;
    }

    private static URI withQuery(URI endpoint, Map<String, String> parameters) {
        String query = parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = endpoint.toString();
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + query);
    }
}
