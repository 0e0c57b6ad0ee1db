package io.vestibule.calendar.integration.jpa;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.vestibule.calendar.integration.CalendarIntegration;
import io.vestibule.calendar.integration.IntegrationRepository.StoredIntegration;
import io.vestibule.calendar.integration.OrganizerDomains;

@Entity
@Table(name = "calendar_integration")
public class IntegrationRow {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "organizer_domains", nullable = false, length = 5200)
    private String organizerDomains;

    @Column(name = "sealed_secret", nullable = false)
    private byte[] sealedSecret;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, length = 255)
    private String createdBy;

    protected IntegrationRow() {
    }

    IntegrationRow(StoredIntegration stored) {
        CalendarIntegration integration = stored.integration();
        this.id = integration.id().toString();
        this.name = integration.name();
        this.organizerDomains = integration.organizerDomains().stored();
        this.sealedSecret = stored.sealedSecret();
        this.createdAt = integration.createdAt().atOffset(ZoneOffset.UTC);
        this.createdBy = integration.createdBy();
    }

    CalendarIntegration integration() {
        return new CalendarIntegration(UUID.fromString(id), name, OrganizerDomains.fromStored(organizerDomains), createdAt.toInstant(),
                createdBy);
    }

    StoredIntegration stored() {
        return new StoredIntegration(integration(), sealedSecret);
    }
}
