package io.vestibule.access.conference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.vestibule.access.ParticipantRole;

/**
 * A live conference in a room: who is in, who waits in the lobby and why, and whether it is locked.
 *
 * <p>Admission follows R-ROOM-5 and R-ROOM-6. A host (someone who entered the host PIN) always enters. A guest
 * waits while the conference is locked, or, in a room whose guests wait for a host, while no host is present. A
 * host's arrival lets in the guests who waited for a host — unless the conference is locked: a locked conference
 * admits no one by itself; only a host's admit or unlock does. A lock lasts until unlocked or until the conference
 * ends, so arriving early never bypasses it; a room may start its conferences locked. Lobby waits end after
 * {@code lobbyLimit}, and the lobby holds at most {@link #limitLobby its capacity}: the next arrival is refused. Someone
 * arriving from the address or under the name of a participant a host removed lately waits for a host's admit
 * ({@link RecentRemovals}). Participants who stop refreshing their token count as gone once their presence runs out.
 *
 * <p>Every change of a participant is numbered ({@link Participant#change()}), so that the notices sent about it
 * afterwards, outside this lock, can be put back in order ({@link #noticeOrder()}).
 *
 * <p>All methods are synchronized: one conference's changes are serialised, different conferences do not contend.
 */
public final class Conference {
    /**
     * Departed participants are remembered this long after their presence ended, so that a page still polling is
     * told why (removed, timed out) rather than only refused. Their tokens are void either way: a participant the
     * conference does not know has no valid token (ConferenceTokenRevocations).
     */
    private static final Duration MEMORY_OF_DEPARTED = Duration.ofMinutes(5);
    /** The lobby's capacity until the join flow sets the service's ({@code RoomRules#lobbyLimit}). */
    public static final int DEFAULT_LOBBY_CAPACITY = 100;

    private final UUID id;
    private final UUID roomId;
    private final Instant startedAt;
    private final boolean guestsWaitForHost;
    private int participantLimit;
    private final Duration lobbyLimit;
    private int lobbyCapacity = DEFAULT_LOBBY_CAPACITY;
    private final Map<UUID, Participant> present = new LinkedHashMap<>();
    private final Map<UUID, Participant> lobby = new LinkedHashMap<>();
    private final Map<UUID, Participant> departed = new LinkedHashMap<>();
    /** Let in from the lobby, their join token not yet collected with their lobby token. */
    private final Set<UUID> uncollectedAdmissions = new HashSet<>();
    /** The source address of each participant in the conference or its lobby, for {@link #removals}. */
    private final Map<UUID, String> addresses = new HashMap<>();
    private final RecentRemovals removals = new RecentRemovals();
    private final NoticeOrder noticeOrder = new NoticeOrder();
    private long changes;
    private boolean locked;
    /** No presence or lobby wait in this conference ends before this instant. */
    private Instant nextDeadline = Instant.MAX;
    private boolean ended;

    public Conference(UUID id, UUID roomId, boolean guestsWaitForHost, int participantLimit, Duration lobbyLimit, Instant now) {
        this.id = id;
        this.roomId = roomId;
        this.guestsWaitForHost = guestsWaitForHost;
        this.participantLimit = participantLimit;
        this.lobbyLimit = lobbyLimit;
        this.startedAt = now;
    }

    /**
     * Someone arrives with a role. Admitted participants count as present until {@code presentUntil}, which the
     * caller sets from the lifetime of the token it hands out.
     */
    public synchronized Arrival arrive(String displayName, ParticipantRole role, Instant presentUntil, Instant now) {
        return arrive(displayName, Optional.empty(), role, presentUntil, now);
    }

    /** As {@link #arrive(String, ParticipantRole, Instant, Instant)}, from a source address (remembered if a host removes them). */
    public synchronized Arrival arrive(String displayName, Optional<String> address, ParticipantRole role, Instant presentUntil,
                                       Instant now) {
        requireRunning();
        Participant newcomer = new Participant(UUID.randomUUID(), displayName, role, ParticipantState.WAITING,
                Optional.empty(), now, presentUntil, Optional.empty(), 0);
        Arrival arrival = decideArrival(newcomer, address, presentUntil, now);
        if (arrival instanceof Arrival.Admitted || arrival instanceof Arrival.Waiting) {
            address.ifPresent(source -> addresses.put(newcomer.id(), source));
        }
        return arrival;
    }

