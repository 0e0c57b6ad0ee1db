package io.vestibule.access;

import java.time.Instant;
import java.util.Optional;

import io.vestibule.access.conference.LiveConferences;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.ParticipantState;
import io.vestibule.access.token.TokenClaims;
import io.vestibule.access.token.TokenKind;
import io.vestibule.access.token.TokenRevocations;
import io.vestibule.platform.Uuids;

/**
 * Join and lobby tokens are valid only while their conference runs and their participant is still in it or
 * waiting: a token of a conference that has ended or emptied (or that a restart forgot), of a participant who left,
 * was removed or timed out, is void even if nobody revoked it one by one. Explicit revocations (release, removal,
 * end, single use) are kept by the delegate.
 */
public final class ConferenceTokenRevocations implements TokenRevocations {
    private final TokenRevocations explicit;
    private final LiveConferences live;

    public ConferenceTokenRevocations(TokenRevocations explicit, LiveConferences live) {
        this.explicit = explicit;
        this.live = live;
    }

    @Override
    public boolean isRevoked(TokenClaims claims) {
        if (explicit.isRevoked(claims)) {
            return true;
        }
        if (claims.kind() == TokenKind.INVITATION) {
            return false;
        }
        Optional<Participant> participant = Uuids.parse(claims.conferenceId()).flatMap(live::find)
                .flatMap(conference -> Uuids.parse(claims.participantId()).flatMap(conference::participant));
        if (participant.isEmpty() || participant.get().state().departed()) {
            return true;
        }
        // A lobby token is good while waiting and for fetching the join token once admitted; a join token needs admission.
        return claims.kind() == TokenKind.JOIN && participant.get().state() != ParticipantState.ADMITTED;
    }

    @Override
    public boolean consumeOnce(String tokenId, Instant keepUntil) {
        return explicit.consumeOnce(tokenId, keepUntil);
    }

    @Override
    public boolean isConsumed(String tokenId) {
        return explicit.isConsumed(tokenId);
    }

    @Override
    public void release(TokenClaims claims) {
        explicit.release(claims);
    }

    @Override
    public void removeParticipant(String conferenceId, String participantId) {
        explicit.removeParticipant(conferenceId, participantId);
    }

    @Override
    public void endConference(String conferenceId) {
        explicit.endConference(conferenceId);
    }
}
