package io.vestibule.access;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.conference.LiveConferences;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.token.Expectation;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.access.token.TokenClaims;
import io.vestibule.access.token.TokenKind;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.access.token.TokenRevocations;

/**
 * What hosts do to a running conference (R-ROOM-4, API.md "Conference control"): lock, unlock, end, admit,
 * remove, list. Only a host's join token for that very conference opens these; a guest's, or a token of another
 * conference, is {@link NotAllowed} (R-ROOM-7).
 */
@ApplicationScoped
public class ConferenceControl {
    private JoinTokenVerifier verifier;
    private TokenRevocations revocations;
    private LiveConferences live;
    private ConferenceNotifier notifier;
    private JoinService joins;
    private RoomAdmissions admissions;
    private Clock clock;

    @Inject
    public ConferenceControl(JoinTokenVerifier verifier, TokenRevocations revocations, LiveConferences live,
                             ConferenceNotifier notifier, JoinService joins, RoomAdmissions admissions, Clock clock) {
        this.verifier = verifier;
        this.revocations = revocations;
        this.live = live;
        this.notifier = notifier;
        this.joins = joins;
        this.admissions = admissions;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected ConferenceControl() {
    }

    /** The token is valid, but not a host's of this conference. */
    public static final class NotAllowed extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAllowed() {
            super("not a host of this conference", null, false, false);
        }
    }

    /** No such participant in this conference or its lobby. */
    public static final class NoSuchParticipant extends Exception {
        private static final long serialVersionUID = 1L;

        public NoSuchParticipant() {
            super("no such participant", null, false, false);
        }
    }

    public void lock(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        Conference conference = asHost(token, conferenceId);
        conference.lock();
        notifier.lockChanged(conference, true);
    }

    public void unlock(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        Conference conference = admissions.requireAdmitting(asHost(token, conferenceId));
        List<Participant> admitted = conference.unlock(joins.presentUntil(), clock.instant());
        notifier.lockChanged(conference, false);
        admitted.forEach(participant -> joins.deliverAdmission(conference, participant));
        // Those still waiting may wait for another reason now; one entry each, as many as the lobby holds at most.
        conference.lobby().forEach(waiting -> notifier.waiting(conference, waiting));
    }

    public void end(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        end(asHost(token, conferenceId));
    }

    /** Ends the conference running in the room, if one runs, as a host's end does; for an administrator. */
    public void endInRoom(UUID roomId) {
        live.all().stream().filter(conference -> conference.roomId().equals(roomId)).forEach(this::end);
    }

    /**
     * Ends the conference running in the room if the room no longer admits anyone: its meeting was cancelled or moved,
     * or its join window closed (R-BOOK-4).
     */
    public void endInRoomIfShut(UUID roomId) {
        if (!admissions.admitsNow(roomId)) {
            endInRoom(roomId);
        }
    }

    /**
     * Ends every conference whose room no longer admits anyone; for the housekeeping. In a transaction because the
     * rooms it reads afresh must be read through one on the scheduler's threads: Payara fails to clean up an entity
     * manager used there outside a transaction.
     */
    @Transactional
    public void endConferencesInShutRooms() {
        live.all().forEach(this::endIfRoomShut);
    }

    private void endIfRoomShut(Conference conference) {
        if (!conference.ended() && !admissions.admitsNow(conference.roomId())) {
            end(conference);
        }
    }

    private void end(Conference conference) {
        List<Participant> everyone = conference.end();
        revocations.endConference(conference.id().toString());
        notifier.ended(conference, everyone);
        live.forgetIfOver(conference);
    }

    public void admit(String token, UUID conferenceId, UUID participantId) throws TokenRejected, NotAllowed, NoSuchParticipant {
        Conference conference = admissions.requireAdmitting(asHost(token, conferenceId));
        Participant admitted = conference.admit(participantId, joins.presentUntil()).orElseThrow(NoSuchParticipant::new);
        joins.deliverAdmission(conference, admitted);
    }

    public void remove(String token, UUID conferenceId, UUID participantId) throws TokenRejected, NotAllowed, NoSuchParticipant {
        Conference conference = asHost(token, conferenceId);
        Participant removed = conference.remove(participantId, clock.instant()).orElseThrow(NoSuchParticipant::new);
        revocations.removeParticipant(conferenceId.toString(), participantId.toString());
        notifier.departed(conference, removed);
        live.forgetIfOver(conference);
    }

    public Conference participants(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        return asHost(token, conferenceId);
    }

    private Conference asHost(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        TokenClaims claims;
        try {
            claims = verifier.verify(token, Expectation.of(TokenKind.JOIN).inConference(conferenceId.toString()));
        } catch (TokenRejected rejected) {
            if (rejected.rejection() == TokenRejection.ROOM) {
                throw new NotAllowed();
            }
            throw rejected;
        }
        if (claims.role() != ParticipantRole.HOST) {
            throw new NotAllowed();
        }
        return joins.conferenceOf(claims);
    }
}
