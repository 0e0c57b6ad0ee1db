package io.vestibule.access.token.jpa;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.vestibule.access.token.StoredSigningKey;

@Entity
@Table(name = "signing_key")
public class SigningKeyRow {
    @Id
    @Column(length = 64)
    private String kid;

    @Column(name = "sealed_private_key", nullable = false)
    private byte[] sealedPrivateKey;

    @Column(name = "public_jwk", nullable = false, length = 2000)
    private String publicJwk;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "active_until", nullable = false)
    private OffsetDateTime activeUntil;

    @Column(name = "published_until", nullable = false)
    private OffsetDateTime publishedUntil;

    protected SigningKeyRow() {
    }

    SigningKeyRow(StoredSigningKey key) {
        this.kid = key.kid();
        this.sealedPrivateKey = key.sealedPrivateKey();
        this.publicJwk = key.publicJwk();
        this.createdAt = key.createdAt().atOffset(ZoneOffset.UTC);
        this.activeUntil = key.activeUntil().atOffset(ZoneOffset.UTC);
        this.publishedUntil = key.publishedUntil().atOffset(ZoneOffset.UTC);
    }

    StoredSigningKey toStored() {
        return new StoredSigningKey(kid, sealedPrivateKey, publicJwk, createdAt.toInstant(), activeUntil.toInstant(),
                publishedUntil.toInstant());
    }
}
