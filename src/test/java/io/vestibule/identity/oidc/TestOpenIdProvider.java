package io.vestibule.identity.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vestibule.crypto.CryptoPolicy;

/**
 * An OpenID provider in the test's own JVM (the JDK's HTTP server on loopback): discovery, a JWKS that counts its
 * fetches, and a token endpoint that checks the client's credentials, the redirect URI and the PKCE verifier
 * against the challenge of the code it issued. Tokens are signed with keys the test chooses.
 */
final class TestOpenIdProvider implements AutoCloseable {
    static final String CLIENT_ID = "vestibule-portal";
    static final String CLIENT_SECRET = "test-client-secret-0123456789";
    static final String REDIRECT_URI = "https://portal.test/api/v1/auth/sso/callback";

    private final HttpServer server;
    private final Clock clock;
    private final AtomicInteger keySetFetches = new AtomicInteger();
    private final AtomicInteger discoveryReads = new AtomicInteger();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private volatile List<JWK> published = new ArrayList<>();
    private volatile boolean pkceInDiscovery = true;
    final ECKey signingKey;

    /** A code this provider issued, with what the token exchange must present and the ID token it then returns. */
    private record IssuedCode(String challenge, String idToken) {
    }

    TestOpenIdProvider(Clock clock) throws IOException, JOSEException {
        this.clock = clock;
        this.signingKey = ecKey("k1", Curve.P_256);
        this.published = new ArrayList<>(List.of(signingKey.toPublicJWK()));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/realms/test/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/test/certs", this::keySet);
        server.createContext("/realms/test/token", this::token);
        server.start();
    }

    static ECKey ecKey(String kid, Curve curve) throws JOSEException {
        return new ECKeyGenerator(curve).keyID(kid).generate();
    }

    static RSAKey rsaKey(String kid, int bits) throws JOSEException {
        return new RSAKeyGenerator(bits).keyID(kid).generate();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    OidcSettings settings(Optional<String> portalGroup) {
        return new OidcSettings(URI.create(issuer()), CLIENT_ID, new OidcSettings.ClientSecret(CLIENT_SECRET.toCharArray()),
                URI.create(REDIRECT_URI), URI.create("https://portal.test/index.html"), List.of("openid", "profile", "email", "vestibule"),
                "vestibule-api", "vestibule", List.of("vestibule-outlook"), portalGroup, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    /** Replaces the published key set (public parts only are served). */
    void publish(JWK... keys) {
        List<JWK> publicKeys = new ArrayList<>();
        for (JWK key : keys) {
            publicKeys.add(key.toPublicJWK());
        }
        published = publicKeys;
    }

    void withoutS256InDiscovery() {
        pkceInDiscovery = false;
    }

    int keySetFetches() {
        return keySetFetches.get();
    }

    int discoveryReads() {
        return discoveryReads.get();
    }

    /** Issues a code for a sign-in whose authorization request carried this challenge; the exchange returns the token. */
    String issueCode(String challenge, String idToken) {
        String code = "code-" + codes.size() + "-" + System.nanoTime();
        codes.put(code, new IssuedCode(challenge, idToken));
        return code;
    }

    /** Claims as the provider issues them for the portal client, valid now for five minutes. */
    JWTClaimsSet.Builder idTokenClaims(String nonce) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("97b3b688-a9b8-4323-843a-06b6b31ab194")
                .audience(CLIENT_ID)
                .claim("azp", CLIENT_ID)
                .claim("nonce", nonce)
                .claim("preferred_username", "alice")
                .claim("name", "Alice Martin")
                .claim("email", "alice@demo.vestibule.local")
                .claim("email_verified", true)
                .claim("groups", List.of("/vestibule-users"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    /** Claims of an access token for the API, valid now for five minutes. */
    JWTClaimsSet.Builder accessTokenClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("97b3b688-a9b8-4323-843a-06b6b31ab194")
                .audience("vestibule-api")
                .claim("azp", "vestibule-outlook")
                .claim("typ", "Bearer")
                .claim("scope", "openid email profile vestibule")
                .claim("preferred_username", "alice")
                .claim("name", "Alice Martin")
                .claim("groups", List.of("/vestibule-users"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    /** Signed with the provider's key under the header type RFC 9068 gives access tokens. */
    String signTyped(JWTClaimsSet claims) {
        return sign(claims, signingKey, new JOSEObjectType("at+jwt"));
    }

    static String sign(JWTClaimsSet claims, JWK key) {
        return sign(claims, key, JOSEObjectType.JWT);
    }

    private static String sign(JWTClaimsSet claims, JWK key, JOSEObjectType type) {
        try {
            JWSSigner signer;
            JWSAlgorithm algorithm;
            if (key instanceof ECKey ec) {
                signer = new ECDSASigner(ec);
                signer.getJCAContext().setProvider(CryptoPolicy.bouncyCastle());
                algorithm = ECDSA.resolveAlgorithm(ec.getCurve());
            } else {
                signer = new RSASSASigner((RSAKey) key);
                algorithm = JWSAlgorithm.RS256;
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops answering: the provider is down (the port stays closed). */
    @Override
    public void close() {
        server.stop(0);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryReads.incrementAndGet();
        Map<String, Object> document = new HashMap<>();
        document.put("issuer", issuer());
        document.put("authorization_endpoint", issuer() + "/auth");
        document.put("token_endpoint", issuer() + "/token");
        document.put("jwks_uri", issuer() + "/certs");
        document.put("end_session_endpoint", issuer() + "/logout");
        document.put("code_challenge_methods_supported", pkceInDiscovery ? List.of("plain", "S256") : List.of("plain"));
        answer(exchange, 200, JSONObjectUtils.toJSONString(document));
    }

    private void keySet(HttpExchange exchange) throws IOException {
        keySetFetches.incrementAndGet();
        answer(exchange, 200, new JWKSet(published).toString());
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = form(exchange.getRequestBody());
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        IssuedCode issued = codes.remove(String.valueOf(form.get("code")));
        boolean valid = issued != null && "authorization_code".equals(form.get("grant_type")) && REDIRECT_URI.equals(form.get("redirect_uri"))
                && form.get("code_verifier") != null
                && issued.challenge().equals(Pkce.challenge(form.get("code_verifier"), CryptoPolicy.standard()));
        if (!valid) {
            answer(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code not valid\"}");
            return;
        }
        answer(exchange, 200, "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"id_token\":\"" + issued.idToken() + "\"}");
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
