package io.vestibule.access.token;

import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;
import io.vestibule.crypto.Aead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SigningKeysTest {
    private static final Expectation JOIN = Expectation.of(TokenKind.JOIN);

    private final TokenFixture fixture = new TokenFixture();

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keysOf(String jwks) throws Exception {
        return (List<Map<String, Object>>) (List<?>) JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(jwks), "keys");
    }

    private List<String> kids() throws Exception {
        return keysOf(fixture.keys.jwks()).stream().map(key -> (String) key.get("kid")).toList();
    }

    @Test
    void jwksHasThePublicP256KeyAndNothingPrivate() throws Exception {
        fixture.join();
        String kid = fixture.keys.active().kid();

        String jwks = fixture.keys.jwks();
        List<Map<String, Object>> keys = keysOf(jwks);

        assertThat(JSONObjectUtils.parse(jwks)).containsOnlyKeys("keys");
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key).containsOnlyKeys("kty", "crv", "x", "y", "kid", "use", "alg");
            assertThat(key).containsEntry("kty", "EC").containsEntry("crv", "P-256").containsEntry("kid", kid)
                    .containsEntry("use", "sig").containsEntry("alg", "ES256");
        });
        assertThat(jwks).doesNotContain("\"d\"");
    }

    @Test
    void kidIsTheRfc7638Thumbprint() throws Exception {
        fixture.join();
        ECKey published = ECKey.parse(keysOf(fixture.keys.jwks()).get(0));

        assertThat(published.getKeyID()).isEqualTo(published.computeThumbprint("SHA-256").toString())
                .matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void noKeyIsPublishedBeforeTheFirstIsNeeded() throws Exception {
        assertThat(keysOf(fixture.keys.jwks())).isEmpty();
        assertThat(fixture.store.all()).isEmpty();
    }

    @Test
    void storedPrivateKeyIsSealedAndOpensOnlyUnderItsKid() throws Exception {
        fixture.join();
        StoredSigningKey stored = fixture.store.all().get(0);
        byte[] pkcs8 = fixture.sealer.open(stored.sealedPrivateKey(), stored.kid());
        byte[] scalar = activePrivateKey().getS().toByteArray();

        assertThat(stored.sealedPrivateKey()).isNotEqualTo(pkcs8);
        assertThat(Base64.getEncoder().encodeToString(stored.sealedPrivateKey()))
                .doesNotContain(Base64.getEncoder().encodeToString(pkcs8).substring(40, 80));
        assertThat(indexOf(stored.sealedPrivateKey(), Arrays.copyOfRange(scalar, scalar.length - 32, scalar.length))).isEqualTo(-1);
        assertThat(stored.publicJwk()).doesNotContain("\"d\"");
        assertThat(stored.toString()).doesNotContain(Base64.getEncoder().encodeToString(stored.sealedPrivateKey()));
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> fixture.sealer.open(stored.sealedPrivateKey(), "another-kid"));
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsTheOldOnePublishedUntilItsTokensExpire() throws Exception {
        fixture.join();
        String firstKid = fixture.keys.active().kid();
        StoredSigningKey first = fixture.store.all().get(0);
        assertThat(first.activeUntil()).isEqualTo(TokenFixture.START.plus(Duration.ofHours(24)));
        assertThat(first.publishedUntil()).isEqualTo(first.activeUntil().plus(Duration.ofDays(30)).plusSeconds(30));

        fixture.clock.advance(Duration.ofHours(24).minusSeconds(10));
        IssuedToken lastOfFirstKey = fixture.join();
        fixture.clock.advance(Duration.ofSeconds(11));
        IssuedToken firstOfSecondKey = fixture.join();

        String secondKid = fixture.keys.active().kid();
        assertThat(secondKid).isNotEqualTo(firstKid);
        assertThat(kid(lastOfFirstKey)).isEqualTo(firstKid);
        assertThat(kid(firstOfSecondKey)).isEqualTo(secondKid);
        assertThat(fixture.verifier.verify(lastOfFirstKey.compact(), JOIN)).isEqualTo(lastOfFirstKey.claims());
        assertThat(fixture.verifier.verify(firstOfSecondKey.compact(), JOIN)).isEqualTo(firstOfSecondKey.claims());
        assertThat(kids()).containsExactly(secondKid, firstKid);

        fixture.clock.advance(Duration.ofSeconds(120 + 31));
        assertThat(rejection(lastOfFirstKey)).isEqualTo(TokenRejection.EXPIRED);

        fixture.clock.set(first.publishedUntil().minusSeconds(1));
        assertThat(kids()).contains(firstKid);
        fixture.clock.set(first.publishedUntil());
        assertThat(kids()).doesNotContain(firstKid);
        assertThat(fixture.store.all()).extracting(StoredSigningKey::kid).doesNotContain(firstKid);
        assertThat(rejection(lastOfFirstKey)).isEqualTo(TokenRejection.UNKNOWN_KEY);
    }

    @Test
    void publicationOutlastsTheLongestTokenOfTheRetiredKey() {
        TokenSettings settings = TokenSettings.defaults(TokenFixture.ISSUER);

        assertThat(settings.keyPublicationAfterRetirement())
                .isGreaterThanOrEqualTo(settings.joinLifetime().plus(settings.allowedClockSkew()))
                .isGreaterThanOrEqualTo(settings.lobbyLifetime().plus(settings.allowedClockSkew()))
                .isEqualTo(settings.invitationLifetime().plus(settings.allowedClockSkew()));
    }

    @Test
    void anotherNodeOnTheSameStoreVerifiesAndSignsWithTheSameKey() throws Exception {
        IssuedToken before = fixture.join();
        SigningKeys restarted = fixture.keysOfAnotherNode();
        JoinTokenVerifier verifier = new JoinTokenVerifier(restarted, fixture.revocations, fixture.settings, fixture.policy, fixture.clock);
        JoinTokenIssuer issuer = new JoinTokenIssuer(restarted, fixture.settings, fixture.policy, fixture.clock, fixture.random);

        assertThat(verifier.verify(before.compact(), JOIN)).isEqualTo(before.claims());

        IssuedToken after = issuer.issue(TokenKind.JOIN, "participant-9", "conference-a", ParticipantRole.GUEST);
        assertThat(kid(after)).isEqualTo(kid(before));
        assertThat(fixture.verifier.verify(after.compact(), JOIN)).isEqualTo(after.claims());
        assertThat(fixture.store.all()).hasSize(1);
        assertThat(restarted.jwks()).isEqualTo(fixture.keys.jwks());
    }

    @Test
    void keyCreatedByAnotherNodeIsFoundOnFirstSight() throws Exception {
        String firstKid = kid(fixture.join());
        SigningKeys other = fixture.keysOfAnotherNode();
        JoinTokenIssuer otherIssuer = new JoinTokenIssuer(other, fixture.settings, fixture.policy, fixture.clock, fixture.random);
        fixture.clock.advance(Duration.ofHours(24));

        IssuedToken fromOther = otherIssuer.issue(TokenKind.JOIN, "participant-3", "conference-a", ParticipantRole.GUEST);

        assertThat(kid(fromOther)).isNotEqualTo(firstKid);
        assertThat(fixture.verifier.verify(fromOther.compact(), JOIN)).isEqualTo(fromOther.claims());
        assertThat(fixture.keys.active().kid()).isEqualTo(kid(fromOther));
    }

    @Test
    void storedPublicKeyWithPrivatePartsIsRefused() throws Exception {
        fixture.join();
        StoredSigningKey stored = fixture.store.all().get(0);
        ECKey withPrivate = new ECKey.Builder(ECKey.parse(stored.publicJwk()))
                .privateKey(activePrivateKey())
                .build();
        InMemorySigningKeyStore tampered = new InMemorySigningKeyStore();
        tampered.add(new StoredSigningKey(stored.kid(), stored.sealedPrivateKey(), withPrivate.toJSONString(),
                stored.createdAt(), stored.activeUntil(), stored.publishedUntil()));

        SigningKeys keys = new SigningKeys(tampered, fixture.sealer, fixture.policy, fixture.settings, fixture.clock, fixture.random);

        assertThatIllegalStateException().isThrownBy(keys::jwks);
    }

    @Test
    void concurrentFirstIssuesCreateOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<IssuedToken>> issues = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                issues.add(fixture::join);
            }
            Set<String> kids = new HashSet<>();
            for (Future<IssuedToken> issued : pool.invokeAll(issues)) {
                kids.add(kid(issued.get()));
                assertThat(fixture.verifier.verify(issued.get().compact(), JOIN)).isEqualTo(issued.get().claims());
            }
            assertThat(kids).hasSize(1);
            assertThat(fixture.store.all()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void activeKeyPrintsNoSecret() {
        fixture.join();
        SigningKeys.ActiveKey active = fixture.keys.active();

        assertThat(active.toString()).isEqualTo("ActiveKey[kid=" + active.kid() + ", activeUntil=" + active.activeUntil() + "]");
    }

    private ECPrivateKey activePrivateKey() {
        return (ECPrivateKey) ((ECDSASigner) ((LowS.Signer) fixture.keys.active().signer()).wrapped()).getPrivateKey();
    }

    private TokenRejection rejection(IssuedToken token) {
        TokenRejected rejected = catchThrowableOfType(TokenRejected.class, () -> fixture.verifier.verify(token.compact(), JOIN));
        return rejected == null ? null : rejected.rejection();
    }

    private static String kid(IssuedToken token) throws Exception {
        return SignedJWT.parse(token.compact()).getHeader().getKeyID();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
