package io.vestibule.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterPassphraseTest {
    private final SecureRandom random = CryptoPolicy.standard().newSecureRandom();

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("keys").resolve("master.pass");
    }

    private Path store() {
        return directory.resolve("keys").resolve("master.p12");
    }

    @Test
    void aConfiguredPassphraseIsUsedAndNoFileIsWritten() {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.of("configured-Pass-1"), file(), store(), random);
        assertThat(passphrase.value()).isEqualTo("configured-Pass-1".toCharArray());
        assertThat(passphrase.storedBesideKeys()).isFalse();
        assertThat(Files.exists(file())).isFalse();
        assertThat(Files.exists(file().getParent())).isFalse();
    }

    @Test
    void withoutOneAPrivateFileIsCreated() throws Exception {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.empty(), file(), store(), random);
        assertThat(passphrase.storedBesideKeys()).isTrue();
        assertThat(Files.exists(file())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
        // 32 random bytes in URL-safe Base64 without padding.
        assertThat(new String(passphrase.value())).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file()).strip()).isEqualTo(new String(passphrase.value()));
    }

    @Test
    void anEmptyConfiguredValueIsRefused() {
        assertThatThrownBy(() -> MasterPassphrase.resolve(Optional.of(" "), file(), store(), random))
                .isInstanceOf(KeyStoreRefused.class).hasMessageContaining("VESTIBULE_KEYSTORE_PASSWORD is set but empty");
        assertThat(Files.exists(file())).isFalse();
    }

    /** Issue 21, fault 4: a deleted passphrase file was replaced by a new passphrase that opens nothing. */
    @Test
    void aMissingFileBesideAnExistingStoreIsRefusedAndNothingIsWritten() throws Exception {
        Files.createDirectories(store().getParent());
        Files.write(store(), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> MasterPassphrase.resolve(Optional.empty(), file(), store(), random))
                .isInstanceOf(KeyStoreRefused.class).hasMessageContaining("is missing beside the existing master key store")
                .hasMessageContaining("restore it from this installation's backup");
        assertThat(Files.exists(file())).isFalse();
    }

    @Test
    void anEmptyFileIsRefusedNotReadAsAnEmptyPassphrase() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), " \n");
        assertThatThrownBy(() -> MasterPassphrase.resolve(Optional.empty(), file(), store(), random))
                .isInstanceOf(KeyStoreRefused.class).hasMessageContaining("is empty");
    }

    @Test
    void theSecondCallReturnsTheSameGeneratedValue() {
        MasterPassphrase first = MasterPassphrase.resolve(Optional.empty(), file(), store(), random);
        MasterPassphrase second = MasterPassphrase.resolve(Optional.empty(), file(), store(), random);
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(second.storedBesideKeys()).isTrue();
    }

    @Test
    void twoInstallationsGetDifferentPassphrases() {
        MasterPassphrase one = MasterPassphrase.resolve(Optional.empty(), directory.resolve("a/master.pass"), directory.resolve("a/master.p12"), random);
        MasterPassphrase two = MasterPassphrase.resolve(Optional.empty(), directory.resolve("b/master.pass"), directory.resolve("b/master.p12"), random);
        assertThat(one.value()).isNotEqualTo(two.value());
    }

    @Test
    void toStringNeverShowsThePassphrase() {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.of("configured-Pass-1"), file(), store(), random);
        assertThat(passphrase.toString()).doesNotContain("configured-Pass-1");
    }
}
