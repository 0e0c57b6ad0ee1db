package io.vestibule.platform.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which unexpected failures are worth a stack trace in the log. The first failure of a kind (its type and
 * where it was thrown) is logged in full; the same failure again within {@link #WINDOW} is only counted and answered
 * with the first one's incident, so that a flood of one bad request cannot fill the disk with identical traces. The
 * count is logged with the next occurrence after the window.
 */
public final class RepeatedFailures {
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** Kinds remembered at once; beyond it the memory is dropped, and the next of each kind is logged again. */
    static final int KINDS = 256;

    /** What to do with one failure: the incident to tell the client, whether to log it, and the repeats not logged before it. */
    public record Verdict(String incident, boolean log, Optional<Unlogged> unlogged) {
    }

    /** The same failure came {@code count} more times after {@code incident}, which was logged. */
    public record Unlogged(String incident, long count) {
    }

    private record Kind(String incident, Instant since, long repeats) {
    }

    private final Clock clock;
    private final Map<String, Kind> kinds = new HashMap<>();

    public RepeatedFailures(Clock clock) {
        this.clock = clock;
    }

    public synchronized Verdict failed(Throwable failure) {
        String kind = kindOf(failure);
        Instant now = clock.instant();
        Kind known = kinds.get(kind);
        if (known != null && Duration.between(known.since(), now).compareTo(WINDOW) < 0) {
            kinds.put(kind, new Kind(known.incident(), known.since(), known.repeats() + 1));
            return new Verdict(known.incident(), false, Optional.empty());
        }
        if (kinds.size() >= KINDS) {
            kinds.clear();
        }
        String incident = UUID.randomUUID().toString();
        kinds.put(kind, new Kind(incident, now, 0));
        return new Verdict(incident, true, Optional.ofNullable(known).filter(previous -> previous.repeats() > 0)
                .map(previous -> new Unlogged(previous.incident(), previous.repeats())));
    }

    /** The innermost cause's type and the place it was thrown: not its message, which may carry request data. */
    static String kindOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        return root.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }
}
