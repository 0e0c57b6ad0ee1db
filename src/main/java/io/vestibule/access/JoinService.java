package io.vestibule.access;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.access.conference.Arrival;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.conference.LiveConferences;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.ParticipantState;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.events.RecordNotDurable;
import io.vestibule.access.token.Expectation;
import io.vestibule.access.token.IssuedToken;
import io.vestibule.access.token.JoinTokenIssuer;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.access.token.TokenClaims;
import io.vestibule.access.token.TokenKind;
import io.vestibule.access.token.TokenLifetimes;
import io.vestibule.access.token.TokenRejected;
import io.vestibule.access.token.TokenRejection;
import io.vestibule.access.token.TokenRevocations;
import io.vestibule.access.token.TokenSettings;
import io.vestibule.booking.Admission;
import io.vestibule.booking.BookingService;
import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.Verdict;
import io.vestibule.platform.net.IpLiteral;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomProvisioner;
import io.vestibule.rooms.RoomRules;

/**
 * The join flow (R-JOIN, R-ROOM-2..6, R-BRUTE-1..3): who gets into which room, as what, for how long.
 *
 * <p>In order: the source address's break-in budget; the alias; the room's break-in block (a blocked room answers
 * as if it did not exist); the booked meeting's window; the PIN, which decides the role; then the conference's
 * lobby and lock. Admitted participants get a join token, waiting ones a lobby token. Join tokens are refreshed
 * (each refresh token used once) and released; a participant who stops refreshing is gone when their presence
 * runs out.
 */
@ApplicationScoped
public class JoinService {
    private static final int ARRIVAL_ATTEMPTS = 3;

    private JoinableRooms joinableRooms;
    private RoomProvisioner provisioner;
    private BookingService bookings;
    private LiveConferences live;
    private JoinTokenIssuer issuer;
    private JoinTokenVerifier verifier;
    private TokenRevocations revocations;
    private TokenSettings tokens;
    private TokenLifetimes lifetimes;
    private RoomRules rules;
    private BreakInGuard guard;
    private ConferenceNotifier notifier;
    private JoinMetrics metrics;
    private Clock clock;
    private CallRecorder calls;
    private RoomAdmissions admissions;
    private boolean inviteesSkipGuestPin;

    @Inject
    public JoinService(JoinableRooms joinableRooms, RoomProvisioner provisioner, BookingService bookings, LiveConferences live,
                       JoinTokenIssuer issuer, JoinTokenVerifier verifier, TokenRevocations revocations, TokenSettings tokens,
                       TokenLifetimes lifetimes, RoomRules rules, BreakInGuard guard, ConferenceNotifier notifier, JoinMetrics metrics,
                       Clock clock, CallRecorder calls, RoomAdmissions admissions,
                       @ConfigProperty(name = "vestibule.join.invitees-skip-guest-pin", defaultValue = "false")
                       boolean inviteesSkipGuestPin) {
        this.joinableRooms = joinableRooms;
        this.provisioner = provisioner;
        this.bookings = bookings;
        this.live = live;
        this.issuer = issuer;
        this.verifier = verifier;
        this.revocations = revocations;
        this.tokens = tokens;
        this.lifetimes = lifetimes;
        this.rules = rules;
        this.guard = guard;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
        this.calls = calls;
        this.admissions = admissions;
        this.inviteesSkipGuestPin = inviteesSkipGuestPin;
    }

    /** For CDI's client proxy only. */
    protected JoinService() {
    }

    /**
     * Answers a join. A token (to join, or to wait in the lobby) is handed out only once its call record is in the
     * fsynced journal, so that every answered join has its record after a crash (R-CDR-2); when the journal cannot
     * take it, the participant is withdrawn again and {@link RecordNotDurable} says why.
     */
    public JoinAnswer join(JoinRequest request) {
        JoinAnswer answer = decide(request);
        metrics.joinAnswered(answer.outcome());
        if (answer instanceof JoinAnswer.Joined || answer instanceof JoinAnswer.Waiting) {
            try {
                calls.recordDurably(JoinCallEvents.answered(request, answer, clock.instant()));
            } catch (RecordNotDurable notDurable) {
                withdraw(answer);
                throw notDurable;
            }
        } else if (!(answer instanceof JoinAnswer.InvalidPin)) {
            calls.record(JoinCallEvents.answered(request, answer, clock.instant()));
        }
        return answer;
    }

    private void withdraw(JoinAnswer answer) {
        if (answer instanceof JoinAnswer.Joined joined) {
            leave(joined.conference(), joined.participant().id());
        } else if (answer instanceof JoinAnswer.Waiting waiting) {
            leave(waiting.conference(), waiting.participant().id());
        }
    }

