package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A data directory the service ran with once: a meeting was booked (its PINs sealed), then the service stopped. It is
 * made at first use and shared by the whole test run (each start costs seconds); a test spoils a copy of its own.
 */
public final class UsedOnceData implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(UsedOnceData.class);

    private final Path directory;

    private UsedOnceData(Path directory) {
        this.directory = directory;
    }

    /** Supplies the run's {@link UsedOnceData} parameter. */
    public static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == UsedOnceData.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("used-once", key -> make(), UsedOnceData.class);
        }
    }

    private static UsedOnceData make() {
        Path directory;
        try {
            directory = Files.createTempDirectory("vestibule-it-used-once-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        VestibuleServer first = VestibuleServer.start("used-once", Map.of(), VestibuleServer.README_JVM_OPTIONS, directory, () -> { });
        try {
            Meetings.openNow(first.newClient().signIn("alice", first.demoPassword()), "host_and_guest_pins", false);
        } finally {
            first.stop();
        }
        return new UsedOnceData(directory);
    }

    /** A copy of the directory in {@code to}, see {@link VestibuleServer#copyOfData}. */
    public Path copyTo(Path to) {
        return VestibuleServer.copyOfData(directory, to);
    }

    @Override
    public void close() {
        VestibuleServer.deleteRecursively(directory);
    }
}
