package io.vestibule.identity.oidc;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;

/**
 * The provider's signing keys (its JWKS), cached. A token naming an unknown {@code kid} makes the set be fetched
 * again, since the provider may have rotated its keys, but at most once per {@code minimumRefreshInterval}: tokens
 * with made-up kids cannot turn the service into a flood of requests to the provider. The set is also fetched again
 * once older than {@code maximumAge}, so that a key the provider withdrew stops being accepted. While the provider
 * cannot be reached, the keys already known keep working.
 *
 * <p>One fetch runs at a time, and never under a lock: while it runs, a token whose key is known is verified with the
 * cached key at once, and only a token naming an unknown key waits for the fetch (itself bounded by the provider
 * connection's deadline).
 *
 * <p>Keys the crypto policy refuses (RSA under 3072 bits, other curves than P-256/384/521), keys for encryption,
 * and keys of other types are left out, with one warning per fetch: a token they signed names an unknown key.
 */
final class IssuerKeys {
    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    /** A token naming an unknown key waits at most this long for another thread's fetch (which has its own deadline). */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    /** Where the JSON of the key set comes from: the provider's {@code jwks_uri}. */
    interface Source {
        String fetch() throws ProviderUnavailable;
    }

    private final Source source;
    private final CryptoPolicy policy;
    private final Clock clock;
    private final Duration minimumRefreshInterval;
    private final Duration maximumAge;
    private volatile Map<String, VerificationKey> keys = Map.of();
    private volatile Instant fetchedAt;
    private volatile Instant attemptedAt;
    /** The fetch under way, if any. */
    private final AtomicReference<CompletableFuture<Void>> fetching = new AtomicReference<>();

    IssuerKeys(Source source, CryptoPolicy policy, Clock clock, Duration minimumRefreshInterval, Duration maximumAge) {
        this.source = source;
        this.policy = policy;
        this.clock = clock;
        this.minimumRefreshInterval = minimumRefreshInterval;
        this.maximumAge = maximumAge;
    }

    /** The key named {@code kid}, fetching the set again when it is unknown or old and the last attempt is not too recent. */
    Optional<VerificationKey> find(String kid) {
        Instant now = clock.instant();
        VerificationKey known = keys.get(kid);
        boolean old = fetchedAt == null || !now.isBefore(fetchedAt.plus(maximumAge));
        if (known != null && !old) {
            return Optional.of(known);
        }
        Optional<CompletableFuture<Void>> anotherFetch = fetchUnlessRecent(now);
        if (anotherFetch.isPresent() && known == null) {
            awaitBriefly(anotherFetch.get());
        }
        return Optional.ofNullable(keys.get(kid));
    }

    /**
     * Fetches the set on this thread unless one was attempted within {@code minimumRefreshInterval}; when another
     * thread is fetching, returns that fetch instead of starting one.
     */
    private Optional<CompletableFuture<Void>> fetchUnlessRecent(Instant now) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        synchronized (this) {
            CompletableFuture<Void> running = fetching.get();
            if (running != null) {
                return Optional.of(running);
            }
            if (attemptedAt != null && now.isBefore(attemptedAt.plus(minimumRefreshInterval))) {
                return Optional.empty();
            }
            attemptedAt = now;
            fetching.set(mine);
        }
        try {
            keys = usableKeys(source.fetch());
            fetchedAt = now;
        } catch (ProviderUnavailable e) {
            LOG.warning(() -> "The provider's signing keys could not be fetched; the " + keys.size() + " known keys stay in use: " + e.getMessage());
        } finally {
            fetching.set(null);
            mine.complete(null);
        }
        return Optional.empty();
    }

    private static void awaitBriefly(CompletableFuture<Void> fetch) {
        try {
            fetch.get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The keys known so far are all there is.
        }
    }

    private Map<String, VerificationKey> usableKeys(String json) throws ProviderUnavailable {
        List<JWK> published;
        try {
            published = JWKSet.parse(json).getKeys();
        } catch (ParseException | RuntimeException e) {
            throw new ProviderUnavailable("The provider's key set is not a JWK set");
        }
        Map<String, VerificationKey> usable = new HashMap<>();
        for (JWK key : published) {
            if (key.getKeyID() == null || (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
                continue;
            }
            try {
                usable.put(key.getKeyID(), verificationKey(key));
            } catch (CryptoPolicyViolation | JOSEException | IllegalArgumentException e) {
                LOG.warning(() -> "The provider's signing key " + key.getKeyID() + " (" + key.getKeyType() + ") is not used: " + e.getMessage());
            }
        }
        return Map.copyOf(usable);
    }

    private VerificationKey verificationKey(JWK key) throws JOSEException {
        JWSVerifier verifier;
        Set<JWSAlgorithm> algorithms;
        if (key instanceof ECKey ec) {
            policy.requireAcceptable(ec.toECPublicKey());
            ECDSAVerifier ecdsa = new ECDSAVerifier(ec);
            // Bouncy Castle verifies ES256 about fourteen times as fast as the JDK (10,700 against 760 a second, one core).
            ecdsa.getJCAContext().setProvider(CryptoPolicy.bouncyCastle());
            verifier = ecdsa;
            algorithms = ecdsa.supportedJWSAlgorithms();
        } else if (key instanceof RSAKey rsa) {
            policy.requireAcceptable(rsa.toRSAPublicKey());
            verifier = new RSASSAVerifier(rsa);
            algorithms = verifier.supportedJWSAlgorithms();
        } else {
            throw new IllegalArgumentException("only EC and RSA keys are accepted");
        }
        Set<JWSAlgorithm> allowed = algorithms.stream()
                .filter(algorithm -> policy.providerTokenAlgorithms().contains(algorithm.getName()))
                .filter(algorithm -> key.getAlgorithm() == null || key.getAlgorithm().getName().equals(algorithm.getName()))
                .collect(Collectors.toUnmodifiableSet());
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("its algorithm is not accepted by the crypto policy");
        }
        return new VerificationKey(key.getKeyID(), verifier, allowed);
    }
}
