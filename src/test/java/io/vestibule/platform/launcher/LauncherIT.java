package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher refuses, in one line and before Payara starts, what it cannot run with. */
@ExtendWith(ServerResolver.class)
class LauncherIT {

    @Test
    void aBadPortIsRefusedWithTheSettingNamed(@TempDir Path data) throws Exception {
        Result result = launch(Map.of("VESTIBULE_DATA_DIR", data.toString(), "VESTIBULE_HTTPS_PORT", "eighty"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("VESTIBULE_HTTPS_PORT").doesNotContain("Exception");
    }

    @Test
    void aPlaintextDatabaseUrlOfAnotherKindIsRefused(@TempDir Path data) throws Exception {
        Result result = launch(Map.of("VESTIBULE_DATA_DIR", data.toString(), "VESTIBULE_DB_URL", "jdbc:mysql://localhost/vestibule"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("VESTIBULE_DB_URL");
    }

    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefused(VestibuleServer running) throws Exception {
        Result result = launch(Map.of("VESTIBULE_DATA_DIR", running.dataDirectory().toString(), "VESTIBULE_HTTPS_PORT", "1"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("Another Vestibule is running");
        assertThat(running.running()).isTrue();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result launch(Map<String, String> environment) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("vestibule.jar", "target/vestibule.jar")).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("VESTIBULE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
