package io.vestibule.access;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The rooms recently named by join attempts, by alias (or by id, for the conferences running in them), so that a join
 * does not read the database: reading the room and its meeting was nearly half of a join's own work. A room is
 * forgotten when it or one of its meetings is written, after {@code timeToLive} at the latest, and, least useful first,
 * when more than {@code capacity} rooms are held.
 *
 * <p>A load that overlaps a write must not put back what the write made stale. Every change advances a
 * generation, and a load that sees the generation move while it ran takes its result out again; the change itself
 * removes whatever was cached before it. Aliases that name no room are not cached: guessing aliases costs the
 * guesser a database read each time (and the per-address break-in budget), never the cache its capacity.
 *
 * <p>The cache belongs to one instance (R-BRUTE-5): a write made through another instance reaches it only by the
 * time to live, which bounds how long a changed PIN or a cancelled meeting can still be honoured there.
 */
final class JoinableRoomCache<K> {
    private final Cache<K, JoinableRoom> rooms;
    private final AtomicLong generation = new AtomicLong();

    JoinableRoomCache(Duration timeToLive, long capacity, Ticker ticker) {
        this.rooms = Caffeine.newBuilder()
                .expireAfterWrite(timeToLive)
                .maximumSize(capacity)
                .ticker(ticker)
                // Upkeep on the callers' threads: no pool of the JDK's inside the container.
                .executor(Runnable::run)
                .build();
    }

    Optional<JoinableRoom> find(K key, Function<K, Optional<JoinableRoom>> load) {
        JoinableRoom cached = rooms.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = generation.get();
        Optional<JoinableRoom> loaded = load.apply(key);
        loaded.ifPresent(room -> {
            rooms.put(key, room);
            if (generation.get() != before) {
                rooms.asMap().remove(key, room);
            }
        });
        return loaded;
    }

    /** The room or one of its meetings was written: no copy read before now may be served again. */
    void forget(UUID roomId) {
        generation.incrementAndGet();
        rooms.asMap().values().removeIf(cached -> cached.room().id().equals(roomId));
    }
}
