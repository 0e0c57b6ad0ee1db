package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.vestibule.testing.UsedOnceData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, fault 4: a bad key store or passphrase ended the start with "SEVERE: null", a stack trace and exit status
 * 0; a deleted passphrase file was replaced by a new one. Each fault below, made on a copy of a data directory the
 * service ran with ({@link UsedOnceData}, shared with {@link LauncherIT}), now stops the start with one line and a
 * non-zero status (2 for what the operator configures, 1 for a damaged file), and the keys directory is left exactly
 * as it was.
 */
@ExtendWith(UsedOnceData.Resolver.class)
class KeyStoreRefusalsIT {
    @TempDir
    static Path workspace;

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

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theStartStopsWithOneLineAndTheKeysAreLeftAsTheyWere(Fault fault, UsedOnceData usedOnce) throws Exception {
        Path data = usedOnce.copyTo(workspace.resolve(fault.name()));
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
