package io.vestibule.access.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The keys that sign and verify tokens (R-JOIN-2): one active key signs; retired keys stay published, for
 * verification and in the JWKS, until every token they signed has expired
 * ({@code publishedUntil = activeUntil + longest token lifetime + skew}); then they are removed from the store.
 *
 * <p>A new EC key (curve from {@link CryptoPolicy}) is created when no stored key is active. Its kid is its RFC 7638
 * thumbprint. The private key is sealed before it is stored and unsealed only for the active key, which is cached
 * with its signer; verifiers of published keys are cached too.
 *
 * <p>Thread-safe: readers use an immutable snapshot; rotation and reloading run under one lock. In a cluster each
 * node may create its own key at rotation time; all are published through the shared store. A node that sees an
 * unknown kid reloads the store, at most once per {@link #RELOAD_INTERVAL}, so that tokens with made-up kids
 * cannot turn into one store read each; the cost is that a token signed by a key another node created within
 * that interval after such a reload is refused once as {@code token_unknown_key}, and the client's retry passes.
 */
public final class SigningKeys {
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final SigningKeyStore store;
    private final PrivateKeySealer sealer;
    private final CryptoPolicy policy;
    private final TokenSettings settings;
    private final Clock clock;
    private final SecureRandom random;
    private final JWSAlgorithm algorithm;

    private final Object lock = new Object();
    private volatile Map<String, PublishedKey> published = Map.of();
    private volatile ActiveKey active;
    private Instant lastReload;

    public SigningKeys(SigningKeyStore store, PrivateKeySealer sealer, CryptoPolicy policy, TokenSettings settings,
                       Clock clock, SecureRandom random) {
        this.store = store;
        this.sealer = sealer;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.algorithm = JWSAlgorithm.parse(policy.joinTokenAlgorithm());
    }

    /** The key that signs now, with its signer; rotates when the active key's time is up. */
    ActiveKey active() {
        Instant now = clock.instant();
        ActiveKey current = active;
        if (current != null && current.activeAt(now)) {
            return current;
        }
        synchronized (lock) {
            reload(now);
            if (active == null || !active.activeAt(now)) {
                create(now);
            }
            return active;
        }
    }

    /** The verifier of a published key; empty for an unknown or no longer published kid. */
    Optional<JWSVerifier> verifierFor(String kid) {
        return publishedKey(kid).map(PublishedKey::verifier);
    }

    /** The public JWK of a published key. */
    public Optional<ECKey> publicKey(String kid) {
        return publishedKey(kid).map(PublishedKey::jwk);
    }

    /** The published keys, newest first, public members only. */
    public JWKSet publicKeys() {
        Instant now = clock.instant();
        synchronized (lock) {
            if (reloadDue(now)) {
                reload(now);
            }
        }
        List<ECKey> keys = published.values().stream()
                .filter(key -> key.stored().publishedAt(now))
                .sorted(Comparator.comparing((PublishedKey key) -> key.stored().createdAt()).reversed())
                .map(PublishedKey::jwk)
                .toList();
        if (keys.stream().anyMatch(ECKey::isPrivate)) {
            throw new IllegalStateException("A private key almost reached the JWKS");
        }
        return new JWKSet(List.copyOf(keys));
    }

    /** The published keys' public halves, newest first: what the crypto policy report judges. */
    public List<PublicKey> publishedPublicKeys() {
        List<PublicKey> keys = new ArrayList<>();
        for (JWK jwk : publicKeys().getKeys()) {
            try {
                keys.add(((ECKey) jwk).toECPublicKey(CryptoPolicy.bouncyCastle()));
            } catch (JOSEException e) {
                throw new IllegalStateException("Published signing key " + jwk.getKeyID() + " cannot be read", e);
            }
        }
        return keys;
    }

    /** The JWKS document served at {@code GET /api/v1/keys}: {@code {"keys":[{kty,crv,x,y,kid,use,alg}]}}. */
    public String jwks() {
        return publicKeys().toString(true);
    }

    private Optional<PublishedKey> publishedKey(String kid) {
        Instant now = clock.instant();
        PublishedKey key = published.get(kid);
        if (key == null) {
            synchronized (lock) {
                if (!published.containsKey(kid) && reloadDue(now)) {
                    reload(now);
                }
            }
            key = published.get(kid);
        }
        return key != null && key.stored().publishedAt(now) ? Optional.of(key) : Optional.empty();
    }

    private boolean reloadDue(Instant now) {
        return lastReload == null || !now.isBefore(lastReload.plus(RELOAD_INTERVAL)) || now.isBefore(lastReload);
    }

    /** Reads the store (under the lock): drops keys past publication, picks the active key, reuses what is cached. */
    private void reload(Instant now) {
        lastReload = now;
        Map<String, PublishedKey> loaded = new HashMap<>();
        StoredSigningKey newestActive = null;
        for (StoredSigningKey stored : store.all()) {
            if (!stored.publishedAt(now)) {
                store.remove(stored.kid());
                continue;
            }
            PublishedKey known = published.get(stored.kid());
            loaded.put(stored.kid(), known != null ? known : publishedKey(stored));
            if (stored.activeAt(now) && (newestActive == null || stored.activeUntil().isAfter(newestActive.activeUntil()))) {
                newestActive = stored;
            }
        }
        published = Map.copyOf(loaded);
        if (newestActive == null) {
            active = null;
        } else if (active == null || !active.kid().equals(newestActive.kid())) {
            active = unsealed(newestActive, loaded.get(newestActive.kid()).jwk());
        }
    }

    private void create(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(policy.joinTokenKeyAlgorithm(), CryptoPolicy.bouncyCastle());
            generator.initialize(policy.joinTokenCurve(), random);
            KeyPair pair = generator.generateKeyPair();
            policy.requireAcceptable(pair.getPublic());
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            ECKey unnamed = new ECKey.Builder(Curve.forECParameterSpec(publicKey.getParams()), publicKey).build();
            ECKey jwk = new ECKey.Builder(unnamed)
                    .keyID(unnamed.computeThumbprint().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(algorithm)
                    .build();
            byte[] pkcs8 = pair.getPrivate().getEncoded();
            byte[] sealed;
            try {
                sealed = sealer.seal(pkcs8, jwk.getKeyID());
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
            Instant activeUntil = now.plus(settings.signingKeyRotation());
            StoredSigningKey stored = new StoredSigningKey(jwk.getKeyID(), sealed, jwk.toJSONString(), now, activeUntil,
                    activeUntil.plus(settings.keyPublicationAfterRetirement()));
            store.add(stored);
            Map<String, PublishedKey> withNew = new HashMap<>(published);
            withNew.put(stored.kid(), new PublishedKey(stored, jwk, verifier(publicKey)));
            published = Map.copyOf(withNew);
            active = new ActiveKey(stored.kid(), stored.createdAt(), activeUntil, signer((ECPrivateKey) pair.getPrivate()));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("A token signing key could not be created", e);
        }
    }

    /** Parses and checks a stored public key: no private members, acceptable to the policy, kid = thumbprint. */
    private PublishedKey publishedKey(StoredSigningKey stored) {
        try {
            ECKey jwk = ECKey.parse(stored.publicJwk());
            if (jwk.isPrivate()) {
                throw new IllegalStateException("Stored signing key " + stored.kid() + " has private members in its public JWK");
            }
            if (!stored.kid().equals(jwk.getKeyID()) || !stored.kid().equals(jwk.computeThumbprint().toString())) {
                throw new IllegalStateException("Stored signing key " + stored.kid() + " is not named by its thumbprint");
            }
            ECPublicKey publicKey = jwk.toECPublicKey(CryptoPolicy.bouncyCastle());
            policy.requireAcceptable(publicKey);
            return new PublishedKey(stored, jwk, verifier(publicKey));
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("Stored signing key " + stored.kid() + " cannot be read", e);
        }
    }

    private ActiveKey unsealed(StoredSigningKey stored, ECKey jwk) {
        byte[] pkcs8 = sealer.open(stored.sealedPrivateKey(), stored.kid());
        try {
            KeyFactory factory = KeyFactory.getInstance(policy.joinTokenKeyAlgorithm(), CryptoPolicy.bouncyCastle());
            ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            if (!jwk.getCurve().equals(Curve.forECParameterSpec(privateKey.getParams()))) {
                throw new IllegalStateException("Stored signing key " + stored.kid() + " has a private key on another curve");
            }
            return new ActiveKey(stored.kid(), stored.createdAt(), stored.activeUntil(), signer(privateKey));
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Stored signing key " + stored.kid() + " cannot be unsealed", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Keys must be Bouncy Castle's own, as every key here is: given a key of another provider, Bouncy Castle converts
     * its curve on each signature and verification and loses its precomputed tables, five times slower.
     */
    private JWSSigner signer(ECPrivateKey privateKey) throws JOSEException {
        ECDSASigner signer = new ECDSASigner(privateKey);
        signer.getJCAContext().setProvider(CryptoPolicy.bouncyCastle());
        signer.getJCAContext().setSecureRandom(random);
        return new LowS.Signer(signer, privateKey.getParams().getOrder());
    }

    private static JWSVerifier verifier(ECPublicKey publicKey) throws JOSEException {
        ECDSAVerifier verifier = new ECDSAVerifier(publicKey);
        verifier.getJCAContext().setProvider(CryptoPolicy.bouncyCastle());
        return verifier;
    }

    /** The signing key of the moment; its signer holds the unsealed private key, so it prints only its kid. */
    record ActiveKey(String kid, Instant createdAt, Instant activeUntil, JWSSigner signer) {
        boolean activeAt(Instant now) {
            return !now.isBefore(createdAt) && now.isBefore(activeUntil);
        }

        @Override
        public String toString() {
            return "ActiveKey[kid=" + kid + ", activeUntil=" + activeUntil + "]";
        }
    }

    private record PublishedKey(StoredSigningKey stored, ECKey jwk, JWSVerifier verifier) {
    }
}
