package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.FreePorts;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.UsedOnceData;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher refuses, in one line and before Payara starts, what it cannot run with; and what the application
 * refuses while it deploys ends the process the same way.
 *
 * <p>A refusal at deployment costs a whole Payara start, so one real one witnesses the way such a refusal ends the
 * process ({@link #aMasterKeyStoreReplacedByAnotherOneStopsTheStart}); the messages of the others are checked where
 * they are made: a bad VESTIBULE_MEDIA_PORT in {@code MediaSettingsTest}, a taken demo-directory port in
 * {@code DemoDirectoryTest}, and the choice of the message naming a setting among a failure's causes in
 * {@link DeploymentFailureWitnessTest}.
 */
@ExtendWith({ServerResolver.class, UsedOnceData.Resolver.class})
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

    /**
     * What a user reads at start holds the service's own addresses only, those the launcher prints once it is ready:
     * Payara Micro's own summary named the HTTPS admin listener as {@code http://} and listed every REST endpoint
     * with a doubled slash.
     */
    @Test
    void theStartUpOutputNamesOnlyTheServicesOwnAddresses(VestibuleServer running) throws InterruptedException {
        String startUp = startUpOutput(running);

        assertThat(startUp.lines().filter(line -> line.contains("//")))
                .as("every address printed at start, http:// and endpoint lists included")
                .contains("  Portal:       " + running.baseUri())
                .noneMatch(line -> line.contains("http://"))
                .allMatch(line -> !line.replaceAll("(https|ldaps?)://", "").contains("//"), "has no // but in an https or ldap URL");
    }

    /**
     * Nothing at start reads as a failure: Payara's reader of web.xml threw a NullPointerException on every start (an
     * error page listed after the catch-all one), printed five times with its stack trace and a SEVERE line; Payara
     * warned that its own directory was a temporary one the system may clean, called the session configuration
     * "Invalid", said the H2 driver would not be available, and repeated "visiting unvisited references" 30 times.
     */
    @Test
    void theStartUpOutputHasNoStackTraceNorAlarm(VestibuleServer running) throws InterruptedException {
        List<String> alarms = List.of("Exception", "SEVERE", "\tat ", "temporary file location", "Invalid", "will not be available",
                "visiting unvisited references", "security manager is disabled", "differs from path");

        assertThat(startUpOutput(running).lines().filter(line -> alarms.stream().anyMatch(line::contains)))
                .as("start-up lines that read as a failure").isEmpty();
    }

    /**
     * The console output through the launcher's ready banner, whose lines are indented; what follows is the tests'
     * traffic. The banner follows the launcher's own readiness probe, which may answer a moment after the test's.
     */
    private static String startUpOutput(VestibuleServer server) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!server.logText().contains("\n  Data:")) {
            assertThat(Instant.now()).as("the ready banner is printed").isBefore(deadline);
            Thread.sleep(100);
        }
        List<String> lines = server.logText().lines().toList();
        int end = lines.indexOf("Vestibule is ready.");
        assertThat(end).as("the ready banner").isNotNegative();
        do {
            end++;
        } while (end < lines.size() && lines.get(end).startsWith("  "));
        return String.join("\n", lines.subList(0, end));
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

    /**
     * Issue 21, fault 1: a deleted master key store was replaced by a new one with a new kek-1, and the service said
     * it was ready while every PIN, signing key and record had become unreadable.
     */
    @Test
    void aLostMasterKeyStoreStopsTheStartAndNothingIsCreated(@TempDir Path data, UsedOnceData usedOnce) throws Exception {
        Path dataDirectory = usedOnce.copyTo(data);
        Path store = dataDirectory.resolve("keys").resolve("master.p12");
        Files.delete(store);

        Result result = launch(startOn(dataDirectory));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("master key store").contains("is missing").contains("Restore keys/master.p12")
                .doesNotContain("Exception");
        assertThat(store).as("no new store in its place").doesNotExist();
    }

    @Test
    void aMasterKeyStoreReplacedByAnotherOneStopsTheStart(@TempDir Path data, UsedOnceData usedOnce) throws Exception {
        Path dataDirectory = usedOnce.copyTo(data);
        Path keys = dataDirectory.resolve("keys");
        Files.delete(keys.resolve("master.p12"));
        // Another store under the same passphrase: it opens, and its first key is not the one that wrapped the data keys.
        MasterKeyStore.openOrCreate(keys.resolve("master.p12"), MasterPassphrase.resolve(Optional.empty(), keys.resolve("master.pass"),
                keys.resolve("master.p12"), CryptoPolicy.standard().newSecureRandom()), CryptoPolicy.standard()).close();

        Result result = launch(startOn(dataDirectory));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).containsPattern("Vestibule did not start: The master key store \\(.*\\) does not hold the "
                        + "key-encryption key kek-1-[0-9a-f]{12}")
                .contains("Restore keys/master.p12")
                .doesNotContain("Vestibule is ready");
    }

    static Map<String, String> startOn(Path dataDirectory) {
        return Map.of("VESTIBULE_DATA_DIR", dataDirectory.toString(), "VESTIBULE_HTTPS_PORT", String.valueOf(FreePorts.next()),
                "VESTIBULE_ADMIN_PORT", String.valueOf(FreePorts.next()), "VESTIBULE_BIND_ADDRESS", "127.0.0.1");
    }

    /** VESTIBULE_FIPS states what the operator expects; neither build runs against it (FipsMode). */
    @Test
    void eachBuildRefusesTheFipsSettingItCannotMeetInOneLine(@TempDir Path data) throws Exception {
        Result standard = launch(Map.of("VESTIBULE_FIPS", "true", "VESTIBULE_DATA_DIR", data.resolve("standard").toString()));
        assertThat(standard.exitCode()).as(standard.output()).isEqualTo(2);
        assertThat(standard.output()).contains("vestibule: VESTIBULE_FIPS=true needs the FIPS build, vestibule-fips.jar");
        Result fips = launch(VestibuleServer.fipsJar(), Map.of("VESTIBULE_FIPS", "false", "VESTIBULE_DATA_DIR", data.resolve("fips").toString()));
        assertThat(fips.exitCode()).as(fips.output()).isEqualTo(2);
        assertThat(fips.output()).contains("vestibule: VESTIBULE_FIPS=false, but this is the FIPS build, which runs only in FIPS mode");
        assertThat(standard.output() + fips.output()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the jar as the README does, its JVM options included, and waits for it to end. */
    static Result launch(Map<String, String> environment) throws IOException, InterruptedException {
        return launch(Path.of(System.getProperty("vestibule.jar", "target/vestibule.jar")), environment);
    }

    static Result launch(Path build, Map<String, String> environment) throws IOException, InterruptedException {
        Path jar = build.toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(VestibuleServer.README_JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("VESTIBULE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            // A service that started when it should have refused: stop it, and fail.
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("The service did not end within 90 s:\n" + output.getNow(""));
        }
        return new Result(process.exitValue(), output.join());
    }
}
