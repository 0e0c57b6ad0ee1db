package io.vestibule.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attempt ledger of one instance; see {@link AttemptLedger} for what that means in a cluster. Each key's
 * state changes only inside {@link ConcurrentHashMap#compute}, which makes every operation atomic for its key
 * without a lock shared between keys. Idle keys are forgotten by a sweep that recording starts at most once a
 * {@link #SWEEP_INTERVAL}, on the thread that happens to record.
 */
public final class InMemoryAttemptLedger implements AttemptLedger {
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    @Override
    public Tally record(String key, Instant at, String source, AttemptLimit limit) {
        long now = at.toEpochMilli();
        sweepIfDue(now);
        Tally[] tally = new Tally[1];
        entries.compute(key, (k, entry) -> {
            Entry recorded = entry == null ? new Entry() : entry;
            tally[0] = recorded.record(now, source, limit);
            return recorded;
        });
        return tally[0];
    }

    @Override
    public Optional<Instant> blockedUntil(String key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        long until = entry.blockedUntil;
        return until > now.toEpochMilli() ? Optional.of(Instant.ofEpochMilli(until)) : Optional.empty();
    }

    @Override
    public Blocking block(String key, Instant now, Instant until) {
        Blocking[] blocking = new Blocking[1];
        entries.compute(key, (k, entry) -> {
            Entry blocked = entry == null ? new Entry() : entry;
            if (!blocked.blockedAt(now.toEpochMilli())) {
                blocked.alarm = null;
                blocking[0] = Blocking.FRESH;
            } else {
                boolean later = until.toEpochMilli() > blocked.blockedUntil;
                blocking[0] = later && blocked.alarm != null ? Blocking.extended(blocked.alarm) : Blocking.UNCHANGED;
            }
            blocked.blockedUntil = Math.max(blocked.blockedUntil, until.toEpochMilli());
            return blocked;
        });
        return blocking[0];
    }

    @Override
    public Optional<Instant> alarmRaised(String key, String alarm, Instant now) {
        Instant[] until = new Instant[1];
        entries.computeIfPresent(key, (k, entry) -> {
            if (entry.blockedAt(now.toEpochMilli())) {
                entry.alarm = alarm;
                until[0] = Instant.ofEpochMilli(entry.blockedUntil);
            }
            return entry;
        });
        return Optional.ofNullable(until[0]);
    }

    @Override
    public void clear(String key) {
        entries.remove(key);
    }

    @Override
    public List<Blocked> blocked(Instant now) {
        long millis = now.toEpochMilli();
        List<Blocked> blocked = new ArrayList<>();
        entries.forEach((key, seen) -> entries.computeIfPresent(key, (k, entry) -> {
            if (entry.blockedAt(millis)) {
                blocked.add(entry.blocked(k));
            }
            return entry;
        }));
        return blocked;
    }

    @Override
    public Optional<Blocked> lift(String key, Instant now) {
        long millis = now.toEpochMilli();
        Blocked[] lifted = new Blocked[1];
        entries.computeIfPresent(key, (k, entry) -> {
            if (!entry.blockedAt(millis)) {
                return entry;
            }
            lifted[0] = entry.blocked(k);
            return null;
        });
        return Optional.ofNullable(lifted[0]);
    }

    @Override
    public void forgetIdle(Instant now) {
        long millis = now.toEpochMilli();
        // Decided again under the key's lock: an attempt recorded since the first look keeps the entry.
        entries.forEach((key, seen) -> entries.computeIfPresent(key, (k, entry) -> entry.idle(millis) ? null : entry));
    }

    /** How many attempts the ledger keeps for the key (for tests of the memory bound). */
    int attemptsKept(String key) {
        int[] kept = new int[1];
        entries.computeIfPresent(key, (k, entry) -> {
            kept[0] = entry.size;
            return entry;
        });
        return kept[0];
    }

    /** How many keys the ledger remembers. */
    int keys() {
        return entries.size();
    }

    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL.toMillis())) {
            forgetIdle(Instant.ofEpochMilli(now));
        }
    }

    /** A key's state; its attempts are touched only under the map's lock for the key. */
    private static final class Entry {
        private long[] times = new long[0];
        private String[] sources = new String[0];
        private int size;
        private long newest = Long.MIN_VALUE;
        private long windowMillis;
        private volatile long blockedUntil = Long.MIN_VALUE;
        private String alarm;

        Tally record(long at, String source, AttemptLimit limit) {
            windowMillis = limit.window().toMillis();
            dropBefore(at - windowMillis);
            int capacity = limit.attemptsToKeep();
            if (size >= capacity) {
                resize(capacity);
                removeAt(oldest());
            } else if (size == times.length) {
                // Most keys see one or two attempts (an address joining a meeting): grow only when needed.
                resize(Math.min(capacity, Math.max(2, times.length * 2)));
            }
            times[size] = at;
            sources[size] = source;
            size++;
            newest = Math.max(newest, at);
            return new Tally(size, distinctSources());
        }

        boolean blockedAt(long now) {
            return blockedUntil > now;
        }

        Blocked blocked(String key) {
            return new Blocked(key, Instant.ofEpochMilli(blockedUntil), distinctSources(), Optional.ofNullable(alarm));
        }

        private Set<String> distinctSources() {
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < size; i++) {
                distinct.add(sources[i]);
            }
            return distinct;
        }

        boolean idle(long now) {
            return (size == 0 || newest + windowMillis <= now) && blockedUntil <= now;
        }

        /** Keeps only the attempts after {@code start}: the window is (at − window, at]. */
        private void dropBefore(long start) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (times[i] > start) {
                    times[kept] = times[i];
                    sources[kept] = sources[i];
                    kept++;
                }
            }
            for (int i = kept; i < size; i++) {
                sources[i] = null;
            }
            size = kept;
        }

        /** A new capacity: when it is smaller (the policy changed), the newest attempts are kept. */
        private void resize(int capacity) {
            if (capacity == times.length) {
                return;
            }
            while (size > capacity) {
                removeAt(oldest());
            }
            long[] newTimes = new long[capacity];
            String[] newSources = new String[capacity];
            System.arraycopy(times, 0, newTimes, 0, size);
            System.arraycopy(sources, 0, newSources, 0, size);
            times = newTimes;
            sources = newSources;
        }

        private int oldest() {
            int oldest = 0;
            for (int i = 1; i < size; i++) {
                if (times[i] < times[oldest]) {
                    oldest = i;
                }
            }
            return oldest;
        }

        private void removeAt(int index) {
            size--;
            times[index] = times[size];
            sources[index] = sources[size];
            sources[size] = null;
        }
    }
}
