package io.vestibule.booking;

import java.util.UUID;

/** The person who books and owns meetings, as booking needs to know them; signing in is identity's business. */
public record Organizer(UUID id, String displayName, String email) {
}
