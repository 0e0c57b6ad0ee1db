package io.vestibule.access.conference;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.access.ParticipantRole;

/**
 * One person in a conference or its lobby, as the conference sees them at a moment.
 *
 * @param presentUntil while admitted: when the participant counts as gone unless they refresh their token
 */
public record Participant(UUID id, String displayName, ParticipantRole role, ParticipantState state,
                          Optional<WaitingReason> waitingReason, Instant arrivedAt, Instant presentUntil) {

    Participant waiting(WaitingReason reason) {
        return new Participant(id, displayName, role, ParticipantState.WAITING, Optional.of(reason), arrivedAt, presentUntil);
    }

    Participant admitted(Instant until) {
        return new Participant(id, displayName, role, ParticipantState.ADMITTED, Optional.empty(), arrivedAt, until);
    }

    Participant present(Instant until) {
        return new Participant(id, displayName, role, state, waitingReason, arrivedAt, until);
    }

    Participant departed(ParticipantState reason) {
        return new Participant(id, displayName, role, reason, Optional.empty(), arrivedAt, presentUntil);
    }

    public boolean host() {
        return role == ParticipantRole.HOST;
    }
}
