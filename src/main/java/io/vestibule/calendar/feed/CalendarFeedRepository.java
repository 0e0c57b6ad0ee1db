package io.vestibule.calendar.feed;

import java.util.Optional;
import java.util.UUID;

public interface CalendarFeedRepository {
    Optional<CalendarFeed> ofOwner(UUID ownerId);

    /** The subscription whose token has this hash (hexadecimal SHA-256). */
    Optional<CalendarFeed> withTokenHash(String tokenHash);

    CalendarFeed add(CalendarFeed feed);

    void remove(CalendarFeed feed);
}
