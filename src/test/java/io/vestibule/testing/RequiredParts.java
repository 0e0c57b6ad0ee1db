package io.vestibule.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a part this machine may lack (PostgreSQL, Chromium) call {@link #require}. Without the part the
 * test is skipped with a loud message; with {@code VESTIBULE_TEST_REQUIRE_ALL=true} (set by .ci/run) it fails
 * instead, so nothing is ever skipped in CI.
 */
public final class RequiredParts {
    private RequiredParts() {
    }

    /** The command as found on the PATH, if it is there. */
    public static Optional<Path> executable(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command)).filter(Files::isExecutable).findFirst();
    }

    public static void require(boolean available, String part, String howToGetIt) {
        if (available) {
            return;
        }
        String message = "REQUIRED PART MISSING: " + part + ". " + howToGetIt;
        if (Boolean.parseBoolean(System.getenv("VESTIBULE_TEST_REQUIRE_ALL"))) {
            throw new AssertionError(message + " (VESTIBULE_TEST_REQUIRE_ALL is set, so this fails instead of skipping)");
        }
        System.err.println("\n*** SKIPPED: " + message + " ***\n");
        Assumptions.abort(message);
    }
}
