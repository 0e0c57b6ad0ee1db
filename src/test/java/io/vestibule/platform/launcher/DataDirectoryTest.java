package io.vestibule.platform.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {
    @TempDir
    Path directory;

    /** Payara would start from an earlier start's configuration; the jars its root links to are not ours to delete. */
    @Test
    void payarasDirectoryIsEmptiedWithoutFollowingLinks() throws Exception {
        DataDirectory data = new DataDirectory(directory.resolve("data"));
        Path unpackedJars = Files.createDirectories(directory.resolve("payaramicro-rt").resolve("runtime"));
        Path jar = Files.writeString(unpackedJars.resolve("h2.jar"), "jar");
        Path config = Files.createDirectories(data.payara().resolve("config"));
        Files.writeString(config.resolve("domain.xml"), "<domain/>");
        Files.createSymbolicLink(data.payara().resolve("runtime"), unpackedJars);

        Path emptied = data.emptyPayaraDirectory();

        assertThat(emptied).isEqualTo(data.payara()).isEmptyDirectory();
        assertThat(jar).exists();
    }

    @Test
    void payarasDirectoryIsCreatedOnAFirstStart() {
        DataDirectory data = new DataDirectory(directory.resolve("data"));

        assertThat(data.emptyPayaraDirectory()).isEmptyDirectory();
    }
}
