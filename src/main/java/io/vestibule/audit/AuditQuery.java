package io.vestibule.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which audit events to read, newest first: those in [{@code from}, {@code to}), of one type or of every type under
 * a prefix ({@code admin.} for all of {@code admin.*}), by one actor (a name finds it with any sign-in source: {@code dave}
 * finds {@code dave (ldap)}), at least as severe as {@code minimumSeverity},
 * with one outcome, and with an id below {@code beforeId} (the page after one that ended there), at most
 * {@code limit}. The edge checks the values; this only holds them.
 */
public record AuditQuery(Instant from, Instant to, Optional<String> type, boolean typeIsPrefix, Optional<String> actor,
                         Optional<AuditSeverity> minimumSeverity, Optional<AuditEvent.Outcome> outcome, OptionalLong beforeId, int limit) {
    public AuditQuery {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Every event in the time range, newest first. */
    public static AuditQuery between(Instant from, Instant to, int limit) {
        return new AuditQuery(from, to, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                limit);
    }

    /** The same filter for the page of older events after {@code lastId}, at most {@code pageSize}. */
    public AuditQuery before(long lastId, int pageSize) {
        return new AuditQuery(from, to, type, typeIsPrefix, actor, minimumSeverity, outcome, OptionalLong.of(lastId), pageSize);
    }

    /** The filter in words for the audit log itself: {@code from=… to=… type=admin.* actor=carol}. */
    public String describe() {
        List<String> parts = new ArrayList<>(List.of("from=" + from, "to=" + to));
        type.ifPresent(value -> parts.add("type=" + value + (typeIsPrefix ? "*" : "")));
        actor.ifPresent(value -> parts.add("actor=" + value));
        minimumSeverity.ifPresent(value -> parts.add("severity>=" + value.apiName()));
        outcome.ifPresent(value -> parts.add("outcome=" + value.name().toLowerCase(Locale.ROOT)));
        beforeId.ifPresent(value -> parts.add("before=" + value));
        return String.join(" ", parts);
    }
}
