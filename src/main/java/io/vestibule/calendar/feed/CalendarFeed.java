package io.vestibule.calendar.feed;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A user's calendar subscription: one per user, known by the hash of its token. Replacing the token keeps the row and
 * makes the old address worthless at once.
 */
@Entity
@Table(name = "calendar_feed")
public class CalendarFeed {
    @Id
    @Column(name = "owner_id", length = 36)
    private String ownerId;

    @Column(name = "token_hash", length = 64, nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Version
    private int version;

    protected CalendarFeed() {
    }

    public CalendarFeed(UUID ownerId, String tokenHash, Instant now) {
        this.ownerId = ownerId.toString();
        replaceToken(tokenHash, now);
    }

    /** A new token for the same subscription; the old one no longer names it. */
    public void replaceToken(String tokenHash, Instant now) {
        this.tokenHash = tokenHash;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID ownerId() {
        return UUID.fromString(ownerId);
    }

    /** The hexadecimal SHA-256 of the current token. */
    public String tokenHash() {
        return tokenHash;
    }

    /** When the current token was made. */
    public Instant createdAt() {
        return createdAt.toInstant();
    }
}
