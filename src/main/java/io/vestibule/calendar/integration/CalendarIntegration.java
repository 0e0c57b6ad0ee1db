package io.vestibule.calendar.integration;

import java.time.Instant;
import java.util.UUID;

/**
 * A calendar system an administrator allowed to book meetings through signed callbacks, for the organizers of
 * {@code organizerDomains} only. Its secret is not part of it: it exists in clear once, when created.
 */
public record CalendarIntegration(UUID id, String name, OrganizerDomains organizerDomains, Instant createdAt, String createdBy) {
    public static final int LONGEST_NAME = 100;
}
