package io.vestibule.guard;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A block in force: its kind, what it blocks as the guard counts it (a room id; an address, or an IPv6 /64 such as
 * {@code 2001:db8:1:2:0:0:0:0/64}; an account name normalised), when it ends, the addresses the attempts came from, and
 * the reference of the alarm it raised ({@link BreakInAlarms}).
 */
public record Block(BlockKind kind, String subject, Instant until, Set<String> sources, Optional<String> alarm) {
    public Block {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(until, "until");
        sources = Set.copyOf(sources);
        Objects.requireNonNull(alarm, "alarm");
    }
}