    /** A waiting participant asks whether they are in yet; once admitted, the lobby token buys their join token, once. */
    public JoinAnswer waitWith(String lobbyToken) throws TokenRejected {
        TokenClaims claims = verifier.verify(lobbyToken, Expectation.of(TokenKind.LOBBY));
        Conference conference = admittingConferenceOf(claims);
        Participant participant = conference.participant(UUID.fromString(claims.participantId()))
                .filter(found -> !found.state().departed())
                .orElseThrow(() -> new TokenRejected(TokenRejection.REVOKED));
        if (participant.state() == ParticipantState.ADMITTED) {
            return new JoinAnswer.Joined(collectJoinToken(conference, participant.id()), participant, conference);
        }
        return new JoinAnswer.Waiting(new IssuedToken(lobbyToken, claims),
                participant.waitingReason().orElseThrow(), participant, conference);
    }

    /**
     * The join token of an admitted participant, for the lobby token they waited with: the first collection (by HTTP
     * or by the conference socket) gets it, every later one is refused, so a copied lobby token cannot join.
     */
    public IssuedToken collectJoinToken(Conference conference, UUID participantId) throws TokenRejected {
        Participant admitted = conference.collectAdmission(participantId)
                .orElseThrow(() -> new TokenRejected(TokenRejection.SPENT));
        return joinTokenFor(conference, admitted);
    }

    /** A new join token for a present participant; the presented one cannot be used for a refresh again. */
    public JoinAnswer.Joined refresh(String joinToken) throws TokenRejected {
        TokenClaims claims = verifier.verify(joinToken, Expectation.of(TokenKind.JOIN).consumedOnce());
        Conference conference = admittingConferenceOf(claims);
        Participant participant = conference.stillPresent(UUID.fromString(claims.participantId()), presentUntil())
                .orElseThrow(() -> new TokenRejected(TokenRejection.REVOKED));
        return new JoinAnswer.Joined(issuer.issue(TokenKind.JOIN, claims.participantId(), claims.conferenceId(),
                participant.role(), participant.mediaCertificate()), participant, conference);
    }

    /** The participant leaves the conference or its lobby; every token they hold is void. */
    public void release(String token) throws TokenRejected {
        TokenClaims claims = verifier.verifyJoinOrLobby(token, Optional.empty());
        leave(conferenceOf(claims), UUID.fromString(claims.participantId()));
    }

    private void leave(Conference conference, UUID participantId) {
        Optional<Participant> left = conference.leave(participantId);
        revocations.removeParticipant(conference.id().toString(), participantId.toString());
        left.ifPresent(participant -> notifier.departed(conference, participant));
        live.forgetIfOver(conference);
    }

    /** The conference a valid token names; a forgotten one means the token is void. */
    public Conference conferenceOf(TokenClaims claims) throws TokenRejected {
        return live.find(UUID.fromString(claims.conferenceId())).orElseThrow(() -> new TokenRejected(TokenRejection.REVOKED));
    }

    /** As {@link #conferenceOf}, while the conference's room still admits anyone ({@link RoomAdmissions}). */
    public Conference admittingConferenceOf(TokenClaims claims) throws TokenRejected {
        return admissions.requireAdmitting(conferenceOf(claims));
    }

    /** Tells someone just let in; a socket of theirs waiting in the lobby collects their join token. */
    public void deliverAdmission(Conference conference, Participant participant) {
        notifier.admitted(conference, participant,
                () -> conference.collectAdmission(participant.id()).map(admitted -> joinTokenFor(conference, admitted)));
        notifier.joined(conference, participant);
    }

    /** How long a participant counts as present after a token is issued or refreshed. */
    public Instant presentUntil() {
        return clock.instant().plus(lifetimes.of(TokenKind.JOIN)).plus(tokens.allowedClockSkew());
    }

    /** A fresh join token for an admitted participant. */
    public IssuedToken joinTokenFor(Conference conference, Participant participant) {
        return issuer.issue(TokenKind.JOIN, participant.id().toString(), conference.id().toString(), participant.role(),
                participant.mediaCertificate());
    }

    /**
     * Binds a present participant's media to the certificate of its first media connection; the participant's join
     * tokens carry it from then on. False when the participant is gone, or bound to another certificate.
     */
    public boolean bindMedia(UUID conferenceId, UUID participantId, String certificate) {
        return live.find(conferenceId).map(conference -> conference.bindMedia(participantId, certificate)).orElse(false);
    }

    /** The certificate a participant's media is bound to, if it is bound. */
    public Optional<String> mediaCertificateOf(UUID conferenceId, UUID participantId) {
        return live.find(conferenceId).flatMap(conference -> conference.participant(participantId))
                .flatMap(Participant::mediaCertificate);
    }

