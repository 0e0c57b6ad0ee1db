package io.vestibule.access.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The token-attack matrix of R-JOIN-3, part one: size, structure, algorithm, key, signature, type. One code each. */
class JoinTokenVerifierTest {
    private static final Expectation JOIN = Expectation.of(TokenKind.JOIN);

    private final TokenFixture fixture = new TokenFixture();

    private void assertRejected(String token, Expectation expectation, TokenRejection expected) {
        fixture.assertRejected(token, expectation, expected);
    }

    private void assertRejected(String token, TokenRejection expected) {
        fixture.assertRejected(token, JOIN, expected);
    }

    private void assertAccepted(String token, Expectation expectation) {
        fixture.assertAccepted(token, expectation);
    }

    // ---- baseline: the forge is faithful, so each rejection below is due to its one change --------------

    @Test
    void aTokenForgedWithOurKeyAndOurClaimsIsAccepted() throws TokenRejected {
        String token = fixture.signedByUs(fixture.header(TokenKind.JOIN), fixture.claims());

        TokenClaims claims = fixture.verifier.verify(token, JOIN);

        assertThat(claims.participantId()).isEqualTo("participant-1");
        assertThat(claims.role()).isEqualTo(ParticipantRole.GUEST);
    }

    @Test
    void checksRunCheapFirstSignatureBeforeClaimsSingleUseLast() {
        List<String> names = fixture.verifier.checkNames();

        assertThat(names.get(0)).isEqualTo("NotTooLarge");
        assertThat(names.indexOf("ValidSignature")).isLessThan(names.indexOf("ReadablePayload"));
        assertThat(names.indexOf("AlgorithmAllowed")).isLessThan(names.indexOf("KnownKey"));
        assertThat(names.get(names.size() - 1)).isEqualTo("SingleUse");
    }

    @Test
    void everyCodeIsDistinct() {
        assertThat(Arrays.stream(TokenRejection.values()).map(TokenRejection::code).distinct())
                .hasSize(TokenRejection.values().length)
                .allMatch(code -> code.startsWith("token_"));
    }

    // ---- signature form ----------------------------------------------------------------------------------

