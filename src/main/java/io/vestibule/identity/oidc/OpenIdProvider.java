package io.vestibule.identity.oidc;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.util.JSONObjectUtils;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The provider as the portal talks to it: its discovery document and the token endpoint. A sign-in start reuses a
 * reading of the last few minutes, so that a flood of starts costs the provider nothing; readiness probes read it
 * again when their last reading is a few seconds old. A failed reading is what every caller sees for the next few
 * seconds: a provider that went down is said so on the sign-in page (not by the browser's error page) as soon as a
 * probe or a start noticed, and one that is down costs the requests of that time one timeout in all. Later steps of
 * a sign-in use the last document read, for up to an hour.
 */
final class OpenIdProvider {
    static final Duration FRESH = Duration.ofSeconds(5);
    static final Duration REUSED_BY_SIGN_INS = Duration.ofMinutes(5);
    static final Duration USABLE = Duration.ofHours(1);
    /** How long a thread waits for another's read (which has its own deadline). */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final OidcSettings settings;
    private final ProviderConnection connection;
    private final String pkceMethod;
    private final Clock clock;
    private volatile Read lastSuccess;
    private volatile Read lastAttempt;
    /** The read under way, if any. */
    private final AtomicReference<CompletableFuture<Read>> reading = new AtomicReference<>();

    /** The outcome of reading the discovery document: the metadata, or why it could not be had. */
    private record Read(Instant at, ProviderMetadata metadata, ProviderUnavailable failure) {
    }

    OpenIdProvider(OidcSettings settings, ProviderConnection connection, CryptoPolicy policy, Clock clock) {
        this.settings = settings;
        this.connection = connection;
        this.pkceMethod = policy.pkceChallengeMethod();
        this.clock = clock;
    }

    /** The metadata read within the last few seconds, reading it now if need be; fails while the provider is unreachable. */
    ProviderMetadata current() throws ProviderUnavailable {
        return outcome(read(clock.instant(), FRESH));
    }

    /** The metadata for a browser about to be sent to the provider: a reading of the last few minutes, unless one failed since. */
    ProviderMetadata checked() throws ProviderUnavailable {
        return outcome(read(clock.instant(), REUSED_BY_SIGN_INS));
    }

    private static ProviderMetadata outcome(Read attempt) throws ProviderUnavailable {
        if (attempt.failure() != null) {
            throw attempt.failure();
        }
        return attempt.metadata();
    }

    /** The last metadata read if it is under an hour old (a sign-in in progress keeps working), else {@link #current()}. */
    ProviderMetadata known() throws ProviderUnavailable {
        Read success = lastSuccess;
        if (success != null && clock.instant().isBefore(success.at().plus(USABLE))) {
            return success.metadata();
        }
        return current();
    }

    /** The provider's key set, as JSON (for {@link IssuerKeys}). */
    String keySet() throws ProviderUnavailable {
        ProviderConnection.Answer answer = connection.get(known().jwksUri());
        if (!answer.ok()) {
            throw new ProviderUnavailable("The provider's key set answered HTTP " + answer.status());
        }
        return answer.body();
    }

    /**
     * Exchanges an authorization code for tokens (OpenID Connect Core §3.1.3.1) with the PKCE verifier, as the
     * portal client; returns the ID token. A refusal by the provider (a used or foreign code, a wrong verifier) is
     * {@code sso_failed}; no answer, or a server error, is {@code sso_unavailable}.
     */
    String exchange(String code, String codeVerifier) throws SsoRefused {
        ProviderConnection.Answer answer;
        try {
            answer = connection.postAsClient(known().tokenEndpoint(), Map.of(
                    "grant_type", "authorization_code",
                    "code", code,
                    "redirect_uri", settings.redirectUri().toString(),
                    "code_verifier", codeVerifier));
        } catch (ProviderUnavailable e) {
            throw new SsoRefused(SsoRefused.Reason.UNAVAILABLE, e.getMessage());
        }
        if (answer.status() >= 500) {
            throw new SsoRefused(SsoRefused.Reason.UNAVAILABLE, "the token endpoint answered HTTP " + answer.status());
        }
        Map<String, Object> body;
        try {
            body = JSONObjectUtils.parse(answer.body(), ProviderConnection.MAX_ANSWER_BYTES);
        } catch (ParseException | RuntimeException e) {
            throw new SsoRefused(SsoRefused.Reason.FAILED, "the token endpoint's answer is not JSON (HTTP " + answer.status() + ")");
        }
        if (!answer.ok()) {
            // The error code is the provider's (RFC 6749 §5.2), e.g. invalid_grant; its description may echo input, so it is left out.
            Object error = body.get("error");
            throw new SsoRefused(SsoRefused.Reason.FAILED, "the token endpoint refused the code: "
                    + (error instanceof String text && text.matches("[a-z_]{1,40}") ? text : "HTTP " + answer.status()));
        }
        if (!(body.get("id_token") instanceof String idToken) || !"bearer".equalsIgnoreCase(String.valueOf(body.get("token_type")))) {
            throw new SsoRefused(SsoRefused.Reason.FAILED, "the token endpoint's answer has no ID token");
        }
        return idToken;
    }

    /**
     * Where the provider ends its session; empty when its discovery document names none, or while the provider
     * cannot be reached (the browser would only meet an error page there).
     */
    Optional<URI> endSessionEndpoint() {
        try {
            return checked().endSessionEndpoint();
        } catch (ProviderUnavailable e) {
            return Optional.empty();
        }
    }

    /**
     * Reads the document, unless another thread did within {@code reuse} (or failed to, within {@link #FRESH}). One
     * read runs at a time and under no lock: a thread that arrives while one runs shares its outcome.
     */
    private Read read(Instant now, Duration reuse) {
        Read attempt = lastAttempt;
        if (attempt != null && now.isBefore(attempt.at().plus(attempt.failure() != null ? FRESH : reuse))) {
            return attempt;
        }
        CompletableFuture<Read> mine = new CompletableFuture<>();
        CompletableFuture<Read> running = reading.compareAndExchange(null, mine);
        if (running != null) {
            return shared(running, now);
        }
        Read outcome = null;
        try {
            outcome = readNow(now);
            lastAttempt = outcome;
            return outcome;
        } finally {
            reading.set(null);
            mine.complete(outcome != null ? outcome : new Read(now, null, new ProviderUnavailable("The provider's discovery document could not be read")));
        }
    }

    private Read readNow(Instant now) {
        try {
            ProviderConnection.Answer answer = connection.get(settings.discoveryUri());
            if (!answer.ok()) {
                throw new ProviderUnavailable("The provider's discovery document answered HTTP " + answer.status());
            }
            Read read = new Read(now, ProviderMetadata.parse(answer.body(), settings, pkceMethod), null);
            lastSuccess = read;
            return read;
        } catch (ProviderUnavailable e) {
            return new Read(now, null, e);
        }
    }

    private static Read shared(CompletableFuture<Read> running, Instant now) {
        try {
            return running.get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Read(now, null, new ProviderUnavailable("Interrupted while waiting for the provider"));
        } catch (ExecutionException | TimeoutException e) {
            return new Read(now, null, new ProviderUnavailable("The provider's discovery document could not be read in time"));
        }
    }
}
