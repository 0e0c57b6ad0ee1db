package io.vestibule.audit.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.vestibule.audit.AuditEvent;

@Entity
@Table(name = "audit_event")
public class AuditEventRow {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_id")
    @SequenceGenerator(name = "audit_event_id", sequenceName = "audit_event_id_seq", allocationSize = 1)
    private long id;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "event_type", nullable = false, length = 60)
    private String type;

    @Column(nullable = false)
    private String actor;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private AuditEvent.Outcome outcome;

    @Column(nullable = false, length = AuditEvent.LONGEST_DETAIL)
    private String detail;

    protected AuditEventRow() {
    }

    AuditEventRow(Instant occurredAt, String type, String actor, String sourceAddress, AuditEvent.Outcome outcome, String detail) {
        this.occurredAt = occurredAt.atOffset(ZoneOffset.UTC);
        this.type = type;
        this.actor = actor;
        this.sourceAddress = sourceAddress;
        this.outcome = outcome;
        this.detail = detail;
    }

    AuditEvent toEvent() {
        return new AuditEvent(id, occurredAt.toInstant(), type, actor, sourceAddress, outcome, detail);
    }
}