    private Arrival decideArrival(Participant newcomer, Optional<String> address, Instant presentUntil, Instant now) {
        if (removals.matches(address, newcomer.displayName(), now)) {
            return enterLobby(newcomer, WaitingReason.ADMISSION_REQUIRED);
        }
        if (newcomer.role() == ParticipantRole.HOST) {
            if (present.size() >= participantLimit) {
                return new Arrival.Full();
            }
            Participant host = putPresent(newcomer.admitted(presentUntil, ++changes));
            return new Arrival.Admitted(host, locked ? List.of() : admitWaiting(WaitingReason.WAITING_FOR_HOST, presentUntil));
        }
        if (locked) {
            return enterLobby(newcomer, WaitingReason.LOCKED);
        }
        if (guestsWaitForHost && !hostPresent(now)) {
            return enterLobby(newcomer, WaitingReason.WAITING_FOR_HOST);
        }
        if (present.size() >= participantLimit) {
            return new Arrival.Full();
        }
        return new Arrival.Admitted(putPresent(newcomer.admitted(presentUntil, ++changes)), List.of());
    }

    public synchronized void lock() {
        requireRunning();
        locked = true;
    }

    /**
     * Unlocks, and lets in whoever waited because of the lock (guests who wait for a host keep waiting if none is
     * present; those who need a host's admit keep waiting for it).
     */
    public synchronized List<Participant> unlock(Instant presentUntil, Instant now) {
        requireRunning();
        locked = false;
        List<Participant> admitted = new ArrayList<>();
        for (Participant waiting : List.copyOf(lobby.values())) {
            if (waiting.waitingReason().orElse(null) == WaitingReason.ADMISSION_REQUIRED) {
                continue;
            }
            boolean mayEnter = !guestsWaitForHost || hostPresent(now);
            if (mayEnter && present.size() < participantLimit) {
                admitted.add(moveToConference(waiting, presentUntil));
            } else if (waiting.waitingReason().orElse(null) == WaitingReason.LOCKED) {
                lobby.put(waiting.id(), waiting.waiting(WaitingReason.WAITING_FOR_HOST, ++changes));
            }
        }
        return admitted;
    }

    /** A host lets one waiting participant in. */
    public synchronized Optional<Participant> admit(UUID participantId, Instant presentUntil) {
        requireRunning();
        Participant waiting = lobby.get(participantId);
        if (waiting == null || present.size() >= participantLimit) {
            return Optional.empty();
        }
        return Optional.of(moveToConference(waiting, presentUntil));
    }

    /**
     * Hands out, once, an admitted participant's admission for the lobby token they waited with (by HTTP or by their
     * socket, whichever comes first): a copy of that lobby token never buys a second join token. Under the
     * conference's lock, so of concurrent collections exactly one gets the participant.
     *
     * @return the participant the first time after their admission; empty while they wait, once collected, or once gone
     */
    public synchronized Optional<Participant> collectAdmission(UUID participantId) {
        Participant participant = present.get(participantId);
        return participant != null && uncollectedAdmissions.remove(participantId) ? Optional.of(participant) : Optional.empty();
    }

    /**
     * A host removes someone from the conference or the lobby; their tokens are void from now on, and for
     * {@link RecentRemovals#MEMORY} their address and name only wait in the lobby.
     */
    public synchronized Optional<Participant> remove(UUID participantId, Instant now) {
        Optional<String> address = Optional.ofNullable(addresses.get(participantId));
        Optional<Participant> removed = depart(participantId, ParticipantState.REMOVED);
        removed.ifPresent(participant -> removals.removed(address, participant.displayName(), now));
        return removed;
    }

    /** A participant leaves (releases their token). */
    public synchronized Optional<Participant> leave(UUID participantId) {
        return depart(participantId, ParticipantState.LEFT);
    }

