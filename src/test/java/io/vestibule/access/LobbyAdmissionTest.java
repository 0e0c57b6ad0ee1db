package io.vestibule.access;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.access.conference.WaitingReason;
import io.vestibule.booking.BookedMeeting;
import io.vestibule.booking.BookingRequest;
import io.vestibule.booking.Organizer;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomChanged;
import io.vestibule.rooms.RoomRules;
import io.vestibule.rooms.RoomSettings;
import io.vestibule.rooms.RoomType;

import static io.vestibule.access.JoinFixture.START;
import static io.vestibule.access.JoinFixture.ip;
import static io.vestibule.access.JoinFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who waits in the lobby and for whom (issue 24, findings 3 and 6), through the join flow: the service's lobby limit,
 * rooms whose newcomers all wait for a host's admission, and the removed participant who comes back.
 */
class LobbyAdmissionTest {
    private static final String HOST_PIN = "48291736";
    private static final String GUEST_PIN = "95027314";

    private final JoinFixture fixture = new JoinFixture();
    private BookedMeeting booked;
    private String alias;

    @BeforeEach
    void aMeetingWhoseGuestsWaitForAHost() {
        Organizer owner = new Organizer(UUID.randomUUID(), "Olga Owner", "olga@example.org");
        booked = fixture.bookings.book(owner, new BookingRequest("Board", START.minus(Duration.ofMinutes(5)),
                START.plus(Duration.ofHours(1)), ZoneOffset.UTC, Optional.empty(), List.of(),
                new RoomSettings(RoomType.HOST_AND_GUEST_PINS, true, Optional.of(HOST_PIN), Optional.of(GUEST_PIN)), false));
        alias = booked.room().alias(RoomAlias.Kind.NAME).orElseThrow().value();
    }

    private JoinAnswer join(String address, String name, String pin) {
        return fixture.joins.join(new JoinRequest(alias, name, Optional.of(pin), Optional.empty(), ip(address), 50_000,
                Optional.empty(), Optional.empty()));
    }

    @Test
    void theLobbyHoldsTheServicesLobbyLimitAndRefusesTheNext() {
        fixture.settings.save(Map.of(RoomRules.LOBBY_LIMIT, "2"), "admin");

        assertThat(join("198.51.100.1", "First", GUEST_PIN)).isInstanceOf(JoinAnswer.Waiting.class);
        assertThat(join("198.51.100.2", "Second", GUEST_PIN)).isInstanceOf(JoinAnswer.Waiting.class);

        JoinAnswer third = join("198.51.100.3", "Third", GUEST_PIN);
        assertThat(third).isInstanceOf(JoinAnswer.LobbyFull.class);
        assertThat(third.outcome()).isEqualTo("lobby_full");
    }

    @Test
    void withEveryNewcomerWaitingForAdmissionAHostsArrivalLetsInNoEarlyGuest() throws Exception {
        fixture.settings.save(Map.of(RoomRules.NEWCOMERS_WAIT_FOR_ADMISSION, "true"), "admin");
        JoinAnswer.Waiting early = (JoinAnswer.Waiting) join("198.51.100.1", "Early", GUEST_PIN);
        assertThat(early.reason()).isEqualTo(WaitingReason.LOCKED);

        JoinAnswer.Joined host = (JoinAnswer.Joined) join("198.51.100.2", "Host", HOST_PIN);

        assertThat(host.conference().locked()).isTrue();
        assertThat(fixture.joins.waitWith(early.token().compact())).as("still waiting").isInstanceOf(JoinAnswer.Waiting.class);
        fixture.control.admit(host.token().compact(), host.conference().id(), early.participant().id());
        assertThat(fixture.joins.waitWith(early.token().compact())).as("let in by the host").isInstanceOf(JoinAnswer.Joined.class);
    }

    @Test
    void aRoomsOwnChoiceOutweighsTheServices() {
        fixture.settings.save(Map.of(RoomRules.NEWCOMERS_WAIT_FOR_ADMISSION, "true"), "admin");
        booked.room().letNewcomersWaitForAdmission(Optional.of(false), START);
        fixture.joinableRooms.written(new RoomChanged(booked.room().id()));
        JoinAnswer.Waiting early = (JoinAnswer.Waiting) join("198.51.100.1", "Early", GUEST_PIN);

        JoinAnswer.Joined host = (JoinAnswer.Joined) join("198.51.100.2", "Host", HOST_PIN);

        assertThat(host.conference().locked()).isFalse();
        assertThat(early.reason()).isEqualTo(WaitingReason.WAITING_FOR_HOST);
        assertThat(host.conference().lobby()).isEmpty();
    }

    @Test
    void aRemovedGuestWhoComesBackWithThePinWaitsForAnAdmit() throws Exception {
        JoinAnswer.Joined host = (JoinAnswer.Joined) join("198.51.100.1", "Host", HOST_PIN);
        JoinAnswer.Joined guest = (JoinAnswer.Joined) join("192.0.2.66", "Mallory", GUEST_PIN);
        fixture.control.remove(host.token().compact(), host.conference().id(), guest.participant().id());

        JoinAnswer again = join("192.0.2.66", "Not Mallory", GUEST_PIN);

        assertThat(again).isInstanceOfSatisfying(JoinAnswer.Waiting.class,
                waiting -> assertThat(waiting.reason()).isEqualTo(WaitingReason.ADMISSION_REQUIRED));
        fixture.clock.advance(Duration.ofMinutes(10));
        join("198.51.100.2", "Host again", HOST_PIN);
        assertThat(join("192.0.2.66", "Mallory", GUEST_PIN)).as("ten minutes later").isInstanceOf(JoinAnswer.Joined.class);
    }
}
