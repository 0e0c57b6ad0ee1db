package io.vestibule.booking;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.vestibule.rooms.RoomType;

/**
 * A partial update: each present field replaces the current value. {@code recurrence} holds an empty optional
 * when the owner removes the repetition.
 */
public record MeetingChanges(Optional<String> title, Optional<Instant> start, Optional<Instant> end,
                             Optional<ZoneId> timeZone, Optional<Optional<String>> recurrence,
                             Optional<List<String>> invitees, Optional<RoomType> roomType,
                             Optional<Boolean> guestsWaitForHost, Optional<String> hostPin, Optional<String> guestPin) {

    public boolean changesRoom() {
        return roomType.isPresent() || guestsWaitForHost.isPresent() || hostPin.isPresent() || guestPin.isPresent();
    }

    @Override
    public String toString() {
        return "MeetingChanges[title=" + title.isPresent() + ", schedule=" + (start.isPresent() || end.isPresent()) + "]";
    }
}
