package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TestCertificates;
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

    @Test
    void oneSharedPortForThePortalAndTheAdminConsoleIsRefused(@TempDir Path data) throws Exception {
        Result result = launch(Map.of("VESTIBULE_DATA_DIR", data.toString(), "VESTIBULE_HTTPS_PORT", "9443",
                "VESTIBULE_ADMIN_PORT", "9443"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("VESTIBULE_ADMIN_PORT").contains("9443").doesNotContain("Exception");
    }

    @Test
    void aWeakAdminClientAuthorityIsRefusedBeforePayaraStarts(@TempDir Path data) throws Exception {
        Path caFile = Files.writeString(data.resolve("admin-cas.pem"), PemFiles.toPem(List.of(TestCertificates.selfSigned(
                "CN=Old Admin CA", TestCertificates.rsaKeys(2048), "SHA256withRSA", Instant.now(), Duration.ofDays(30)))));

        Result result = launch(Map.of("VESTIBULE_DATA_DIR", data.resolve("service").toString(),
                "VESTIBULE_ADMIN_CLIENT_CA_FILE", caFile.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("VESTIBULE_ADMIN_CLIENT_CA_FILE").contains("CN=Old Admin CA").contains("3072")
                .doesNotContain("Payara Micro");
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
