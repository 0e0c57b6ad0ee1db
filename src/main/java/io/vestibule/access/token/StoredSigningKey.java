package io.vestibule.access.token;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A token signing key as it is kept: the private key only sealed (see {@link PrivateKeySealer}), the public key
 * as a JWK without private members.
 *
 * @param kid              RFC 7638 thumbprint of the public key (base64url SHA-256)
 * @param sealedPrivateKey the PKCS#8 private key, sealed under {@code kid}
 * @param publicJwk        the public JWK as JSON, with kid, {@code use: "sig"} and {@code alg}
 * @param activeUntil      the key signs until then
 * @param publishedUntil   the key verifies and stays in the JWKS until then
 */
public record StoredSigningKey(
        String kid,
        byte[] sealedPrivateKey,
        String publicJwk,
        Instant createdAt,
        Instant activeUntil,
        Instant publishedUntil) {

    public StoredSigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activeUntil, "activeUntil");
        Objects.requireNonNull(publishedUntil, "publishedUntil");
        sealedPrivateKey = sealedPrivateKey.clone();
        if (activeUntil.isBefore(createdAt) || publishedUntil.isBefore(activeUntil)) {
            throw new IllegalArgumentException("A signing key is created, then active, then published");
        }
    }

    @Override
    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(createdAt) && now.isBefore(activeUntil);
    }

    public boolean publishedAt(Instant now) {
        return now.isBefore(publishedUntil);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredSigningKey that && kid.equals(that.kid)
                && Arrays.equals(sealedPrivateKey, that.sealedPrivateKey) && publicJwk.equals(that.publicJwk)
                && createdAt.equals(that.createdAt) && activeUntil.equals(that.activeUntil)
                && publishedUntil.equals(that.publishedUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, Arrays.hashCode(sealedPrivateKey), publicJwk, createdAt, activeUntil, publishedUntil);
    }

    /** Names the key and its dates; the sealed private key is left out even though it is sealed. */
    @Override
    public String toString() {
        return "StoredSigningKey[kid=" + kid + ", createdAt=" + createdAt + ", activeUntil=" + activeUntil
                + ", publishedUntil=" + publishedUntil + "]";
    }
}
