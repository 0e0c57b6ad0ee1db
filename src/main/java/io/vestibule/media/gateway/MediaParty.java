package io.vestibule.media.gateway;

import java.util.UUID;

/** Whose media a pipeline carries: the participant, its conference and the conference's room (for call records). */
record MediaParty(UUID conference, UUID room, UUID participant) {
}
