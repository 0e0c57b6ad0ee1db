package io.vestibule.calendar.integration;

/** A new integration and its secret, which is never available again after this answer. */
public record CreatedIntegration(CalendarIntegration integration, IntegrationSecret secret) {
}
