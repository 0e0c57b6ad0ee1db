package io.vestibule.guard;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A block in force: its kind, what it blocks as the guard counts it (a room id; an address, or an IPv6 /64 such as
 * {@code 2001:db8:1:2::/64}; an account name normalised), when it ends, and the addresses the attempts came from.
 */
public record Block(BlockKind kind, String subject, Instant until, Set<String> sources) {
    public Block {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(until, "until");
        sources = Set.copyOf(sources);
    }
}
