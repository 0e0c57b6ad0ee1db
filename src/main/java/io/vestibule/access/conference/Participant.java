package io.vestibule.access.conference;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.access.ParticipantRole;

/**
 * One person in a conference or its lobby, as the conference sees them at a moment.
 *
 * @param presentUntil while admitted: when the participant counts as gone unless they refresh their token
 * @param mediaCertificate the base64url SHA-256 of the DTLS certificate the participant's media is bound to, once
 *        its first media connection is up; its join tokens carry it ({@code cnf})
 */
public record Participant(UUID id, String displayName, ParticipantRole role, ParticipantState state,
                          Optional<WaitingReason> waitingReason, Instant arrivedAt, Instant presentUntil,
                          Optional<String> mediaCertificate) {

    Participant waiting(WaitingReason reason) {
        return new Participant(id, displayName, role, ParticipantState.WAITING, Optional.of(reason), arrivedAt, presentUntil, mediaCertificate);
    }

    Participant admitted(Instant until) {
        return new Participant(id, displayName, role, ParticipantState.ADMITTED, Optional.empty(), arrivedAt, until, mediaCertificate);
    }

    Participant present(Instant until) {
        return new Participant(id, displayName, role, state, waitingReason, arrivedAt, until, mediaCertificate);
    }

    Participant departed(ParticipantState reason) {
        return new Participant(id, displayName, role, reason, Optional.empty(), arrivedAt, presentUntil, mediaCertificate);
    }

    Participant boundTo(String certificate) {
        return new Participant(id, displayName, role, state, waitingReason, arrivedAt, presentUntil, Optional.of(certificate));
    }

    public boolean host() {
        return role == ParticipantRole.HOST;
    }
}
