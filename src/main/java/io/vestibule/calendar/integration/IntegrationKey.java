package io.vestibule.calendar.integration;

/** An integration that exists now, with the secret its callbacks are signed with. */
public record IntegrationKey(CalendarIntegration integration, IntegrationSecret secret) {
}
