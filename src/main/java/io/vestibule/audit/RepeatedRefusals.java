package io.vestibule.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Keeps a client that repeats a refused request from flooding the audit log: of the refusals with one key (who, and
 * what they tried) at most one per {@code period} is recorded; the rest are counted and the count is told with the
 * next one recorded. At most {@code keys} keys are remembered: when that many are within their period, a refusal of a
 * new key is not recorded at all, so that neither memory nor the log grows with an attacker's supply of names or
 * addresses.
 */
public final class RepeatedRefusals {
    private final Clock clock;
    private final Duration period;
    private final int keys;
    private final Map<String, Window> windows = new HashMap<>();

    public RepeatedRefusals(Clock clock, Duration period, int keys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.period = Objects.requireNonNull(period, "period");
        this.keys = keys;
    }

    /**
     * Whether to record this refusal: if so, how many of the key's refusals since the last one recorded were left out;
     * empty when this one is to be left out.
     */
    public synchronized OptionalInt toRecord(String key) {
        Instant now = clock.instant();
        Window window = windows.get(key);
        if (window != null && now.isBefore(window.start().plus(period))) {
            windows.put(key, new Window(window.start(), window.leftOut() + 1));
            return OptionalInt.empty();
        }
        if (window == null && windows.size() >= keys) {
            windows.values().removeIf(old -> !now.isBefore(old.start().plus(period)));
            if (windows.size() >= keys) {
                return OptionalInt.empty();
            }
        }
        windows.put(key, new Window(now, 0));
        return OptionalInt.of(window == null ? 0 : window.leftOut());
    }

    private record Window(Instant start, int leftOut) {
    }
}
