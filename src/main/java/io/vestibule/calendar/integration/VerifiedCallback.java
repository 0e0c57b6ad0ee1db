package io.vestibule.calendar.integration;

/** A callback whose signature, freshness and organizer domain passed: who sent it and for whom. */
public record VerifiedCallback(CalendarIntegration integration, String organizerEmail) {
}
