package io.vestibule.crypto.keys;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A data key as stored: wrapped by the key-encryption key named by {@code kekAlias}, never in clear. */
@Entity
@Table(name = "data_key")
public class DataKey {
    // A sequence, not an identity column: EclipseLink reads H2 2.x identities with a call H2 no longer has.
    @Id
    @SequenceGenerator(name = "data_key_id", sequenceName = "data_key_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "data_key_id")
    private Integer id;

    @Column(nullable = false, length = 40)
    private String purpose;

    @Column(name = "kek_alias", nullable = false, length = 40)
    private String kekAlias;

    @Column(name = "wrapped_key", nullable = false)
    private byte[] wrappedKey;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "retired_at")
    private OffsetDateTime retiredAt;

    protected DataKey() {
    }

    public DataKey(String purpose, String kekAlias, byte[] wrappedKey, Instant createdAt) {
        this.purpose = purpose;
        this.kekAlias = kekAlias;
        this.wrappedKey = wrappedKey.clone();
        this.createdAt = createdAt.atOffset(ZoneOffset.UTC);
    }

    public int id() {
        return id;
    }

    public String purpose() {
        return purpose;
    }

    public String kekAlias() {
        return kekAlias;
    }

    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public boolean retired() {
        return retiredAt != null;
    }

    /** From now on the key only opens what it sealed; its purpose gets a new key for what is sealed next. */
    public void retire(Instant at) {
        if (retiredAt == null) {
            retiredAt = at.atOffset(ZoneOffset.UTC);
        }
    }
}
