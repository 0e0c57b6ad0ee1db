package io.vestibule.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Hands Payara the service's logging configuration (the {@code logging.properties} beside this class). */
final class LogConfiguration {
    private LogConfiguration() {
    }

    static Path write(Path runtimeDirectory) {
        Path target = runtimeDirectory.resolve("logging.properties");
        try (InputStream in = LogConfiguration.class.getResourceAsStream("logging.properties")) {
            if (in == null) {
                throw new LaunchFailure("The jar lacks its logging configuration; rebuild it with ./mvnw package");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new LaunchFailure("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
