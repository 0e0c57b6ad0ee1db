package io.vestibule.calendar.integration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signed callback check: each way a call can be wrong is refused with its own rejection. */
class CallbackVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final String PATH = "/api/v1/calendar/events/outlook-123";
    private static final String ORGANIZER = "ana@example.com";
    private static final byte[] BODY = "{\"subject\":\"Budget\",\"start\":\"2026-12-07T09:00\",\"end\":\"2026-12-07T10:00\",\"timeZone\":\"Europe/Madrid\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final TestClock clock = new TestClock(NOW);
    private final Map<UUID, IntegrationKey> known = new HashMap<>();
    private final CallbackVerifier verifier = new CallbackVerifier(id -> Optional.ofNullable(known.get(id)), new CallbackReplays(clock),
            CryptoPolicy.standard(), clock);
    private final CalendarIntegration integration = new CalendarIntegration(UUID.randomUUID(), "Room booking", new OrganizerDomains(List.of("example.com")),
            NOW, "admin");
    private final IntegrationSecret secret = IntegrationSecret.generate(new SecureRandom());

    CallbackVerifierTest() {
        known.put(integration.id(), new IntegrationKey(integration, secret));
    }

    @Test
    void aCallSignedWithTheSecretNowIsAcceptedForItsOrganizer() throws CallbackRefused {
        VerifiedCallback verified = verifier.verify(signed(NOW, "PUT", PATH, ORGANIZER, BODY));

        assertThat(verified.integration()).isEqualTo(integration);
        assertThat(verified.organizerEmail()).isEqualTo(ORGANIZER);
    }

    @Test
    void aSignatureIsCheckedAsTheShellExampleOfTheAdminGuideComputesIt() throws Exception {
        // openssl dgst -sha256 -hmac "$SECRET": the key is the secret's text, the signature lower-case hex.
        String timestamp = Long.toString(NOW.getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.text().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] content = (timestamp + "\nDELETE\n" + PATH + "\n" + ORGANIZER + "\n").getBytes(StandardCharsets.UTF_8);
        String signature = HexFormat.of().formatHex(mac.doFinal(content));

        assertThat(verifier.verify(new SignedCallback(integration.id().toString(), timestamp, ORGANIZER, signature, "DELETE", PATH, new byte[0])))
                .extracting(VerifiedCallback::organizerEmail).isEqualTo(ORGANIZER);
    }

    @Test
    void aTimestampMoreThanFiveMinutesOldIsStale() {
        assertRefused(signed(NOW.minus(Duration.ofMinutes(5)).minusSeconds(1), "PUT", PATH, ORGANIZER, BODY), CallbackRejection.STALE);
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsStaleToo() {
        assertRefused(signed(NOW.plus(Duration.ofMinutes(5)).plusSeconds(1), "PUT", PATH, ORGANIZER, BODY), CallbackRejection.STALE);
    }

    @Test
    void aTimestampAtTheEdgeOfTheWindowIsAccepted() throws CallbackRefused {
        assertThat(verifier.verify(signed(NOW.minus(Duration.ofMinutes(5)), "PUT", PATH, ORGANIZER, BODY))).isNotNull();
    }

    @Test
    void theSameSignedCallSentAgainIsAReplayEvenMinutesLater() throws CallbackRefused {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);
        verifier.verify(call);
        clock.advance(Duration.ofMinutes(4));

        assertRefused(call, CallbackRejection.REPLAYED);
    }

    @Test
    void aReplayAfterTheWindowIsStaleNotAccepted() throws CallbackRefused {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);
        verifier.verify(call);
        clock.advance(Duration.ofMinutes(6));

        assertRefused(call, CallbackRejection.STALE);
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsInvalid() {
        SignedCallback call = signedWith(IntegrationSecret.generate(new SecureRandom()), integration.id().toString(), NOW, "PUT", PATH, ORGANIZER, BODY);

        assertRefused(call, CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void aChangedBodyBreaksTheSignature() {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);
        byte[] other = "{\"subject\":\"Budget!\"}".getBytes(StandardCharsets.UTF_8);

        assertRefused(withBody(call, other), CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureForAnotherPathOrMethodIsInvalid() {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);

        assertRefused(new SignedCallback(call.integration(), call.timestamp(), call.organizer(), call.signature(), "PUT",
                "/api/v1/calendar/events/another-event", BODY), CallbackRejection.SIGNATURE_INVALID);
        assertRefused(new SignedCallback(call.integration(), call.timestamp(), call.organizer(), call.signature(), "DELETE", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void aSignatureCannotBeReusedForAnotherOrganizer() {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);

        assertRefused(new SignedCallback(call.integration(), call.timestamp(), "bea@example.com", call.signature(), "PUT", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void anUnknownIntegrationIsRefusedAsAnInvalidSignature() {
        assertRefused(signedWith(secret, UUID.randomUUID().toString(), NOW, "PUT", PATH, ORGANIZER, BODY), CallbackRejection.SIGNATURE_INVALID);
        assertRefused(signedWith(secret, "not-an-id", NOW, "PUT", PATH, ORGANIZER, BODY), CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void aDeletedIntegrationsSecretNoLongerSignsAnything() throws CallbackRefused {
        verifier.verify(signed(NOW, "PUT", PATH, ORGANIZER, BODY));
        known.remove(integration.id());

        assertRefused(signed(NOW.plusSeconds(1), "PUT", PATH, ORGANIZER, BODY), CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void missingOrMalformedHeadersAreAnInvalidSignature() {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);

        assertRefused(new SignedCallback(call.integration(), call.timestamp(), call.organizer(), null, "PUT", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
        assertRefused(new SignedCallback(call.integration(), call.timestamp(), call.organizer(), call.signature().substring(2), "PUT", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
        assertRefused(new SignedCallback(null, call.timestamp(), call.organizer(), call.signature(), "PUT", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
        assertRefused(new SignedCallback(call.integration(), "2026-12-05T10:00:00Z", call.organizer(), call.signature(), "PUT", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
        assertRefused(new SignedCallback(call.integration(), call.timestamp(), null, call.signature(), "PUT", PATH, BODY),
                CallbackRejection.SIGNATURE_INVALID);
    }

    @Test
    void anUpperCaseHexSignatureIsTheSameSignatureAndCountsAsAReplay() throws CallbackRefused {
        SignedCallback call = signed(NOW, "PUT", PATH, ORGANIZER, BODY);
        verifier.verify(call);

        assertRefused(new SignedCallback(call.integration(), call.timestamp(), call.organizer(), call.signature().toUpperCase(), "PUT", PATH, BODY),
                CallbackRejection.REPLAYED);
    }

    @Test
    void anOrganizerOutsideTheIntegrationsDomainsIsRefusedWithItsOwnCode() {
        assertRefused(signed(NOW, "PUT", PATH, "eve@example.org", BODY), CallbackRejection.ORGANIZER_NOT_ALLOWED);
        assertRefused(signed(NOW, "PUT", PATH, "eve@sub.example.com", BODY), CallbackRejection.ORGANIZER_NOT_ALLOWED);
        assertThat(CallbackRejection.ORGANIZER_NOT_ALLOWED.status()).isEqualTo(403);
    }

    @Test
    void everyRejectionHasItsOwnCode() {
        assertThat(List.of(CallbackRejection.values())).extracting(CallbackRejection::code).doesNotHaveDuplicates();
        assertThat(List.of(CallbackRejection.STALE, CallbackRejection.REPLAYED, CallbackRejection.SIGNATURE_INVALID))
                .extracting(CallbackRejection::status).containsOnly(401);
    }

    private void assertRefused(SignedCallback call, CallbackRejection expected) {
        assertThatThrownBy(() -> verifier.verify(call)).isInstanceOfSatisfying(CallbackRefused.class,
                refused -> assertThat(refused.rejection()).isEqualTo(expected));
    }

    private SignedCallback signed(Instant at, String method, String path, String organizer, byte[] body) {
        return signedWith(secret, integration.id().toString(), at, method, path, organizer, body);
    }

    private static SignedCallback signedWith(IntegrationSecret key, String integrationId, Instant at, String method, String path, String organizer,
                                             byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        SignedCallback unsigned = new SignedCallback(integrationId, timestamp, organizer, "", method, path, body);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.macKey(), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal(unsigned.signedContent()));
            return new SignedCallback(integrationId, timestamp, organizer, signature, method, path, body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SignedCallback withBody(SignedCallback call, byte[] body) {
        return new SignedCallback(call.integration(), call.timestamp(), call.organizer(), call.signature(), call.method(), call.path(), body);
    }
}
