package io.vestibule.identity.oidc;

import java.time.Instant;
import java.util.Date;

import jakarta.json.JsonObject;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.KeycloakLogin;
import io.vestibule.testing.Meetings;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.SsoParts;
import io.vestibule.testing.SsoResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API with Keycloak's access tokens as {@code Authorization: Bearer} (R-SSO-3), tokens obtained the way the add-in
 * will: a valid one works without a CSRF token and sees only its owner's meetings; every faulty one is 401
 * {@code invalid_token} naming the rule it broke. Faulty tokens are Keycloak's own where Keycloak can be made to issue
 * them (an ID token, another issuer name) and otherwise forged with Nimbus: signed with a key the realm publishes and
 * the test holds (so only the claim at fault can refuse them), with another key, or not at all.
 */
@ExtendWith(SsoResolver.class)
class BearerTokenIT {
    private SsoParts sso;
    private VestibuleServer portal;

    @BeforeEach
    void parts(SsoParts sso) {
        this.sso = sso;
        this.portal = sso.portal();
    }

    @Test
    void anAccessTokenForTheApiWorksWithoutCsrfAndNamesTheSameUserAsTheBrowser() {
        PortalClient alice = portal.newClient().withBearer(sso.addInTokens("alice").accessToken());

        ApiResponse me = alice.get("/api/v1/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().getString("username")).isEqualTo("alice");
        assertThat(me.json().getString("displayName")).isEqualTo("Alice Martin");
        assertThat(me.json().containsKey("csrfToken")).as("no session, no CSRF token").isFalse();
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        assertThat(meeting.getString("id")).isNotBlank();
        assertThat(alice.get("/api/v1/meetings/" + meeting.getString("id")).status()).isEqualTo(200);
    }

    @Test
    void bobsTokenCannotReadAlicesMeeting() {
        PortalClient alice = portal.newClient().withBearer(sso.addInTokens("alice").accessToken());
        PortalClient bob = portal.newClient().withBearer(sso.addInTokens("bob").accessToken());
        String id = Meetings.openNow(alice, "host_pin_only", false).getString("id");

        ApiResponse read = bob.get("/api/v1/meetings/" + id);
        assertThat(read.status()).as(read.toString()).isEqualTo(404);
        assertThat(read.errorCode()).isEqualTo("not_found");
        assertThat(bob.get("/api/v1/meetings").jsonArray().getValuesAs(JsonObject.class)).noneMatch(m -> m.getString("id").equals(id));
        assertThat(bob.delete("/api/v1/meetings/" + id).status()).isEqualTo(404);
    }

    @Test
    void keycloaksIdAndRefreshTokensAreRefusedForWhatTheyAre() {
        KeycloakLogin.Tokens tokens = sso.addInTokens("alice");
        assertRefused(tokens.idToken(), "token_type");
        assertRefused(tokens.refreshToken(), "token_type");
    }

    @Test
    void keycloaksTokenUnderAnotherIssuerNameIsRefused() {
        KeycloakLogin.Tokens elsewhere = sso.addInTokens("alice", sso.keycloak().issuerAt("localhost"));
        assertThat(Meetings.claims(elsewhere.accessToken()).getString("iss")).startsWith("https://localhost:");

        assertRefused(elsewhere.accessToken(), "issuer");
    }

    @Test
    void forgedTokensWithOneFaultEachAreRefusedByThatFault() throws Exception {
        JWTClaimsSet genuine = SignedJWT.parse(sso.addInTokens("alice").accessToken()).getJWTClaimsSet();
        RSAKey published = sso.publishedTestKey();
        assertThat(status(sign(genuine, published))).as("the test key is one the realm publishes: an untouched copy passes").isEqualTo(200);

        assertRefused(sign(with(genuine).audience("account").build(), published), "audience");
        assertRefused(sign(with(genuine).issuer("https://sso.example.org/realms/vestibule").build(), published), "issuer");
        assertRefused(sign(with(genuine).issueTime(Date.from(Instant.now().minusSeconds(900)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build(), published), "expired");
        assertRefused(new PlainJWT(genuine).serialize(), "algorithm");
        RSAKey other = new RSAKeyGenerator(3072).keyID(published.getKeyID()).generate();
        assertRefused(sign(genuine, other), "signature");
        assertRefused(sign(genuine, new RSAKeyGenerator(3072).keyID("not-published").generate()), "unknown_key");
        assertRefused(sign(genuine, sso.weakPublishedTestKey()), "unknown_key");
        assertRefused("not-a-token", "malformed");
    }

    @Test
    void aValidTokenWithoutTheApiScopeIsForbiddenNotUnauthenticated() throws Exception {
        JWTClaimsSet genuine = SignedJWT.parse(sso.addInTokens("alice").accessToken()).getJWTClaimsSet();

        ApiResponse response = portal.newClient().withBearer(sign(with(genuine).claim("scope", "openid email profile").build(),
                sso.publishedTestKey())).get("/api/v1/me");
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.errorCode()).isEqualTo("insufficient_scope");
        assertThat(response.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"vestibule\"");
    }

    @Test
    void joinTokensAndAccessTokensServeTheirOwnEndpointsOnly() {
        PortalClient alice = portal.newClient().withBearer(sso.addInTokens("alice").accessToken());
        JsonObject meeting = Meetings.openNow(alice, "host_pin_only", false);
        String joinToken = Meetings.join(portal, "198.51.100.40", Meetings.alias(meeting), "Alice", Meetings.HOST_PIN).getString("token");

        ApiResponse refreshed = portal.newClient().withBearer(joinToken).sendWithoutCsrf("POST", "/api/v1/join/refresh", null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertRefused(refreshed.json().getString("token"), "token_type");
        ApiResponse keycloakTokenOnJoin = portal.newClient().withBearer(sso.addInTokens("alice").accessToken())
                .sendWithoutCsrf("POST", "/api/v1/join/refresh", null);
        assertThat(keycloakTokenOnJoin.status()).isEqualTo(401);
        assertThat(keycloakTokenOnJoin.errorCode()).startsWith("token_");
    }

    private void assertRefused(String token, String reason) {
        ApiResponse response = portal.newClient().withBearer(token).get("/api/v1/meetings");
        assertThat(response.status()).as(reason + ": " + response).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("invalid_token");
        assertThat(response.json().getString("reason")).isEqualTo(reason);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"vestibule\", error=\"invalid_token\"");
        assertThat(response.body()).doesNotContain(token).doesNotContain("Exception").doesNotContain("at io.");
    }

    private int status(String token) {
        return portal.newClient().withBearer(token).get("/api/v1/me").status();
    }

    private static JWTClaimsSet.Builder with(JWTClaimsSet claims) {
        return new JWTClaimsSet.Builder(claims);
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
