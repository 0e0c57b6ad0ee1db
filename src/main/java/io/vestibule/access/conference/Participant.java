package io.vestibule.access.conference;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.access.ParticipantRole;

/**
 * One person in a conference or its lobby, as the conference sees them at a moment.
 *
 * @param presentUntil while admitted: when the participant counts as gone unless they refresh their token
 * @param waitingReason why they wait; for one who departed from the lobby, why they had waited
 * @param mediaCertificate the base64url SHA-256 of the DTLS certificate the participant's media is bound to, once
 *        its first media connection is up; its join tokens carry it ({@code cnf})
 * @param change the conference's change that put the participant in this state ({@link NoticeOrder}): a later state
 *        has a higher number
 */
public record Participant(UUID id, String displayName, ParticipantRole role, ParticipantState state,
                          Optional<WaitingReason> waitingReason, Instant arrivedAt, Instant presentUntil,
                          Optional<String> mediaCertificate, long change) {

    Participant waiting(WaitingReason reason, long change) {
        return new Participant(id, displayName, role, ParticipantState.WAITING, Optional.of(reason), arrivedAt, presentUntil,
                mediaCertificate, change);
    }

    Participant admitted(Instant until, long change) {
        return new Participant(id, displayName, role, ParticipantState.ADMITTED, Optional.empty(), arrivedAt, until, mediaCertificate, change);
    }

    Participant present(Instant until) {
        return new Participant(id, displayName, role, state, waitingReason, arrivedAt, until, mediaCertificate, change);
    }

    /** Keeps the waiting reason of one who departs from the lobby, so that those told can tell the lobby from the conference. */
    Participant departed(ParticipantState reason, long change) {
        return new Participant(id, displayName, role, reason, state == ParticipantState.WAITING ? waitingReason : Optional.empty(),
                arrivedAt, presentUntil, mediaCertificate, change);
    }

    Participant boundTo(String certificate) {
        return new Participant(id, displayName, role, state, waitingReason, arrivedAt, presentUntil, Optional.of(certificate), change);
    }

    public boolean host() {
        return role == ParticipantRole.HOST;
    }

    /** Departed from the lobby, never having been let in. */
    public boolean departedFromLobby() {
        return state.departed() && waitingReason.isPresent();
    }
}
