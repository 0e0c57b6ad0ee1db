package io.vestibule.identity;

import java.util.UUID;

/** The signed-in person on whose behalf a request runs. */
public record PortalUser(UUID id, String username, String displayName, String email) {
}
