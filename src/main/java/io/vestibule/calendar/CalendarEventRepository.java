package io.vestibule.calendar;

import java.util.Optional;
import java.util.UUID;

/** Which meeting each organizer's calendar event holds, by the hash of the event's key. */
public interface CalendarEventRepository {
    Optional<UUID> meetingOf(UUID organizerId, String keyHash);

    /**
     * Records the event's meeting, at once (not at commit).
     *
     * @throws CalendarEventRaced when the organizer's event already has one: a concurrent first call recorded it
     */
    void link(UUID organizerId, String keyHash, UUID meetingId);

    /**
     * Writes what the transaction changed so far (the event's meeting included) now rather than at commit.
     *
     * @throws CalendarEventRaced when a concurrent call changed the same meeting first
     */
    void settle();

    /** Points an event that has a meeting at another one (after its first was cancelled). */
    void relink(UUID organizerId, String keyHash, UUID meetingId);
}
