package io.vestibule.platform.checks;

import java.util.List;

/**
 * Small named {@link Check}s run in order; the first that fails decides the rejection and the later ones do not run,
 * so cheap structural checks come first and whatever must happen only to an accepted candidate comes last.
 */
public final class Verification<C, E extends Rejected> {
    private final List<Check<? super C, ? extends E>> checks;

    public Verification(List<? extends Check<? super C, ? extends E>> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The candidate, once every check has passed. */
    public C verify(C candidate) throws E {
        for (Check<? super C, ? extends E> check : checks) {
            check.check(candidate);
        }
        return candidate;
    }

    /** The checks' names in the order they run, for documentation and tests. */
    public List<String> names() {
        return checks.stream().map(check -> check.getClass().getSimpleName()).toList();
    }
}