    /** Ends the conference: everyone in it and in its lobby is out, every token is void, the lock is gone. */
    public synchronized List<Participant> end() {
        if (ended) {
            return List.of();
        }
        ended = true;
        List<Participant> everyone = new ArrayList<>();
        present.values().forEach(participant -> everyone.add(participant.departed(ParticipantState.ENDED, ++changes)));
        lobby.values().forEach(participant -> everyone.add(participant.departed(ParticipantState.ENDED, ++changes)));
        everyone.forEach(this::putDeparted);
        present.clear();
        lobby.clear();
        uncollectedAdmissions.clear();
        addresses.clear();
        locked = false;
        return everyone;
    }

    /** Extends a present participant's presence after a token refresh; empty if they are no longer in. */
    public synchronized Optional<Participant> stillPresent(UUID participantId, Instant presentUntil) {
        Participant participant = present.get(participantId);
        if (participant == null) {
            return Optional.empty();
        }
        Participant refreshed = participant.present(presentUntil);
        present.put(participantId, refreshed);
        return Optional.of(refreshed);
    }

    /**
     * Binds a present participant's media to a certificate (the base64url SHA-256 of its DTLS certificate), once: the
     * same certificate again is accepted, another is not.
     *
     * @return false when the participant is not present, or its media is bound to another certificate
     */
    public synchronized boolean bindMedia(UUID participantId, String certificate) {
        Participant participant = present.get(participantId);
        if (participant == null) {
            return false;
        }
        if (participant.mediaCertificate().isPresent()) {
            return MessageDigest.isEqual(participant.mediaCertificate().get().getBytes(StandardCharsets.US_ASCII),
                    certificate.getBytes(StandardCharsets.US_ASCII));
        }
        present.put(participantId, participant.boundTo(certificate));
        return true;
    }

    /**
     * Who stopped refreshing (now gone) and who waited too long (timed out), as of {@code now}. Housekeeping asks
     * every conference every few seconds, so until the earliest deadline passes the answer costs no look at anyone.
     */
    public synchronized Departures expire(Instant now) {
        forgetDeparted(now);
        if (!now.isAfter(nextDeadline)) {
            return Departures.NONE;
        }
        List<Participant> gone = new ArrayList<>();
        List<Participant> timedOut = new ArrayList<>();
        for (Iterator<Participant> it = present.values().iterator(); it.hasNext(); ) {
            Participant participant = it.next();
            if (participant.presentUntil().isBefore(now)) {
                it.remove();
                uncollectedAdmissions.remove(participant.id());
                addresses.remove(participant.id());
                gone.add(participant.departed(ParticipantState.LEFT, ++changes));
            }
        }
        for (Iterator<Participant> it = lobby.values().iterator(); it.hasNext(); ) {
            Participant waiting = it.next();
            if (lobbyDeadline(waiting).isBefore(now)) {
                it.remove();
                addresses.remove(waiting.id());
                timedOut.add(waiting.departed(ParticipantState.TIMED_OUT, ++changes));
            }
        }
        gone.forEach(this::putDeparted);
        timedOut.forEach(this::putDeparted);
        nextDeadline = Instant.MAX;
        present.values().forEach(participant -> deadlineAt(participant.presentUntil()));
        lobby.values().forEach(participant -> deadlineAt(lobbyDeadline(participant)));
        return new Departures(gone, timedOut);
    }

    /**
     * Forgets departed participants in the order they departed, stopping at the first one still remembered: one
     * who departed later may be forgotten a little late (by at most the spread of presence deadlines), never early.
     */
    private void forgetDeparted(Instant now) {
        for (Iterator<Participant> it = departed.values().iterator(); it.hasNext(); ) {
            if (!it.next().presentUntil().plus(MEMORY_OF_DEPARTED).isBefore(now)) {
                return;
            }
            it.remove();
        }
    }

    /** Who has left, been removed, or timed out recently. */
    public record Departures(List<Participant> left, List<Participant> timedOut) {
        static final Departures NONE = new Departures(List.of(), List.of());

        public boolean none() {
            return left.isEmpty() && timedOut.isEmpty();
        }
    }

    public synchronized Optional<Participant> participant(UUID participantId) {
        Participant participant = present.get(participantId);
        if (participant == null) {
            participant = lobby.get(participantId);
        }
        if (participant == null) {
            participant = departed.get(participantId);
        }
        return Optional.ofNullable(participant);
    }

    public synchronized List<Participant> present() {
        return List.copyOf(present.values());
    }

