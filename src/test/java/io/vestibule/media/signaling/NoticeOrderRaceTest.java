package io.vestibule.media.signaling;

import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vestibule.access.ConferenceControl;
import io.vestibule.access.JoinAnswer;
import io.vestibule.access.JoinFixture;
import io.vestibule.access.ParticipantRole;
import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.Participant;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.Organizer;
import io.vestibule.media.gateway.MediaGateway;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

import static io.vestibule.access.JoinFixture.START;
import static io.vestibule.access.JoinFixture.ip;
import static io.vestibule.access.JoinFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host's admit racing another host's remove of the same waiting guest (issue 24, finding 4), round after round:
 * whichever wins, what an observing participant's socket was told adds up to what the conference holds, never
 * {@code left} and then {@code joined} for a guest the conference no longer has.
 */
class NoticeOrderRaceTest {
    private static final String HOST_PIN = "48291736";
    private static final String GUEST_PIN = "95027314";
    private static final int ROUNDS = 100;

    private final JoinFixture fixture = new JoinFixture();
    private final ConferenceNotices notices = new ConferenceNotices();
    private final ExecutorService hosts = Executors.newFixedThreadPool(2);

    NoticeOrderRaceTest() {
        notices.sockets = new ConnectedSockets();
        notices.clock = fixture.clock;
        notices.gateway = new MediaGateway(null, null, null, null, null, null, null, new SecureRandom(), null, fixture.clock, null);
        fixture.notifier = notices;
    }

    @AfterEach
    void stopHosts() {
        hosts.shutdownNow();
    }

    @Test
    void anObserverEndsUpSeeingWhatTheConferenceHoldsWhoeverWinsTheRace() throws Exception {
        Organizer owner = new Organizer(UUID.randomUUID(), "Olga Owner", "olga@example.org");
        BookedMeeting booked = fixture.bookings.book(owner, new BookingRequest("Board", START.minus(Duration.ofMinutes(5)),
                START.plus(Duration.ofHours(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, false, Optional.of(HOST_PIN), Optional.of(GUEST_PIN)), false));
        String alias = booked.room().alias(RoomAlias.Kind.NAME).orElseThrow().value();
        JoinAnswer.Joined host = (JoinAnswer.Joined) fixture.joins.join(request(alias, ip("198.51.100.1"), Optional.of(HOST_PIN), Optional.empty()));
        Conference conference = host.conference();
        String hostToken = host.token().compact();
        ConferenceControl control = fixture.control;
        control.lock(hostToken, conference.id());
        RecordedSocket observer = new RecordedSocket("observer", conference.id());
        observer.client.authenticated(SocketClient.Stage.PARTICIPANT, host.participant().id(), ParticipantRole.HOST, conference.roomId());
        notices.sockets.add(observer.client);

        int removedAfterAdmission = 0;
        for (int round = 0; round < ROUNDS; round++) {
            JoinAnswer.Waiting guest = (JoinAnswer.Waiting) fixture.joins.join(
                    request(alias, ip("198.51.100." + (2 + round % 250)), Optional.of(GUEST_PIN), Optional.empty()));
            UUID guestId = guest.participant().id();
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Boolean> admit = CompletableFuture.supplyAsync(() -> attempt(start, () -> control.admit(hostToken, conference.id(), guestId)), hosts);
            CompletableFuture<Boolean> remove = CompletableFuture.supplyAsync(() -> attempt(start, () -> control.remove(hostToken, conference.id(), guestId)), hosts);
            assertThat(remove.get(10, TimeUnit.SECONDS)).as("the remove finds the guest, waiting or let in").isTrue();
            if (admit.get(10, TimeUnit.SECONDS)) {
                removedAfterAdmission++;
            }

            assertThat(rosterToldTo(observer, host.participant())).as("round %d: the observer's roster; told %s", round,
                    observer.sent.stream().filter(text -> text.contains(guestId.toString())).toList())
                    .isEqualTo(ids(conference.present()));
        }
        assertThat(removedAfterAdmission).as("rounds where the admission came first: both orders were raced").isPositive();
    }

    private interface HostAction {
        void run() throws Exception;
    }

    /** Whether the action found the guest (an admit after the removal finds nobody to let in). */
    private static boolean attempt(CyclicBarrier start, HostAction action) {
        try {
            start.await(10, TimeUnit.SECONDS);
            action.run();
            return true;
        } catch (ConferenceControl.NoSuchParticipant gone) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The roster as the observer's socket builds it from its {@code ready} and the joined and left it was told, in order. */
    private static Set<UUID> rosterToldTo(RecordedSocket observer, Participant self) {
        Set<UUID> roster = new HashSet<>(Set.of(self.id()));
        for (String text : observer.sent) {
            JsonObject message = Json.createReader(new StringReader(text)).readObject();
            String type = message.getString("type");
            if (type.equals("joined") || type.equals("left")) {
                UUID id = UUID.fromString(message.getJsonObject("participant").getString("participantId"));
                if (type.equals("joined")) {
                    roster.add(id);
                } else {
                    roster.remove(id);
                }
            }
        }
        return roster;
    }

    private static Set<UUID> ids(List<Participant> participants) {
        Set<UUID> ids = new HashSet<>();
        participants.forEach(participant -> ids.add(participant.id()));
        return ids;
    }
}
