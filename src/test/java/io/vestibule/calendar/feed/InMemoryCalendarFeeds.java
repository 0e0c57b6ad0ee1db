package io.vestibule.calendar.feed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions kept in a map, for tests; counts the lookups by hash, so a test can tell the database was not asked. */
final class InMemoryCalendarFeeds implements CalendarFeedRepository {
    final Map<UUID, CalendarFeed> rows = new LinkedHashMap<>();
    int hashLookups;

    @Override
    public Optional<CalendarFeed> ofOwner(UUID ownerId) {
        return Optional.ofNullable(rows.get(ownerId));
    }

    @Override
    public Optional<CalendarFeed> withTokenHash(String tokenHash) {
        hashLookups++;
        return rows.values().stream().filter(feed -> feed.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public CalendarFeed add(CalendarFeed feed) {
        rows.put(feed.ownerId(), feed);
        return feed;
    }

    @Override
    public void remove(CalendarFeed feed) {
        rows.remove(feed.ownerId());
    }
}