    @Test
    void everyTokenWeIssueCarriesTheCanonicalLowSSignature() {
        BigInteger half = Curve.P_256.toECParameterSpec().getOrder().shiftRight(1);
        for (int i = 0; i < 64; i++) {
            byte[] signature = Base64URL.from(fixture.join().compact().split("\\.")[2]).decode();
            assertThat(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64))).as("s of token " + i).isLessThanOrEqualTo(half);
        }
    }

    @Test
    void theOtherFormOfAValidSignatureIsRefused() {
        String[] parts = fixture.join().compact().split("\\.");
        byte[] signature = Base64URL.from(parts[2]).decode();
        BigInteger highS = Curve.P_256.toECParameterSpec().getOrder().subtract(new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
        byte[] s = highS.toByteArray();
        byte[] malleated = Arrays.copyOf(signature, 64);
        Arrays.fill(malleated, 32, 64, (byte) 0);
        System.arraycopy(s, Math.max(0, s.length - 32), malleated, 64 - Math.min(32, s.length), Math.min(32, s.length));

        assertRejected(parts[0] + "." + parts[1] + "." + Base64URL.encode(malleated), TokenRejection.SIGNATURE);
    }

    // ---- algorithm ---------------------------------------------------------------------------------------

    @Test
    void algNoneIsRefused() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("alg", "none");

        assertRejected(TokenFixture.unsigned(header, fixture.claims()), TokenRejection.ALGORITHM);
    }

    @Test
    void algNoneInOtherSpellingsIsRefused() {
        for (String none : List.of("None", "NONE", "nOnE")) {
            Map<String, Object> header = fixture.header(TokenKind.JOIN);
            header.put("alg", none);
            assertRejected(TokenFixture.unsigned(header, fixture.claims()), TokenRejection.ALGORITHM);
        }
    }

    @Test
    void hs256SignedWithThePublicKeyAsHmacSecretIsRefused() throws Exception {
        ECKey publicKey = fixture.keys.publicKey(fixture.keys.active().kid()).orElseThrow();
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("alg", "HS256");
        List<byte[]> secrets = List.of(
                publicKey.toJSONString().getBytes(StandardCharsets.UTF_8),
                publicKey.toECPublicKey().getEncoded(),
                fixture.keys.jwks().getBytes(StandardCharsets.UTF_8));

        for (byte[] secret : secrets) {
            assertRejected(TokenFixture.sign(header, TokenFixture.json(fixture.claims()), new MACSigner(secret)),
                    TokenRejection.ALGORITHM);
        }
    }

    @Test
    void es384SignedTokenIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("alg", "ES384");

        String token = TokenFixture.sign(header, TokenFixture.json(fixture.claims()),
                new ECDSASigner((ECPrivateKey) generator.generateKeyPair().getPrivate()));

        assertRejected(token, TokenRejection.ALGORITHM);
    }

    @Test
    void rs256SignedTokenIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("alg", "RS256");

        String token = TokenFixture.sign(header, TokenFixture.json(fixture.claims()),
                new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));

        assertRejected(token, TokenRejection.ALGORITHM);
    }

    @Test
    void missingAlgIsRefused() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.remove("alg");

        assertRejected(TokenFixture.unsigned(header, fixture.claims()) + "AAAA", TokenRejection.ALGORITHM);
    }

    @Test
    void embeddedJwkHeaderIsRefusedEvenWhenItIsOurOwnKey() throws Exception {
        ECKey attacker = new ECKey.Builder(Curve.P_256, (ECPublicKey) attackerKeyPair().getPublic()).build();
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("jwk", attacker.toJSONObject());
        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.ALGORITHM);

        Map<String, Object> ours = fixture.header(TokenKind.JOIN);
        ours.put("jwk", fixture.keys.publicKey(fixture.keys.active().kid()).orElseThrow().toJSONObject());
        assertRejected(fixture.signedByUs(ours, fixture.claims()), TokenRejection.ALGORITHM);
    }

    @Test
    void keyUrlAndCertificateHeadersAreRefused() {
        for (String name : List.of("jku", "x5u")) {
            Map<String, Object> header = fixture.header(TokenKind.JOIN);
            header.put(name, "https://attacker.example/keys");
            assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.ALGORITHM);
        }
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("x5c", List.of("MIIB"));
        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.ALGORITHM);
    }

    @Test
    void critHeaderIsRefused() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("crit", List.of("vst"));
        header.put("vst", true);

        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.ALGORITHM);
    }

    // ---- key ---------------------------------------------------------------------------------------------

    @Test
    void unknownKidIsRefused() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("kid", "4xmmuWr1D7ZdGs0ZdaLO9oBAvm5j9BTbeHBNQ8QdONI");

        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.UNKNOWN_KEY);
    }

    @Test
    void missingKidIsRefused() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.remove("kid");

        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.UNKNOWN_KEY);
    }

    @Test
    void kidThatIsNotAStringIsRefused() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("kid", List.of(fixture.keys.active().kid()));

        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.UNKNOWN_KEY);
    }

    @Test
    void signatureOfAnotherKeyUnderOurKidIsRefused() throws Exception {
        String token = TokenFixture.sign(fixture.header(TokenKind.JOIN), TokenFixture.json(fixture.claims()),
                new ECDSASigner((ECPrivateKey) attackerKeyPair().getPrivate()));

        assertRejected(token, TokenRejection.SIGNATURE);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = fixture.join().compact();
        String[] parts = token.split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replace("\"guest\"", "\"host\"");

        String tampered = parts[0] + "." + TokenFixture.encode(payload) + "." + parts[2];

        assertThat(payload).contains("\"host\"");
        assertRejected(tampered, TokenRejection.SIGNATURE);
    }

    @Test
    void tamperedHeaderIsRefused() {
        String[] parts = fixture.join().compact().split("\\.");
        String header = new Base64URL(parts[0]).decodeToString().replace("{", "{\"cty\":\"JWT\",");

        assertRejected(TokenFixture.encode(header) + "." + parts[1] + "." + parts[2], TokenRejection.SIGNATURE);
    }

    @Test
    void zeroSignatureIsRefused() {
        String[] parts = fixture.join().compact().split("\\.");

        assertRejected(parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[64]), TokenRejection.SIGNATURE);
    }

    // ---- structure -----------------------------------------------------------------------------------------

    @Test
    void truncatedTokenIsMalformed() {
        String token = fixture.join().compact();

        assertRejected(token.substring(0, token.length() / 2), TokenRejection.MALFORMED);
        assertRejected(token.substring(0, token.lastIndexOf('.')), TokenRejection.MALFORMED);
        assertRejected(token.substring(0, token.length() - 4), TokenRejection.MALFORMED);
        assertRejected(token.substring(0, token.length() - 1), TokenRejection.MALFORMED);
    }

    @Test
    void garbageIsMalformed() {
        for (String garbage : List.of("", "garbage", "!!!.@@@.###", "a.b.c", "...", "eyJ.eyJ.", "a.b.c.d.e",
                "eyJhbGciOiJFUzI1NiJ9.e30.AAAA=", "ey Jh.e30.AAAA", "bm90IGpzb24.e30.AAAA", "W10.e30.AAAA", "bnVsbA.e30.AAAA", "IA.e30.AAAA")) {
            assertRejected(garbage, TokenRejection.MALFORMED);
        }
    }

    @Test
    void headerThatIsNotUtf8JsonIsMalformed() {
        String token = Base64URL.encode(new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b}) + "." + TokenFixture.encode("{}") + ".AAAA";

        assertRejected(token, TokenRejection.MALFORMED);
    }

    @Test
    void duplicateHeaderMembersAreMalformed() {
        String header = "{\"alg\":\"ES256\",\"alg\":\"none\",\"typ\":\"vestibule-join+jwt\"}";

        assertRejected(TokenFixture.encode(header) + "." + TokenFixture.encode("{}") + ".", TokenRejection.MALFORMED);
    }

    @Test
    void signedPayloadThatIsNotAJsonObjectIsMalformed() {
        for (String payload : List.of("not json", "null", "[]", "[{}]", "42")) {
            assertRejected(TokenFixture.sign(fixture.header(TokenKind.JOIN), payload, fixture.keys.active().signer()),
                    TokenRejection.MALFORMED);
        }
    }

    @Test
    void nullTokenIsMalformed() {
        assertRejected(null, TokenRejection.MALFORMED);
    }

    @Test
    void tenKilobyteHeaderIsTooLargeAndNotParsed() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("pad", "x".repeat(10 * 1024));

        assertRejected(fixture.signedByUs(header, fixture.claims()), TokenRejection.TOO_LARGE);
        assertRejected("e".repeat(10 * 1024), TokenRejection.TOO_LARGE);
    }

    @Test
    void headerOverItsOwnLimitIsTooLargeWithinTheTokenLimit() {
        Map<String, Object> header = fixture.header(TokenKind.JOIN);
        header.put("pad", "x".repeat(1200));
        String token = fixture.signedByUs(header, fixture.claims());

        assertThat(token.length()).isLessThan(fixture.settings.maxTokenBytes());
        assertRejected(token, TokenRejection.TOO_LARGE);
    }

    @Test
    void tokenOverTheLimitIsTooLarge() {
        Map<String, Object> claims = fixture.claims();
        claims.put("pad", "x".repeat(4096));

        assertRejected(fixture.signedByUs(fixture.header(TokenKind.JOIN), claims), TokenRejection.TOO_LARGE);
    }

    // ---- type ------------------------------------------------------------------------------------------------

    @Test
    void lobbyTokenUsedAsJoinTokenIsRefused() {
        IssuedToken lobby = fixture.issuer.issue(TokenKind.LOBBY, "participant-1", "conference-a", ParticipantRole.GUEST);

        assertRejected(lobby.compact(), TokenRejection.TYPE);
    }

    @Test
    void joinTokenUsedAsLobbyOrInvitationTokenIsRefused() {
        String join = fixture.join().compact();

        assertRejected(join, Expectation.of(TokenKind.LOBBY), TokenRejection.TYPE);
        assertRejected(join, Expectation.of(TokenKind.INVITATION), TokenRejection.TYPE);
    }

    @Test
    void missingOrGenericTypIsRefused() {
        Map<String, Object> untyped = fixture.header(TokenKind.JOIN);
        untyped.remove("typ");
        assertRejected(fixture.signedByUs(untyped, fixture.claims()), TokenRejection.TYPE);

        Map<String, Object> generic = fixture.header(TokenKind.JOIN);
        generic.put("typ", "JWT");
        assertRejected(fixture.signedByUs(generic, fixture.claims()), TokenRejection.TYPE);
    }

    // ---- no secret in sight ------------------------------------------------------------------------------

    @Test
    void rejectionsAndIssuedTokensDoNotShowTheToken() throws TokenRejected {
        IssuedToken token = fixture.join();
        TokenClaims claims = fixture.verifier.verify(token.compact(), JOIN);
        fixture.revocations.release(claims);
        TokenRejected rejected = catchThrowableOfType(TokenRejected.class, () -> fixture.verifier.verify(token.compact(), JOIN));

        String[] parts = token.compact().split("\\.");
        for (String shown : List.of(token.toString(), claims.toString(), rejected.toString(), fixture.keys.active().toString(),
                String.valueOf(fixture.store.all()))) {
            assertThat(Stream.of(parts)).noneMatch(shown::contains);
        }
        assertThat(rejected.getStackTrace()).isEmpty();
    }

    private static KeyPair attackerKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
