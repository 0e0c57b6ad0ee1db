package io.vestibule.access;

import java.util.Optional;
import java.util.UUID;

import io.vestibule.access.conference.Participant;

/**
 * What a host did to a running conference, for the audit log: in which conference and room, the host (when still in
 * the conference), and the participant acted on (admit, remove) or how many an unlock admitted.
 */
public record HostAct(UUID conferenceId, UUID roomId, UUID hostId, Optional<Participant> host, Optional<Participant> target, int admitted) {
}
