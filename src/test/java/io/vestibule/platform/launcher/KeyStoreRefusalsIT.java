package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vestibule.testing.Meetings;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, fault 4: a bad key store or passphrase ended the start with "SEVERE: null", a stack trace and exit status
 * 0; a deleted passphrase file was replaced by a new one. Each fault below, made on a copy of a data directory the
 * service ran with, now stops the start with one line and a non-zero status (2 for what the operator configures, 1
 * for a damaged file), and the keys directory is left exactly as it was.
 */
class KeyStoreRefusalsIT {
    @TempDir
    static Path workspace;

    private static Path usedOnce;

    enum Fault {
        STORE_TRUNCATED(1, "Cannot read the master key store") {
            @Override
            void make(Path keys, Map<String, String> environment) throws IOException {
                byte[] store = Files.readAllBytes(keys.resolve("master.p12"));
                Files.write(keys.resolve("master.p12"), java.util.Arrays.copyOf(store, store.length / 2));
            }
        },
        STORE_EMPTY(1, "Cannot read the master key store") {
            @Override
            void make(Path keys, Map<String, String> environment) throws IOException {
                Files.write(keys.resolve("master.p12"), new byte[0]);
            }
        },
        PASSPHRASE_FILE_DELETED(2, "is missing beside the existing master key store") {
            @Override
            void make(Path keys, Map<String, String> environment) throws IOException {
                Files.delete(keys.resolve("master.pass"));
            }
        },
        PASSPHRASE_FILE_EMPTY(2, "is empty") {
            @Override
            void make(Path keys, Map<String, String> environment) throws IOException {
                Files.write(keys.resolve("master.pass"), new byte[0]);
            }
        },
        WRONG_PASSPHRASE(2, "does not open with its passphrase (VESTIBULE_KEYSTORE_PASSWORD)") {
            @Override
            void make(Path keys, Map<String, String> environment) {
                environment.put("VESTIBULE_KEYSTORE_PASSWORD", "not-the-passphrase-it-was-made-with");
            }
        };

        final int exitCode;
        final String says;

        Fault(int exitCode, String says) {
            this.exitCode = exitCode;
            this.says = says;
        }

        abstract void make(Path keys, Map<String, String> environment) throws IOException;
    }

    @BeforeAll
    static void runTheServiceOnce() {
        VestibuleServer first = VestibuleServer.start("key-store-refusals", Map.of(), VestibuleServer.README_JVM_OPTIONS,
                workspace.resolve("used-once"), () -> { });
        try {
            Meetings.openNow(first.newClient().signIn("alice", first.demoPassword()), "host_and_guest_pins", false);
        } finally {
            first.stop();
        }
        usedOnce = first.dataDirectory();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theStartStopsWithOneLineAndTheKeysAreLeftAsTheyWere(Fault fault) throws Exception {
        Path data = VestibuleServer.copyOfData(usedOnce, workspace.resolve(fault.name()));
        Path keys = data.resolve("keys");
        Map<String, String> environment = new HashMap<>(LauncherIT.startOn(data));
        fault.make(keys, environment);
        Map<String, String> before = contents(keys);

        LauncherIT.Result result = LauncherIT.launch(environment);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(fault.exitCode);
        assertThat(result.output()).contains("vestibule: ").contains(fault.says).doesNotContain("Vestibule is ready")
                .doesNotContain("SEVERE").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.output().lines().filter(line -> line.startsWith("vestibule: "))).hasSize(1);
        assertThat(contents(keys)).as("the keys directory after the refused start").isEqualTo(before);
    }

    /** Each file's name and content, as text the assertion can print. */
    private static Map<String, String> contents(Path directory) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return contents;
    }
}