    private JoinAnswer decide(JoinRequest request) {
        if (guard.admitJoinAttempt(request.source()) instanceof Verdict.Refused refused) {
            return new JoinAnswer.Blocked(refused.retryAfter());
        }
        if (!RoomAlias.isWellFormed(request.alias())) {
            return new JoinAnswer.NotFound();
        }
        Optional<JoinableRoom> found = joinableRooms.find(request.alias());
        if (found.isEmpty() || guard.roomBlocked(found.get().room().id().toString())) {
            return new JoinAnswer.NotFound();
        }
        Room room = found.get().room();
        if (room.closedAt().isPresent()) {
            // Closed by an administrator: as a cancelled meeting's room, it admits no one.
            return new JoinAnswer.NotFound();
        }
        Optional<Admission> admission = found.get().admissionAt(clock.instant(), bookings.joinWindow());
        if (admission.isPresent() && !(admission.get() instanceof Admission.Open)) {
            return closed(admission.get());
        }
        PinCheck.Result pin;
        try {
            pin = invitedGuestWithoutPin(request, room)
                    ? new PinCheck.Entered(ParticipantRole.GUEST)
                    : PinCheck.evaluate(room.type(), provisioner.pins(room), request.pin());
        } catch (TokenRejected invalidInvitation) {
            return new JoinAnswer.InvalidInvitation(invalidInvitation.code());
        }
        if (pin instanceof PinCheck.WrongPin) {
            metrics.pinFailed();
            guard.pinFailed(room.id().toString(), request.source());
            calls.record(JoinCallEvents.pinFailed(request, room, clock.instant()));
            return new JoinAnswer.InvalidPin();
        }
        if (pin instanceof PinCheck.PinRequired required) {
            return new JoinAnswer.PinRequired(required);
        }
        return arrive(room, request, ((PinCheck.Entered) pin).role());
    }

    private JoinAnswer arrive(Room room, JoinRequest request, ParticipantRole role) {
        Optional<String> address = Optional.of(IpLiteral.text(request.source()));
        for (int attempt = 0; attempt < ARRIVAL_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            int limit = room.participantLimit().orElseGet(rules::participantLimit);
            Conference conference = live.inRoom(room.id(), () -> newConference(room, limit, now));
            conference.limitParticipants(limit);
            conference.limitLobby(rules.lobbyLimit());
            try {
                Arrival arrival = conference.arrive(request.displayName(), address, role, presentUntil(), now);
                if (arrival instanceof Arrival.Admitted admitted) {
                    Participant participant = admitted.participant();
                    IssuedToken token = joinTokenFor(conference, participant);
                    notifier.joined(conference, participant);
                    admitted.alsoAdmitted().forEach(waiting -> deliverAdmission(conference, waiting));
                    return new JoinAnswer.Joined(token, participant, conference);
                }
                if (arrival instanceof Arrival.Waiting waiting) {
                    IssuedToken token = issuer.issue(TokenKind.LOBBY, waiting.participant().id().toString(),
                            conference.id().toString(), role);
                    notifier.waiting(conference, waiting.participant());
                    return new JoinAnswer.Waiting(token, waiting.reason(), waiting.participant(), conference);
                }
                if (arrival instanceof Arrival.LobbyFull) {
                    return new JoinAnswer.LobbyFull();
                }
                return new JoinAnswer.Full();
            } catch (Conference.ConferenceEnded ended) {
                // Ended between finding it and arriving: the room's next conference takes the newcomer.
            }
        }
        return new JoinAnswer.Full();
    }

    /** A room whose newcomers all wait for admission starts each conference locked: a host's arrival lets no one in. */
    private Conference newConference(Room room, int limit, Instant now) {
        Conference conference = new Conference(UUID.randomUUID(), room.id(), room.guestsWaitForHost(), limit,
                lifetimes.of(TokenKind.LOBBY), now);
        if (rules.newcomersWaitForAdmission(room)) {
            conference.lock();
        }
        return conference;
    }

    /**
     * R-JOIN-4: an invitation link never replaces the PIN by default; with
     * {@code VESTIBULE_JOIN_INVITEES_SKIP_GUEST_PIN=true}, a portal user who is among the meeting's invitees and
     * holds the meeting's invitation joins as a guest without the guest PIN.
     */
    private boolean invitedGuestWithoutPin(JoinRequest request, Room room) throws TokenRejected {
        if (request.invitation().isEmpty()) {
            return false;
        }
        TokenClaims invitation = verifier.verify(request.invitation().get(),
                Expectation.of(TokenKind.INVITATION).inConference(room.id().toString()));
        boolean noPinGiven = request.pin().map(String::isBlank).orElse(true);
        return inviteesSkipGuestPin && noPinGiven && invitation.role() == ParticipantRole.GUEST
                && request.signedInUser().map(user -> bookings.invited(room, user.email())).orElse(false);
    }

    private static JoinAnswer closed(Admission admission) {
        if (admission instanceof Admission.NotYetOpen notYet) {
            return new JoinAnswer.OutsideWindow(notYet.opensAt(), null);
        }
        if (admission instanceof Admission.Closed closed) {
            return new JoinAnswer.OutsideWindow(null, closed.closedAt());
        }
        return new JoinAnswer.NotFound();
    }
}
