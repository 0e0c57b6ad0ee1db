package io.vestibule.access.conference;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whom a host removed from a conference lately, by source address and by display name: for {@link #MEMORY} after a
 * removal, a newcomer from that address or under that name waits for a host's admit instead of walking back in
 * with the PIN they still know. Either one is enough, since both are the newcomer's to choose; a colleague behind the
 * same address only waits to be let in. Not thread-safe: the conference guards it.
 */
final class RecentRemovals {
    static final Duration MEMORY = Duration.ofMinutes(10);

    private final Map<String, Instant> until = new HashMap<>();

    void removed(Optional<String> address, String displayName, Instant now) {
        forgetPast(now);
        Instant end = now.plus(MEMORY);
        address.ifPresent(source -> until.put(addressKey(source), end));
        until.put(nameKey(displayName), end);
    }

    boolean matches(Optional<String> address, String displayName, Instant now) {
        return remembered(nameKey(displayName), now) || address.map(source -> remembered(addressKey(source), now)).orElse(false);
    }

    private boolean remembered(String key, Instant now) {
        Instant end = until.get(key);
        return end != null && now.isBefore(end);
    }

    private void forgetPast(Instant now) {
        until.values().removeIf(end -> !now.isBefore(end));
    }

    private static String addressKey(String address) {
        return "address " + address;
    }

    /** Names differing in case or surrounding spaces are the same name to a host reading the list. */
    private static String nameKey(String displayName) {
        return "name " + displayName.strip().toLowerCase(Locale.ROOT);
    }
}
