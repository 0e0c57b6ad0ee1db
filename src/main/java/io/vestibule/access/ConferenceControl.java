package io.vestibule.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

    /**
     * The token is valid, but not a host's of this conference. Names the participant refused when the token is of this
     * conference (a guest's); a token of another conference names no one here.
     */
    public static final class NotAllowed extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Optional<UUID> participantId;
        private final transient Optional<Participant> participant;

        public NotAllowed() {
            this(Optional.empty(), Optional.empty());
        }

        NotAllowed(Optional<UUID> participantId, Optional<Participant> participant) {
            super("not a host of this conference", null, false, false);
            this.participantId = participantId;
            this.participant = participant;
        }

        public Optional<UUID> participantId() {
            return participantId;
        }

        /** The participant as the conference knows them; empty when they left or were never let in. */
        public Optional<Participant> participant() {
            return participant;
        }
    }

    /** No such participant in this conference or its lobby. */
    public static final class NoSuchParticipant extends Exception {
        private static final long serialVersionUID = 1L;

        public NoSuchParticipant() {
            super("no such participant", null, false, false);
        }
    }

    public HostAct lock(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        Hosting hosting = asHost(token, conferenceId);
        Conference conference = hosting.conference();
        conference.lock();
        notifier.lockChanged(conference, true);
        return hosting.did(Optional.empty(), 0);
    }

    public HostAct unlock(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        Hosting hosting = asHost(token, conferenceId);
        Conference conference = admissions.requireAdmitting(hosting.conference());
        List<Participant> admitted = conference.unlock(joins.presentUntil(), clock.instant());
        notifier.lockChanged(conference, false);
        admitted.forEach(participant -> joins.deliverAdmission(conference, participant));
        // Those still waiting may wait for another reason now; one entry each, as many as the lobby holds at most.
        conference.lobby().forEach(waiting -> notifier.waiting(conference, waiting));
        return hosting.did(Optional.empty(), admitted.size());
    }

    public HostAct end(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        Hosting hosting = asHost(token, conferenceId);
        end(hosting.conference());
        return hosting.did(Optional.empty(), 0);
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

    public HostAct admit(String token, UUID conferenceId, UUID participantId) throws TokenRejected, NotAllowed, NoSuchParticipant {
        Hosting hosting = asHost(token, conferenceId);
        Conference conference = admissions.requireAdmitting(hosting.conference());
        Participant admitted = conference.admit(participantId, joins.presentUntil()).orElseThrow(NoSuchParticipant::new);
        joins.deliverAdmission(conference, admitted);
        return hosting.did(Optional.of(admitted), 1);
    }

    public HostAct remove(String token, UUID conferenceId, UUID participantId) throws TokenRejected, NotAllowed, NoSuchParticipant {
        Hosting hosting = asHost(token, conferenceId);
        Conference conference = hosting.conference();
        Participant removed = conference.remove(participantId, clock.instant()).orElseThrow(NoSuchParticipant::new);
        revocations.removeParticipant(conferenceId.toString(), participantId.toString());
        notifier.departed(conference, removed);
        live.forgetIfOver(conference);
        return hosting.did(Optional.of(removed), 0);
    }

    public Conference participants(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        return asHost(token, conferenceId).conference();
    }

    /** A host's token checked: the conference it opens and the host, as the conference knew them before the act. */
    private record Hosting(Conference conference, UUID hostId, Optional<Participant> host) {
        HostAct did(Optional<Participant> target, int admitted) {
            return new HostAct(conference.id(), conference.roomId(), hostId, host, target, admitted);
        }
    }

    private Hosting asHost(String token, UUID conferenceId) throws TokenRejected, NotAllowed {
        TokenClaims claims;
        try {
            claims = verifier.verify(token, Expectation.of(TokenKind.JOIN).inConference(conferenceId.toString()));
        } catch (TokenRejected rejected) {
            if (rejected.rejection() == TokenRejection.ROOM) {
                throw new NotAllowed();
            }
            throw rejected;
        }
        UUID participantId = UUID.fromString(claims.participantId());
        if (claims.role() != ParticipantRole.HOST) {
            throw new NotAllowed(Optional.of(participantId), live.find(conferenceId).flatMap(conference -> conference.participant(participantId)));
        }
        Conference conference = joins.conferenceOf(claims);
        return new Hosting(conference, participantId, conference.participant(participantId));
    }
}
