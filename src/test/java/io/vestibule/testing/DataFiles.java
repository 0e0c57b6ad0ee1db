package io.vestibule.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a thief of the data directory would find: files searched byte by byte for a text. */
public final class DataFiles {
    private DataFiles() {
    }

    /** Waits until some file holds the text: what was written with it has reached the disk too. */
    public static void awaitOnDisk(Path directory, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (containing(directory, text).isEmpty()) {
            assertThat(Instant.now()).as("'" + text + "' never reached the disk").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    public static List<Path> containing(Path directory, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] haystack = Files.readAllBytes(file);
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
