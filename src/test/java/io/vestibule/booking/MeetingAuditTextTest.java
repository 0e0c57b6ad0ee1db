package io.vestibule.booking;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.rooms.Pin;
import io.vestibule.rooms.RoomPins;

import static org.assertj.core.api.Assertions.assertThat;

/** What the audit log says of a meeting's change: each field before and after, and of PINs only which changed. */
class MeetingAuditTextTest {
    private static final UUID MEETING = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID ROOM = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void aChangeNamesEachFieldThatChangedBeforeAndAfter() {
        MeetingAuditText.Snapshot before = snapshot("Budget", "09:00 to 10:00", pins("48291736", Optional.empty()));
        MeetingAuditText.Snapshot after = snapshot("Budget review", "09:00 to 10:00", pins("48291736", Optional.empty()));

        assertThat(MeetingAuditText.changes(before, after)).contains("meeting " + MEETING + " in room " + ROOM
                + ": title: \"Budget\" -> \"Budget review\"");
        assertThat(MeetingAuditText.changes(before, before)).isEmpty();
        assertThat(MeetingAuditText.pinChanges(before, after)).isEmpty();
    }

    @Test
    void pinChangesSayWhichPinAndNeverItsDigits() {
        MeetingAuditText.Snapshot none = snapshot("Budget", "09:00", pins("48291736", Optional.empty()));
        MeetingAuditText.Snapshot both = snapshot("Budget", "09:00", pins("73920561", Optional.of("95027314")));
        MeetingAuditText.Snapshot otherGuest = snapshot("Budget", "09:00", pins("73920561", Optional.of("61530827")));

        assertThat(MeetingAuditText.pinChanges(none, both)).contains("room " + ROOM + " of meeting " + MEETING + ": host PIN changed, guest PIN set");
        assertThat(MeetingAuditText.pinChanges(both, otherGuest)).contains("room " + ROOM + " of meeting " + MEETING + ": guest PIN changed");
        assertThat(MeetingAuditText.pinChanges(both, none)).hasValueSatisfying(text -> assertThat(text).endsWith("guest PIN removed")
                .doesNotContain("48291736", "73920561", "95027314"));
        assertThat(both.toString()).doesNotContain("73920561", "95027314");
    }

    private static MeetingAuditText.Snapshot snapshot(String title, String times, RoomPins pins) {
        return new MeetingAuditText.Snapshot(MEETING, ROOM, title, times, "[]", "type host_pin_only, guests wait for host false", pins);
    }

    private static RoomPins pins(String host, Optional<String> guest) {
        return new RoomPins(new Pin(host), guest.map(Pin::new));
    }
}