    public synchronized int presentCount() {
        return present.size();
    }

    public synchronized List<Participant> lobby() {
        return List.copyOf(lobby.values());
    }

    public synchronized boolean hostPresent(Instant now) {
        return present.values().stream().anyMatch(participant -> participant.host() && !participant.presentUntil().isBefore(now));
    }

    /**
     * Follows a change of the room's or the service's limit while the conference runs: nobody already in is sent
     * away, but no one more enters while it is full.
     */
    public synchronized void limitParticipants(int limit) {
        this.participantLimit = limit;
    }

    public synchronized int participantLimit() {
        return participantLimit;
    }

    /**
     * Follows a change of the service's lobby limit while the conference runs: nobody waiting is sent away, but no one
     * more waits while the lobby holds that many.
     */
    public synchronized void limitLobby(int capacity) {
        this.lobbyCapacity = capacity;
    }

    /** Where the notices about this conference's participants are put in order. */
    public NoticeOrder noticeOrder() {
        return noticeOrder;
    }

    public synchronized boolean locked() {
        return locked;
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** Nobody in and nobody waiting: the conference can be forgotten (it ends, and its lock with it). */
    public synchronized boolean empty() {
        return present.isEmpty() && lobby.isEmpty();
    }

    /**
     * Ends the conference if nobody is in it or waiting, in one step, so that someone arriving concurrently is
     * either in before it ends or told it has ended (and goes to the room's next conference).
     */
    public synchronized boolean endIfEmpty() {
        if (empty()) {
            ended = true;
            locked = false;
        }
        return ended;
    }

    public UUID id() {
        return id;
    }

    public UUID roomId() {
        return roomId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    private Arrival enterLobby(Participant newcomer, WaitingReason reason) {
        if (lobby.size() >= lobbyCapacity) {
            return new Arrival.LobbyFull();
        }
        Participant waiting = newcomer.waiting(reason, ++changes);
        lobby.put(waiting.id(), waiting);
        deadlineAt(lobbyDeadline(waiting));
        return new Arrival.Waiting(waiting, reason);
    }

    private List<Participant> admitWaiting(WaitingReason reason, Instant presentUntil) {
        List<Participant> admitted = new ArrayList<>();
        for (Participant waiting : List.copyOf(lobby.values())) {
            if (waiting.waitingReason().orElse(null) == reason && present.size() < participantLimit) {
                admitted.add(moveToConference(waiting, presentUntil));
            }
        }
        return admitted;
    }

    private Participant moveToConference(Participant waiting, Instant presentUntil) {
        lobby.remove(waiting.id());
        uncollectedAdmissions.add(waiting.id());
        return putPresent(waiting.admitted(presentUntil, ++changes));
    }

    private Participant putPresent(Participant admitted) {
        present.put(admitted.id(), admitted);
        deadlineAt(admitted.presentUntil());
        return admitted;
    }

    private void putDeparted(Participant gone) {
        departed.put(gone.id(), gone);
    }

    private Instant lobbyDeadline(Participant waiting) {
        return waiting.arrivedAt().plus(lobbyLimit);
    }

    /** Presence only ever moves later, so the earliest deadline recorded stays a safe lower bound until expire(). */
    private void deadlineAt(Instant deadline) {
        if (deadline.isBefore(nextDeadline)) {
            nextDeadline = deadline;
        }
    }

    private Optional<Participant> depart(UUID participantId, ParticipantState why) {
        Participant participant = present.remove(participantId);
        if (participant == null) {
            participant = lobby.remove(participantId);
        }
        if (participant == null) {
            return Optional.empty();
        }
        uncollectedAdmissions.remove(participantId);
        addresses.remove(participantId);
        Participant gone = participant.departed(why, ++changes);
        putDeparted(gone);
        return Optional.of(gone);
    }

    private void requireRunning() {
        if (ended) {
            throw new ConferenceEnded();
        }
    }

    /** The conference has ended; a new one starts at the next arrival in the room. */
    public static final class ConferenceEnded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConferenceEnded() {
            super("The conference has ended", null, false, false);
        }
    }

    @Override
    public String toString() {
        return "Conference[" + id + " in room " + roomId + "]";
    }
}
