package io.vestibule.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MasterPassphraseTest {
    private final SecureRandom random = CryptoPolicy.standard().newSecureRandom();

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("keys").resolve("master.pass");
    }

    @Test
    void aConfiguredPassphraseIsUsedAndNoFileIsWritten() {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.of("configured-Pass-1"), file(), random);
        assertThat(passphrase.value()).isEqualTo("configured-Pass-1".toCharArray());
        assertThat(passphrase.storedBesideKeys()).isFalse();
        assertThat(Files.exists(file())).isFalse();
        assertThat(Files.exists(file().getParent())).isFalse();
    }

    @Test
    void withoutOneAPrivateFileIsCreated() throws Exception {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.empty(), file(), random);
        assertThat(passphrase.storedBesideKeys()).isTrue();
        assertThat(Files.exists(file())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
        // 32 random bytes in URL-safe Base64 without padding.
        assertThat(new String(passphrase.value())).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file()).strip()).isEqualTo(new String(passphrase.value()));
    }

    @Test
    void anEmptyConfiguredValueCountsAsNone() {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.of(""), file(), random);
        assertThat(passphrase.storedBesideKeys()).isTrue();
        assertThat(passphrase.value()).isNotEmpty();
        assertThat(Files.exists(file())).isTrue();
    }

    @Test
    void theSecondCallReturnsTheSameGeneratedValue() {
        MasterPassphrase first = MasterPassphrase.resolve(Optional.empty(), file(), random);
        MasterPassphrase second = MasterPassphrase.resolve(Optional.empty(), file(), random);
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(second.storedBesideKeys()).isTrue();
    }

    @Test
    void twoInstallationsGetDifferentPassphrases() {
        MasterPassphrase one = MasterPassphrase.resolve(Optional.empty(), directory.resolve("a/master.pass"), random);
        MasterPassphrase two = MasterPassphrase.resolve(Optional.empty(), directory.resolve("b/master.pass"), random);
        assertThat(one.value()).isNotEqualTo(two.value());
    }

    @Test
    void toStringNeverShowsThePassphrase() {
        MasterPassphrase passphrase = MasterPassphrase.resolve(Optional.of("configured-Pass-1"), file(), random);
        assertThat(passphrase.toString()).doesNotContain("configured-Pass-1");
    }
}
