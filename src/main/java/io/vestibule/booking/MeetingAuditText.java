package io.vestibule.booking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vestibule.rooms.Pin;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomPins;

/**
 * What the audit log says of a meeting and its room (R-AUD-1): the meeting, its times and room settings, and of a
 * change each field before and after. PINs are only said to be set, changed or removed, never shown.
 */
public final class MeetingAuditText {
    private MeetingAuditText() {
    }

    /**
     * A meeting as it stood at one moment, taken before a change: the meeting and its room are entities that the change
     * may alter in place.
     */
    public record Snapshot(UUID meetingId, UUID roomId, String title, String times, String invitees, String room, RoomPins pins) {
        /** Which meeting and room, without its settings. */
        public String which() {
            return "meeting " + meetingId + " in room " + roomId;
        }

        /** The meeting as booked: id, room, title, times, recurrence, room settings and invitees. */
        public String described() {
            return which() + ": title \"" + title + "\", times " + times + ", room " + room + ", invitees " + invitees;
        }
    }

    public static Snapshot snapshot(BookedMeeting booked) {
        Meeting meeting = booked.meeting();
        MeetingSchedule schedule = meeting.schedule();
        Room room = booked.room();
        return new Snapshot(meeting.id(), room.id(), meeting.title(),
                schedule.start() + " to " + schedule.end() + schedule.recurrence().map(rule -> " repeating " + rule.rule()).orElse(""),
                meeting.invitees().toString(), "type " + room.type().code() + ", guests wait for host " + room.guestsWaitForHost(),
                booked.pins());
    }

    /** Each field of the meeting and its room's settings that changed, before and after; empty when none did. PINs aside. */
    public static Optional<String> changes(Snapshot before, Snapshot after) {
        List<String> changes = new ArrayList<>();
        changed(changes, "title", "\"" + before.title() + "\"", "\"" + after.title() + "\"");
        changed(changes, "times", before.times(), after.times());
        changed(changes, "invitees", before.invitees(), after.invitees());
        changed(changes, "room", before.room(), after.room());
        return changes.isEmpty() ? Optional.empty() : Optional.of(after.which() + ": " + String.join("; ", changes));
    }

    /** Which of the room's PINs were set, changed or removed; empty when neither was. Never a PIN itself. */
    public static Optional<String> pinChanges(Snapshot before, Snapshot after) {
        List<String> changes = new ArrayList<>();
        if (!before.pins().host().equals(after.pins().host())) {
            changes.add("host PIN changed");
        }
        pinChange(before.pins().guest(), after.pins().guest()).ifPresent(change -> changes.add("guest PIN " + change));
        return changes.isEmpty() ? Optional.empty() : Optional.of("room " + after.roomId() + " of meeting " + after.meetingId() + ": "
                + String.join(", ", changes));
    }

    private static Optional<String> pinChange(Optional<Pin> before, Optional<Pin> after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        return Optional.of(before.isEmpty() ? "set" : after.isEmpty() ? "removed" : "changed");
    }

    private static void changed(List<String> changes, String field, String before, String after) {
        if (!before.equals(after)) {
            changes.add(field + ": " + before + " -> " + after);
        }
    }
}
