package io.vestibule.access.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import io.vestibule.access.ParticipantRole;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Everything a token test needs, wired as production wires it, on a clock the test moves. */
final class TokenFixture {
    static final String ISSUER = "https://vestibule.example.org";
    static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    final CryptoPolicy policy = CryptoPolicy.standard();
    final SecureRandom random = policy.newSecureRandom();
    final TestClock clock = new TestClock(START);
    final TokenSettings settings;
    final InMemorySigningKeyStore store = new InMemorySigningKeyStore();
    final AeadSealer sealer;
    final SigningKeys keys;
    final JoinTokenIssuer issuer;
    final InMemoryTokenRevocations revocations;
    final JoinTokenVerifier verifier;

    TokenFixture() {
        this(TokenSettings.defaults(ISSUER));
    }

    TokenFixture(TokenSettings settings) {
        try {
            this.settings = settings;
            this.sealer = new AeadSealer(policy, random);
            this.keys = new SigningKeys(store, sealer, policy, settings, clock, random);
            this.issuer = new JoinTokenIssuer(keys, settings, policy, clock, random);
            this.revocations = new InMemoryTokenRevocations(settings, clock);
            this.verifier = new JoinTokenVerifier(keys, revocations, settings, policy, clock);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another node (or this one after a restart) on the same store, sealer and clock. */
    SigningKeys keysOfAnotherNode() {
        return new SigningKeys(store, sealer, policy, settings, clock, random);
    }

    IssuedToken join(String participant, String conference, ParticipantRole role) {
        return issuer.issue(TokenKind.JOIN, participant, conference, role);
    }

    IssuedToken join() {
        return join("participant-1", "conference-a", ParticipantRole.GUEST);
    }

    // ---- verdicts -------------------------------------------------------------------------------------

    /** Asserts that the token is refused with exactly this rejection, whose code is also the message. */
    void assertRejected(String token, Expectation expectation, TokenRejection expected) {
        TokenRejected rejected = catchThrowableOfType(TokenRejected.class, () -> verifier.verify(token, expectation));
        assertThat(rejected).as("verification of the token should fail").isNotNull();
        assertThat(rejected.rejection()).isEqualTo(expected);
        assertThat(rejected.code()).isEqualTo(expected.code()).isEqualTo(rejected.getMessage());
    }

    void assertAccepted(String token, Expectation expectation) {
        assertThatCode(() -> verifier.verify(token, expectation)).doesNotThrowAnyException();
    }

    // ---- forging: tokens built field by field, to attack the verifier -----------------------------------

    /** A header as our issuer writes it, signed by the active key. */
    Map<String, Object> header(TokenKind kind) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("kid", keys.active().kid());
        header.put("typ", kind.type());
        return header;
    }

    /** Claims as our issuer writes them for a join token issued now. */
    Map<String, Object> claims() {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", TokenSettings.AUDIENCE);
        claims.put("sub", "participant-1");
        claims.put("room", "conference-a");
        claims.put("role", "guest");
        claims.put("jti", "forged-" + now);
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 120);
        return claims;
    }

    /** Signed with our active key: what a holder of our key, or a bug in our issuer, could produce. */
    String signedByUs(Map<String, Object> header, Map<String, Object> claims) {
        return sign(header, json(claims), keys.active().signer());
    }

    static String sign(Map<String, Object> header, String payloadJson, JWSSigner signer) {
        String signingInput = encode(JSONObjectUtils.toJSONString(header)) + "." + encode(payloadJson);
        try {
            // Signers read only alg; the rest of the header may be anything a forger likes.
            JWSHeader algorithmOnly = new JWSHeader(JWSAlgorithm.parse((String) header.get("alg")));
            Base64URL signature = signer.sign(algorithmOnly, signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        return encode(JSONObjectUtils.toJSONString(header)) + "." + encode(json(claims)) + ".";
    }

    static String json(Map<String, Object> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    static String encode(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
