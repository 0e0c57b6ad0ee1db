package io.vestibule.calendar.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One organizer's calendar event: the hash of its key and the meeting it holds. */
@Entity
@Table(name = "calendar_event")
public class CalendarEventRecord {
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "organizer_id", length = 36, nullable = false)
    private String organizerId;

    @Column(name = "key_hash", length = 64, nullable = false)
    private String keyHash;

    @Column(name = "meeting_id", length = 36, nullable = false)
    private String meetingId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private int version;

    protected CalendarEventRecord() {
    }

    CalendarEventRecord(UUID organizerId, String keyHash, UUID meetingId, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.organizerId = organizerId.toString();
        this.keyHash = keyHash;
        this.meetingId = meetingId.toString();
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.updatedAt = createdAt;
    }

    void relink(UUID meetingId, Instant now) {
        this.meetingId = meetingId.toString();
        this.updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    UUID meetingId() {
        return UUID.fromString(meetingId);
    }
}
