package io.vestibule.identity.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The ID token's checks (OpenID Connect Core §3.1.3.7), each refusal by name, against keys a test provider publishes. */
class IdTokenValidatorTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final String NONCE = "nonce-of-this-browser";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private TestOpenIdProvider provider;
    private IdTokenValidator validator;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new TestOpenIdProvider(clock);
        OidcSettings settings = provider.settings(Optional.empty());
        OpenIdProvider openId = new OpenIdProvider(settings, new ProviderConnection(settings, POLICY), POLICY, clock);
        IssuerKeys keys = new IssuerKeys(openId::keySet, POLICY, clock, Duration.ofSeconds(10), Duration.ofHours(1));
        validator = new IdTokenValidator(settings, keys, POLICY, clock);
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void aTokenOfTheProviderForThePortalWithTheNonceIsValid() throws Exception {
        JWTClaimsSet claims = validator.validate(provider.sign(provider.idTokenClaims(NONCE).build()), NONCE);

        assertThat(claims.getSubject()).isEqualTo("97b3b688-a9b8-4323-843a-06b6b31ab194");
        assertThat(SsoIdentity.of(claims)).isEqualTo(new SsoIdentity("97b3b688-a9b8-4323-843a-06b6b31ab194", "alice", "Alice Martin",
                Optional.of("alice@demo.vestibule.local"), List.of("/vestibule-users")));
    }

    @Test
    void anUnsignedTokenIsRefusedAsAlgorithm() {
        String none = new PlainJWT(provider.idTokenClaims(NONCE).build()).serialize();

        assertRefused(none, ProviderTokenRejection.ALGORITHM);
    }

    @Test
    void anHmacTokenSignedWithTheClientSecretIsRefusedAsAlgorithm() throws Exception {
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), provider.idTokenClaims(NONCE).build());
        hmac.sign(new MACSigner((TestOpenIdProvider.CLIENT_SECRET + TestOpenIdProvider.CLIENT_SECRET).getBytes()));

        assertRefused(hmac.serialize(), ProviderTokenRejection.ALGORITHM);
    }

    @Test
    void aKeyCarriedInTheHeaderIsRefusedAsAlgorithm() throws Exception {
        ECKey attacker = TestOpenIdProvider.ecKey("k1", Curve.P_256);
        SignedJWT embedded = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").jwk(attacker.toPublicJWK()).build(),
                provider.idTokenClaims(NONCE).build());
        embedded.sign(new ECDSASigner(attacker));

        assertRefused(embedded.serialize(), ProviderTokenRejection.ALGORITHM);
    }

    @Test
    void aTokenSignedByAnotherKeyUnderThePublishedKidIsRefusedAsSignature() throws Exception {
        ECKey impostor = TestOpenIdProvider.ecKey("k1", Curve.P_256);

        assertRefused(TestOpenIdProvider.sign(provider.idTokenClaims(NONCE).build(), impostor), ProviderTokenRejection.SIGNATURE);
    }

    @Test
    void anUnpublishedKidIsRefusedAsUnknownKey() throws Exception {
        ECKey other = TestOpenIdProvider.ecKey("not-published", Curve.P_256);

        assertRefused(TestOpenIdProvider.sign(provider.idTokenClaims(NONCE).build(), other), ProviderTokenRejection.UNKNOWN_KEY);
    }

    @Test
    void anRsaKeyOf2048BitsIsNotUsedSoItsTokensNameAnUnknownKey() throws Exception {
        RSAKey keycloakDefault = TestOpenIdProvider.rsaKey("rsa-2048", 2048);
        provider.publish(provider.signingKey, keycloakDefault);

        assertRefused(TestOpenIdProvider.sign(provider.idTokenClaims(NONCE).build(), keycloakDefault), ProviderTokenRejection.UNKNOWN_KEY);
    }

    @Test
    void anRsaKeyOf3072BitsAndAnEcdsaP384KeyAreAccepted() throws Exception {
        RSAKey rsa = TestOpenIdProvider.rsaKey("rsa-3072", 3072);
        ECKey p384 = TestOpenIdProvider.ecKey("p-384", Curve.P_384);
        provider.publish(rsa, p384);

        assertThat(validator.validate(TestOpenIdProvider.sign(provider.idTokenClaims(NONCE).build(), rsa), NONCE).getSubject()).isNotBlank();
        assertThat(validator.validate(TestOpenIdProvider.sign(provider.idTokenClaims(NONCE).build(), p384), NONCE).getSubject()).isNotBlank();
    }

    @Test
    void aKidOfAnRsaKeyInAnEs256TokenIsRefusedAsAlgorithm() throws Exception {
        RSAKey rsa = TestOpenIdProvider.rsaKey("rsa-3072", 3072);
        provider.publish(provider.signingKey, rsa);
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-3072").build(), provider.idTokenClaims(NONCE).build());
        confused.sign(new ECDSASigner(provider.signingKey));

        assertRefused(confused.serialize(), ProviderTokenRejection.ALGORITHM);
    }

    @Test
    void anotherIssuerIsRefused() {
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).issuer(provider.issuer() + "-other").build()), ProviderTokenRejection.ISSUER);
    }

    @Test
    void anotherClientsTokenIsRefusedAsAudience() {
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).audience("vestibule-outlook").claim("azp", "vestibule-outlook").build()),
                ProviderTokenRejection.AUDIENCE);
    }

    @Test
    void severalAudiencesNeedTheAuthorizedPartyToBeThePortal() {
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).audience(List.of(TestOpenIdProvider.CLIENT_ID, "other")).claim("azp", null).build()),
                ProviderTokenRejection.AUTHORIZED_PARTY);
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).claim("azp", "vestibule-outlook").build()), ProviderTokenRejection.AUTHORIZED_PARTY);
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheSkewHasPassed() throws Exception {
        String token = provider.sign(provider.idTokenClaims(NONCE).build());
        clock.advance(Duration.ofSeconds(300 + 29));
        assertThat(validator.validate(token, NONCE).getSubject()).isNotBlank();

        clock.advance(Duration.ofSeconds(1));
        assertRefused(token, ProviderTokenRejection.EXPIRED);
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).expirationTime(null).build()), ProviderTokenRejection.EXPIRED);
    }

    @Test
    void aTokenIssuedInTheFutureIsRefusedAsNotYetValid() {
        Instant later = clock.instant().plusSeconds(31);
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).issueTime(Date.from(later)).build()), ProviderTokenRejection.NOT_YET_VALID);
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).issueTime(null).build()), ProviderTokenRejection.NOT_YET_VALID);
    }

    @Test
    void anotherNonceOrNoneIsRefused() {
        assertRefused(provider.sign(provider.idTokenClaims("nonce-of-another-browser").build()), ProviderTokenRejection.NONCE);
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).claim("nonce", null).build()), ProviderTokenRejection.NONCE);
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).subject(null).build()), ProviderTokenRejection.SUBJECT);
        assertRefused(provider.sign(provider.idTokenClaims(NONCE).subject("s".repeat(256)).build()), ProviderTokenRejection.SUBJECT);
    }

    @Test
    void garbageAndOversizedTokensAreRefusedBeforeAnyKeyIsFetched() {
        assertRefused("not.a.token", ProviderTokenRejection.MALFORMED);
        assertRefused("eyJhbGciOiJFUzI1NiJ9", ProviderTokenRejection.MALFORMED);
        assertRefused("a".repeat(IdTokenValidator.MAX_TOKEN_CHARS + 1), ProviderTokenRejection.TOO_LARGE);
        assertThat(provider.keySetFetches()).isZero();
    }

    private void assertRefused(String token, ProviderTokenRejection expected) {
        assertThatExceptionOfType(ProviderTokenRejected.class)
                .isThrownBy(() -> validator.validate(token, NONCE))
                .satisfies(rejected -> assertThat(rejected.rejection()).isEqualTo(expected));
    }
}
