package io.vestibule.access.conference;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;

import static io.vestibule.access.ParticipantRole.GUEST;
import static io.vestibule.access.ParticipantRole.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConferenceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TOKEN = Duration.ofSeconds(150);
    private static final Duration LOBBY = Duration.ofMinutes(15);

    private static Conference conference(boolean guestsWaitForHost, int limit) {
        return new Conference(UUID.randomUUID(), UUID.randomUUID(), guestsWaitForHost, limit, LOBBY, T0);
    }

    private static Arrival arrive(Conference conference, String name, ParticipantRole role, Instant at) {
        return conference.arrive(name, role, at.plus(TOKEN), at);
    }

    private static Participant admitted(Arrival arrival) {
        assertThat(arrival).isInstanceOf(Arrival.Admitted.class);
        return ((Arrival.Admitted) arrival).participant();
    }

    private static Participant waiting(Arrival arrival, WaitingReason reason) {
        assertThat(arrival).isInstanceOf(Arrival.Waiting.class);
        assertThat(((Arrival.Waiting) arrival).reason()).isEqualTo(reason);
        return ((Arrival.Waiting) arrival).participant();
    }

    @Test
    void anAdmissionFromTheLobbyIsCollectedOnceAndOnlyAfterTheAdmission() {
        Conference conference = conference(false, 10);
        Participant host = admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        Participant guest = waiting(arrive(conference, "Guest", GUEST, T0), WaitingReason.LOCKED);

        assertThat(conference.collectAdmission(guest.id())).as("still waiting").isEmpty();
        conference.admit(guest.id(), T0.plus(TOKEN));

        assertThat(conference.collectAdmission(guest.id())).hasValueSatisfying(
                collected -> assertThat(collected.state()).isEqualTo(ParticipantState.ADMITTED));
        assertThat(conference.collectAdmission(guest.id())).as("spent").isEmpty();
        assertThat(conference.collectAdmission(host.id())).as("a host who never waited has no admission to collect").isEmpty();
    }

    @Test
    void anAdmissionNotCollectedIsGoneWithItsParticipant() {
        Conference conference = conference(false, 10);
        admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        Participant guest = waiting(arrive(conference, "Guest", GUEST, T0), WaitingReason.LOCKED);
        conference.admit(guest.id(), T0.plus(TOKEN));

        conference.remove(guest.id(), T0);

        assertThat(conference.collectAdmission(guest.id())).isEmpty();
    }

    @Test
    void aParticipantsMediaIsBoundToOneCertificateWhichItsRefreshesKeep() {
        Conference conference = conference(false, 10);
        Participant host = admitted(arrive(conference, "Host", HOST, T0));
        Participant waitingGuest = waiting(arrive(conference(true, 10), "Early", GUEST, T0), WaitingReason.WAITING_FOR_HOST);

        assertThat(conference.bindMedia(host.id(), "first")).isTrue();
        assertThat(conference.bindMedia(host.id(), "first")).as("the same certificate again").isTrue();
        assertThat(conference.bindMedia(host.id(), "second")).as("another certificate").isFalse();
        assertThat(conference.stillPresent(host.id(), T0.plus(TOKEN).plusSeconds(60)).orElseThrow().mediaCertificate()).contains("first");
        assertThat(conference.bindMedia(waitingGuest.id(), "first")).as("nobody present by that id").isFalse();
    }

    @Test
    void aGuestBeforeTheHostWaitsAndIsLetInWhenTheHostArrives() {
        Conference conference = conference(true, 10);
        Participant guest = waiting(arrive(conference, "Early guest", GUEST, T0), WaitingReason.WAITING_FOR_HOST);

        Arrival host = arrive(conference, "Host", HOST, T0.plusSeconds(60));

        assertThat(((Arrival.Admitted) host).alsoAdmitted()).extracting(Participant::id).containsExactly(guest.id());
        assertThat(conference.participant(guest.id()).orElseThrow().state()).isEqualTo(ParticipantState.ADMITTED);
        assertThat(conference.lobby()).isEmpty();
    }

    @Test
    void guestsEnterAtOnceWhenTheRoomDoesNotMakeThemWait() {
        Conference conference = conference(false, 10);

        Participant guest = admitted(arrive(conference, "Guest", GUEST, T0));

        assertThat(guest.role()).isEqualTo(GUEST);
        assertThat(conference.present()).containsExactly(guest);
    }

    @Test
    void aLockedConferenceAdmitsNobodyByItselfNotEvenWhenAnotherHostArrives() {
        Conference conference = conference(false, 10);
        admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        Participant guest = waiting(arrive(conference, "Guest", GUEST, T0.plusSeconds(10)), WaitingReason.LOCKED);

        Arrival secondHost = arrive(conference, "Second host", HOST, T0.plusSeconds(20));

        assertThat(((Arrival.Admitted) secondHost).alsoAdmitted()).isEmpty();
        assertThat(conference.lobby()).extracting(Participant::id).containsExactly(guest.id());
    }

    @Test
    void aFullLobbyRefusesTheNextArrivalAndTakesOneAgainOnceSomeoneLeavesIt() {
        Conference conference = conference(false, 10);
        admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        conference.limitLobby(3);
        Participant first = waiting(arrive(conference, "First", GUEST, T0), WaitingReason.LOCKED);
        waiting(arrive(conference, "Second", GUEST, T0), WaitingReason.LOCKED);
        waiting(arrive(conference, "Third", GUEST, T0), WaitingReason.LOCKED);

        assertThat(arrive(conference, "Fourth", GUEST, T0)).isInstanceOf(Arrival.LobbyFull.class);
        assertThat(conference.lobby()).hasSize(3);

        conference.leave(first.id());
        waiting(arrive(conference, "Fifth", GUEST, T0), WaitingReason.LOCKED);
    }

    @Test
    void someoneFromARemovedParticipantsAddressOrUnderTheirNameWaitsForAnAdmitForTenMinutes() {
        Conference conference = conference(false, 10);
        admitted(arrive(conference, "Host", HOST, T0));
        Participant removed = admitted(conference.arrive("Mallory", Optional.of("192.0.2.66"), GUEST, T0.plus(TOKEN), T0));
        conference.remove(removed.id(), T0);

        Participant sameAddress = waiting(conference.arrive("Someone else", Optional.of("192.0.2.66"), GUEST, T0.plus(TOKEN), T0),
                WaitingReason.ADMISSION_REQUIRED);
        waiting(conference.arrive(" mallory ", Optional.of("198.51.100.7"), GUEST, T0.plus(TOKEN), T0), WaitingReason.ADMISSION_REQUIRED);
        waiting(conference.arrive("Mallory", Optional.of("198.51.100.8"), HOST, T0.plus(TOKEN), T0), WaitingReason.ADMISSION_REQUIRED);
        admitted(conference.arrive("Another guest", Optional.of("198.51.100.9"), GUEST, T0.plus(TOKEN), T0));

        conference.lock();
        assertThat(conference.unlock(T0.plus(TOKEN), T0)).as("an unlock lets none of them in").isEmpty();
        assertThat(conference.lobby()).hasSize(3);
        assertThat(conference.admit(sameAddress.id(), T0.plus(TOKEN))).as("a host's admit does").isPresent();

        Instant later = T0.plus(Duration.ofMinutes(10));
        admitted(conference.arrive("Mallory", Optional.of("192.0.2.66"), GUEST, later.plus(TOKEN), later));
    }

    @Test
    void aConferenceThatStartsLockedLetsInNoEarlyGuestWhenTheHostArrives() {
        Conference conference = conference(true, 10);
        conference.lock();
        Participant early = waiting(arrive(conference, "Early guest", GUEST, T0), WaitingReason.LOCKED);

        Arrival host = arrive(conference, "Host", HOST, T0.plusSeconds(60));

        assertThat(((Arrival.Admitted) host).alsoAdmitted()).isEmpty();
        assertThat(conference.lobby()).extracting(Participant::id).containsExactly(early.id());
    }

    @Test
    void everyChangeOfAParticipantHasAHigherNumberThanTheLast() {
        Conference conference = conference(false, 10);
        admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        Participant waiting = waiting(arrive(conference, "Guest", GUEST, T0), WaitingReason.LOCKED);
        Participant admitted = conference.admit(waiting.id(), T0.plus(TOKEN)).orElseThrow();
        Participant removed = conference.remove(waiting.id(), T0).orElseThrow();

        assertThat(admitted.change()).isGreaterThan(waiting.change());
        assertThat(removed.change()).isGreaterThan(admitted.change());
        assertThat(removed.departedFromLobby()).as("removed after being let in").isFalse();
    }

    @Test
    void aHostAdmitsOneWaitingGuestOrUnlocksForAll() {
        Conference conference = conference(false, 10);
        admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        Participant first = waiting(arrive(conference, "First", GUEST, T0), WaitingReason.LOCKED);
        Participant second = waiting(arrive(conference, "Second", GUEST, T0), WaitingReason.LOCKED);

        assertThat(conference.admit(first.id(), T0.plus(TOKEN))).isPresent();
        assertThat(conference.lobby()).extracting(Participant::id).containsExactly(second.id());

        assertThat(conference.unlock(T0.plus(TOKEN), T0)).extracting(Participant::id).containsExactly(second.id());
        assertThat(conference.locked()).isFalse();
        assertThat(conference.present()).hasSize(3);
    }

    @Test
    void theLockOutlivesItsHostWhileTheConferenceGoesOn() {
        Conference conference = conference(true, 10);
        Participant early = waiting(arrive(conference, "Early guest", GUEST, T0), WaitingReason.WAITING_FOR_HOST);
        admitted(arrive(conference, "Host", HOST, T0.plusSeconds(5)));
        conference.lock();
        // The host stops refreshing and is gone; the early guest refreshes and stays, so the conference and its lock go on.
        Instant later = T0.plus(TOKEN).plusSeconds(30);
        conference.stillPresent(early.id(), later.plus(TOKEN));
        assertThat(conference.expire(later).left()).extracting(Participant::role).containsExactly(HOST);

        Participant late = waiting(arrive(conference, "Late guest", GUEST, later), WaitingReason.LOCKED);
        Arrival newHost = arrive(conference, "New host", HOST, later.plusSeconds(1));

        assertThat(((Arrival.Admitted) newHost).alsoAdmitted()).isEmpty();
        assertThat(conference.participant(late.id()).orElseThrow().state()).isEqualTo(ParticipantState.WAITING);
    }

    @Test
    void unlockingWithoutAHostLeavesGuestsWaitingForOne() {
        Conference conference = conference(true, 10);
        Participant host = admitted(arrive(conference, "Host", HOST, T0));
        conference.lock();
        Participant guest = waiting(arrive(conference, "Guest", GUEST, T0), WaitingReason.LOCKED);
        conference.leave(host.id());

        assertThat(conference.unlock(T0.plus(TOKEN), T0.plusSeconds(1))).isEmpty();

        assertThat(conference.participant(guest.id()).orElseThrow().waitingReason()).contains(WaitingReason.WAITING_FOR_HOST);
    }

    @Test
    void whoeverWaitsLongerThanFifteenMinutesTimesOut() {
        Conference conference = conference(true, 10);
        Participant guest = waiting(arrive(conference, "Patient guest", GUEST, T0), WaitingReason.WAITING_FOR_HOST);

        assertThat(conference.expire(T0.plus(LOBBY)).timedOut()).isEmpty();
        assertThat(conference.expire(T0.plus(LOBBY).plusSeconds(1)).timedOut()).extracting(Participant::id).containsExactly(guest.id());
        assertThat(conference.participant(guest.id()).orElseThrow().state()).isEqualTo(ParticipantState.TIMED_OUT);
    }

    @Test
    void participantsWhoStopRefreshingAreGoneAtTheirOwnDeadlineWhateverTheOrderTheyCameIn() {
        Conference conference = conference(true, 10);
        Participant waiting = waiting(arrive(conference, "Waits for a host", GUEST, T0), WaitingReason.WAITING_FOR_HOST);
        assertThat(conference.expire(T0.plusSeconds(60)).none()).isTrue();
        Participant host = admitted(arrive(conference, "Host", HOST, T0.plusSeconds(60)));
        Participant refreshing = admitted(arrive(conference, "Refreshes", GUEST, T0.plusSeconds(61)));
        assertThat(conference.stillPresent(refreshing.id(), T0.plusSeconds(61).plus(TOKEN).plus(TOKEN))).isPresent();

        Instant hostDeadline = T0.plusSeconds(60).plus(TOKEN);
        assertThat(conference.expire(hostDeadline).none()).isTrue();
        assertThat(conference.expire(hostDeadline.plusSeconds(1)).left()).extracting(Participant::id)
                .containsExactlyInAnyOrder(host.id(), waiting.id());
        assertThat(conference.expire(hostDeadline.plus(TOKEN)).none()).isTrue();
        assertThat(conference.expire(T0.plusSeconds(62).plus(TOKEN).plus(TOKEN)).left()).extracting(Participant::id)
                .containsExactly(refreshing.id());
        assertThat(conference.participant(refreshing.id()).orElseThrow().state()).isEqualTo(ParticipantState.LEFT);
    }

    @Test
    void aHostWhoStopsRefreshingNoLongerCountsAsPresent() {
        Conference conference = conference(true, 10);
        Participant host = admitted(arrive(conference, "Host", HOST, T0));
        assertThat(conference.hostPresent(T0.plus(TOKEN))).isTrue();
        assertThat(conference.hostPresent(T0.plus(TOKEN).plusSeconds(1))).isFalse();

        assertThat(conference.stillPresent(host.id(), T0.plus(TOKEN).plus(TOKEN))).isPresent();
        assertThat(conference.hostPresent(T0.plus(TOKEN).plusSeconds(1))).isTrue();
    }

    @Test
    void removedParticipantsAreOutAndStayKnownAsRemoved() {
        Conference conference = conference(false, 10);
        Participant guest = admitted(arrive(conference, "Guest", GUEST, T0));
        admitted(arrive(conference, "Host", HOST, T0));

        assertThat(conference.remove(guest.id(), T0)).map(Participant::state).contains(ParticipantState.REMOVED);

        assertThat(conference.present()).extracting(Participant::role).containsExactly(HOST);
        assertThat(conference.participant(guest.id()).orElseThrow().state()).isEqualTo(ParticipantState.REMOVED);
        assertThat(conference.remove(guest.id(), T0)).isEmpty();
    }

    @Test
    void departedParticipantsAreRememberedForFiveMinutesAfterTheirPresenceEnded() {
        Conference conference = conference(false, 10);
        Participant removed = admitted(arrive(conference, "Removed", GUEST, T0));
        admitted(arrive(conference, "Host", HOST, T0));
        conference.remove(removed.id(), T0);
        Instant forgotten = T0.plus(TOKEN).plus(Duration.ofMinutes(5));

        conference.expire(forgotten);
        assertThat(conference.participant(removed.id())).map(Participant::state).contains(ParticipantState.REMOVED);

        conference.expire(forgotten.plusSeconds(1));
        assertThat(conference.participant(removed.id())).isEmpty();
    }

    @Test
    void endingPutsEveryoneOutAndRefusesNewArrivals() {
        Conference conference = conference(true, 10);
        Participant waitingGuest = waiting(arrive(conference, "Guest", GUEST, T0), WaitingReason.WAITING_FOR_HOST);
        conference.lock();

        assertThat(conference.end()).extracting(Participant::id).containsExactly(waitingGuest.id());

        assertThat(conference.ended()).isTrue();
        assertThat(conference.locked()).isFalse();
        assertThat(conference.participant(waitingGuest.id()).orElseThrow().state()).isEqualTo(ParticipantState.ENDED);
        assertThatExceptionOfType(Conference.ConferenceEnded.class).isThrownBy(() -> arrive(conference, "Late", HOST, T0));
    }

    @Test
    void theParticipantLimitHoldsForHostsAndGuests() {
        Conference conference = conference(false, 2);
        admitted(arrive(conference, "One", HOST, T0));
        admitted(arrive(conference, "Two", GUEST, T0));

        assertThat(arrive(conference, "Three", GUEST, T0)).isInstanceOf(Arrival.Full.class);
        assertThat(arrive(conference, "Four", HOST, T0)).isInstanceOf(Arrival.Full.class);
    }

    @Test
    void anEmptyConferenceEndsWhenForgottenSoALateArrivalGoesToTheNextOne() {
        InMemoryLiveConferences live = new InMemoryLiveConferences();
        UUID room = UUID.randomUUID();
        Conference first = live.inRoom(room, () -> new Conference(UUID.randomUUID(), room, false, 10, LOBBY, T0));
        Participant guest = admitted(arrive(first, "Guest", GUEST, T0));
        first.leave(guest.id());

        live.forgetIfOver(first);

        assertThat(first.ended()).isTrue();
        assertThat(live.find(first.id())).isEmpty();
        Conference next = live.inRoom(room, () -> new Conference(UUID.randomUUID(), room, false, 10, LOBBY, T0));
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThatExceptionOfType(Conference.ConferenceEnded.class).isThrownBy(() -> arrive(first, "Late", GUEST, T0));
    }

    @Test
    void aConferenceWithSomeoneInIsNotForgotten() {
        InMemoryLiveConferences live = new InMemoryLiveConferences();
        UUID room = UUID.randomUUID();
        Conference running = live.inRoom(room, () -> new Conference(UUID.randomUUID(), room, false, 10, LOBBY, T0));
        admitted(arrive(running, "Guest", GUEST, T0));

        live.forgetIfOver(running);

        assertThat(live.find(running.id())).contains(running);
        assertThat(live.inRoom(room, () -> { throw new AssertionError("must reuse the running conference"); })).isSameAs(running);
    }
}
