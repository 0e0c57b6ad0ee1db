package io.vestibule.calendar.integration;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.Uuids;

/**
 * Decides whether a calendar system signed a callback, in a fixed order, cheap checks first: every signing header
 * present and well-formed; the timestamp within {@link #WINDOW} of the service's clock ({@code callback_stale}); the
 * integration exists; the HMAC matches, compared in constant time ({@code callback_signature_invalid}); the signature
 * not seen before ({@code callback_replayed}); the organizer inside the integration's domains.
 */
@ApplicationScoped
public class CallbackVerifier {
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int LONGEST_ORGANIZER = 320;
    /** Keyed with nothing anyone holds: an unknown integration costs an HMAC too, so timing does not tell ids apart. */
    private static final byte[] NO_KEY = new byte[IntegrationSecret.RANDOM_BYTES];

    private IntegrationKeys integrations;
    private CallbackReplays replays;
    private CryptoPolicy policy;
    private Clock clock;

    @Inject
    public CallbackVerifier(IntegrationKeys integrations, CallbackReplays replays, CryptoPolicy policy, Clock clock) {
        this.integrations = integrations;
        this.replays = replays;
        this.policy = policy;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected CallbackVerifier() {
    }

    public VerifiedCallback verify(SignedCallback call) throws CallbackRefused {
        if (call.integration() == null || call.organizer() == null || call.organizer().isBlank()
                || call.organizer().length() > LONGEST_ORGANIZER || call.signature() == null
                || !SIGNATURE.matcher(call.signature()).matches()
                || call.timestamp() == null || !TIMESTAMP.matcher(call.timestamp()).matches()) {
            throw new CallbackRefused(CallbackRejection.SIGNATURE_INVALID);
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(call.timestamp()));
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
            throw new CallbackRefused(CallbackRejection.STALE);
        }
        Optional<IntegrationKey> key = Uuids.parse(call.integration()).flatMap(integrations::find);
        byte[] expected = hmac(key.map(found -> found.secret().macKey()).orElse(NO_KEY), call.signedContent());
        byte[] given = HexFormat.of().parseHex(call.signature());
        if (!MessageDigest.isEqual(expected, given) || key.isEmpty()) {
            throw new CallbackRefused(CallbackRejection.SIGNATURE_INVALID);
        }
        CalendarIntegration integration = key.get().integration();
        replays.firstSight(replayKey(integration.id(), given), signedAt.plus(WINDOW));
        if (!integration.organizerDomains().allows(call.organizer())) {
            throw new CallbackRefused(CallbackRejection.ORGANIZER_NOT_ALLOWED);
        }
        return new VerifiedCallback(integration, call.organizer());
    }

    private byte[] hmac(byte[] key, byte[] content) {
        String algorithm = policy.callbackMacAlgorithm();
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("The JDK cannot compute " + algorithm, e);
        }
    }

    private static String replayKey(UUID integrationId, byte[] signature) {
        return integrationId + ":" + HexFormat.of().formatHex(signature);
    }
}
