package io.vestibule.identity.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Access tokens for the API (R-SSO-3) against a key set served over HTTP by a test provider: each refusal, and the
 * key cache (refreshed for an unknown kid, but not more than once in ten seconds; kept while the provider is down;
 * fetched again after an hour).
 */
class AccessTokenVerifierTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private TestOpenIdProvider provider;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new TestOpenIdProvider(clock);
        OidcSettings settings = provider.settings(Optional.empty());
        OpenIdProvider openId = new OpenIdProvider(settings, new ProviderConnection(settings, POLICY), POLICY, clock);
        verifier = new AccessTokenVerifier(settings, new IssuerKeys(openId::keySet, POLICY, clock, Duration.ofSeconds(10), Duration.ofHours(1)),
                POLICY, clock);
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void aTokenForTheApiWithItsScopeIsAccepted() throws Exception {
        assertThat(verifier.verify(provider.sign(provider.accessTokenClaims().build())).getSubject())
                .isEqualTo("97b3b688-a9b8-4323-843a-06b6b31ab194");
    }

    @Test
    void eachFaultHasItsRefusal() throws Exception {
        assertRefused(provider.sign(provider.accessTokenClaims().audience("account").build()), ProviderTokenRejection.AUDIENCE);
        assertRefused(provider.sign(provider.accessTokenClaims().issuer("https://elsewhere.example/realms/test").build()), ProviderTokenRejection.ISSUER);
        assertRefused(provider.sign(provider.accessTokenClaims().claim("scope", "openid email profile").build()), ProviderTokenRejection.SCOPE);
        assertRefused(provider.sign(provider.accessTokenClaims().claim("scope", null).build()), ProviderTokenRejection.SCOPE);
        assertRefused(new PlainJWT(provider.accessTokenClaims().build()).serialize(), ProviderTokenRejection.ALGORITHM);
        assertRefused(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), TestOpenIdProvider.ecKey("k1", Curve.P_256)),
                ProviderTokenRejection.SIGNATURE);
        // An ID token (audience: the portal client) is no access token.
        assertRefused(provider.sign(provider.idTokenClaims("n").build()), ProviderTokenRejection.TOKEN_TYPE);
    }

    @Test
    void onlyTheClientsAllowedToCallTheApiMayHaveObtainedTheToken() {
        assertRefused(provider.sign(provider.accessTokenClaims().claim("azp", "some-other-client").build()),
                ProviderTokenRejection.AUTHORIZED_PARTY);
        assertRefused(provider.sign(provider.accessTokenClaims().claim("azp", null).build()), ProviderTokenRejection.AUTHORIZED_PARTY);
    }

    @Test
    void onlyATokenTypedAsAnAccessTokenIsOne() throws Exception {
        assertRefused(provider.sign(provider.accessTokenClaims().claim("typ", "Refresh").build()), ProviderTokenRejection.TOKEN_TYPE);
        assertRefused(provider.sign(provider.accessTokenClaims().claim("typ", "ID").build()), ProviderTokenRejection.TOKEN_TYPE);
        assertRefused(provider.sign(provider.accessTokenClaims().claim("typ", null).build()), ProviderTokenRejection.TOKEN_TYPE);

        assertThat(verifier.verify(provider.signTyped(provider.accessTokenClaims().claim("typ", null).build())).getSubject())
                .as("RFC 9068's header type alone").isEqualTo("97b3b688-a9b8-4323-843a-06b6b31ab194");
    }

    @Test
    void anExpiredTokenIsRefusedAfterTheSkew() throws Exception {
        String token = provider.sign(provider.accessTokenClaims().build());
        clock.advance(Duration.ofSeconds(330));

        assertRefused(token, ProviderTokenRejection.EXPIRED);
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        verifier.verify(provider.sign(provider.accessTokenClaims().build()));
        assertThat(provider.keySetFetches()).isEqualTo(1);
        ECKey next = TestOpenIdProvider.ecKey("k2", Curve.P_256);
        provider.publish(provider.signingKey, next);
        clock.advance(Duration.ofSeconds(11));

        assertThat(verifier.verify(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), next)).getSubject()).isNotBlank();
        assertThat(provider.keySetFetches()).isEqualTo(2);
        verifier.verify(provider.sign(provider.accessTokenClaims().build()));
        assertThat(provider.keySetFetches()).as("known keys need no fetch").isEqualTo(2);
    }

    @Test
    void unknownKidsFetchTheKeySetAtMostOnceInTenSeconds() throws Exception {
        verifier.verify(provider.sign(provider.accessTokenClaims().build()));
        for (int i = 0; i < 50; i++) {
            assertRefused(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), TestOpenIdProvider.ecKey("made-up-" + i, Curve.P_256)),
                    ProviderTokenRejection.UNKNOWN_KEY);
        }
        assertThat(provider.keySetFetches()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        assertRefused(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), TestOpenIdProvider.ecKey("made-up", Curve.P_256)),
                ProviderTokenRejection.UNKNOWN_KEY);
        assertThat(provider.keySetFetches()).isEqualTo(2);
    }

    @Test
    void knownKeysKeepWorkingWhileTheProviderIsDownAndTheSetIsFetchedAgainAfterAnHour() throws Exception {
        verifier.verify(provider.sign(provider.accessTokenClaims().build()));
        ECKey withdrawnLater = provider.signingKey;
        ECKey replacement = TestOpenIdProvider.ecKey("k2", Curve.P_256);
        provider.publish(replacement);
        clock.advance(Duration.ofMinutes(59));
        assertThat(verifier.verify(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), withdrawnLater)).getSubject()).isNotBlank();

        clock.advance(Duration.ofMinutes(1));
        assertRefused(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), withdrawnLater), ProviderTokenRejection.UNKNOWN_KEY);
        assertThat(verifier.verify(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), replacement)).getSubject()).isNotBlank();

        provider.close();
        clock.advance(Duration.ofHours(2));
        assertThat(verifier.verify(TestOpenIdProvider.sign(provider.accessTokenClaims().build(), replacement)).getSubject())
                .as("the provider is down: the known key stays in use").isNotBlank();
    }

    private void assertRefused(String token, ProviderTokenRejection expected) {
        assertThatExceptionOfType(ProviderTokenRejected.class)
                .isThrownBy(() -> verifier.verify(token))
                .satisfies(rejected -> assertThat(rejected.rejection()).isEqualTo(expected));
    }
}
