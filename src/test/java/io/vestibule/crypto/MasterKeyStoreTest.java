package io.vestibule.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.testing.Tmpfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeyStoreTest {
    private static final MasterPassphrase PASSPHRASE = new MasterPassphrase("correct horse battery staple".toCharArray(), false);

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final SecureRandom random = policy.newSecureRandom();

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("keys").resolve("master.p12");
    }

    /** The version a key's name gives, which must carry a tag. */
    private static int version(String alias) {
        assertThat(alias).matches("kek-\\d+-[0-9a-f]{12}");
        return KeyEncryptionKeyAlias.parse("kek", alias).orElseThrow().version();
    }

    private SecretKey dataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        return generator.generateKey();
    }

    @Test
    void creatingTheStoreCreatesTheFirstKeyEncryptionKey() throws Exception {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        assertThat(Files.exists(file())).isTrue();
        String first = store.currentKeyEncryptionKey().alias();
        assertThat(version(first)).isEqualTo(1);
        assertThat(store.keyEncryptionKey(first).alias()).isEqualTo(first);
    }

    /**
     * Issue 21: a store made after a lost one named its first key kek-1 too, the name the database kept for the lost
     * key, so the loss showed only as keys that failed to unwrap. Each key's name is now its own.
     */
    @Test
    void aStoreMadeInPlaceOfALostOneNamesNoKeyAsTheLostOneWas() throws Exception {
        String lost = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).currentKeyEncryptionKey().alias();
        Files.delete(file());

        MasterKeyStore replacement = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        String first = replacement.currentKeyEncryptionKey().alias();
        assertThat(version(first)).isEqualTo(1);
        assertThat(first).isNotEqualTo(lost);
        assertThatIllegalArgumentException().isThrownBy(() -> replacement.keyEncryptionKey(lost)).withMessageContaining(lost);
    }

    /** Stores made before names had a tag keep their keys' names; the next key gets a tag. */
    @Test
    void aKeyNamedBeforeTagsKeepsItsName() throws Exception {
        SecretKey legacyKek = dataKey();
        KeyStore legacy = KeyStore.getInstance(policy.keyStoreType());
        legacy.load(null, null);
        legacy.setEntry("kek-1", new KeyStore.SecretKeyEntry(legacyKek), new KeyStore.PasswordProtection(PASSPHRASE.value()));
        Files.createDirectories(file().getParent());
        try (var out = Files.newOutputStream(file())) {
            legacy.store(out, PASSPHRASE.value());
        }

        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        assertThat(store.currentKeyEncryptionKey().alias()).isEqualTo("kek-1");
        SecretKey dataKey = dataKey();
        byte[] wrapped = store.currentKeyEncryptionKey().wrap(dataKey);
        String second = store.rotateKeyEncryptionKey().alias();
        assertThat(second).matches("kek-2-[0-9a-f]{12}");
        assertThat(store.keyEncryptionKey("kek-1").unwrap(wrapped, "AES").getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void theStoreFileIsReadableByItsOwnerOnly() throws Exception {
        MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
        try (var leftovers = Files.list(file().getParent())) {
            assertThat(leftovers.map(path -> path.getFileName().toString())).containsExactly("master.p12");
        }
    }

    @Test
    void reopeningWithTheSamePassphraseFindsTheSameKey() throws Exception {
        MasterKeyStore created = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        SecretKey dataKey = dataKey();
        byte[] wrapped = created.currentKeyEncryptionKey().wrap(dataKey);

        MasterKeyStore reopened = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        KeyEncryptionKey current = reopened.currentKeyEncryptionKey();
        assertThat(current.alias()).isEqualTo(created.currentKeyEncryptionKey().alias());
        assertThat(current.unwrap(wrapped, "AES").getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void aWrongPassphraseIsRefusedWithAMessageSayingSo() {
        MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        MasterPassphrase wrong = new MasterPassphrase("not the passphrase".toCharArray(), false);
        assertThatThrownBy(() -> MasterKeyStore.openOrCreate(file(), wrong, policy)).isInstanceOf(KeyStoreRefused.class)
                .hasMessageContaining("does not open with its passphrase")
                .hasMessageContaining("nothing was changed")
                .hasMessageNotContaining("not the passphrase")
                .hasMessageNotContaining("correct horse");
    }

    /** Issue 21, fault 5: the key was added to the store in use before the save, so a failed save left it in use. */
    @Test
    void aFailedSaveLeavesTheStoreInUseAndOnDiskAsTheyWere() throws Exception {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        String first = store.currentKeyEncryptionKey().alias();
        byte[] onDisk = Files.readAllBytes(file());
        Files.move(file(), file().resolveSibling("moved-away.p12"));
        Files.createDirectories(file().resolve("in-the-way"));

        assertThatIllegalStateException().isThrownBy(store::rotateKeyEncryptionKey)
                .withMessageContaining("Cannot write the master key store").withMessageContaining("unchanged");

        assertThat(store.currentKeyEncryptionKey().alias()).isEqualTo(first);
        assertThat(Files.readAllBytes(file().resolveSibling("moved-away.p12"))).isEqualTo(onDisk);
    }

    /**
     * Issue 21: a full disk during a key save (a tmpfs over the keys directory, as root): the save fails, the store on
     * disk and the one in use are as they were, no temporary file is left, and once there is room the key is made.
     */
    @Test
    void aFullDiskDuringASaveLeavesTheStoreAndTheKeyInUseAsTheyWere() throws Exception {
        Path keys = Files.createDirectories(directory.resolve("small-disk"));
        try (Tmpfs disk = Tmpfs.mount(keys, "64k")) {
            Path file = keys.resolve("master.p12");
            MasterKeyStore store = MasterKeyStore.openOrCreate(file, PASSPHRASE, policy);
            String first = store.currentKeyEncryptionKey().alias();
            byte[] before = Files.readAllBytes(file);
            Tmpfs.fill(keys.resolve("filler"));

            assertThatIllegalStateException().isThrownBy(store::rotateKeyEncryptionKey)
                    .withMessageContaining("Cannot write the master key store").withMessageContaining("unchanged");

            assertThat(store.currentKeyEncryptionKey().alias()).isEqualTo(first);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            try (var left = Files.list(keys)) {
                assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("master.p12", "filler");
            }
            Files.delete(keys.resolve("filler"));
            String second = store.rotateKeyEncryptionKey().alias();
            assertThat(version(second)).isEqualTo(2);
            assertThat(MasterKeyStore.openOrCreate(file, PASSPHRASE, policy).currentKeyEncryptionKey().alias()).isEqualTo(second);
        }
    }

    /** Issue 21, fault 3: the store was rewritten whole with no previous version kept and no fsync. */
    @Test
    void aSaveKeepsThePreviousVersionWhichStillOpens() throws Exception {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        String first = store.currentKeyEncryptionKey().alias();
        byte[] wrapped = store.currentKeyEncryptionKey().wrap(dataKey());
        String second = store.rotateKeyEncryptionKey().alias();

        Path previous = file().resolveSibling("master.p12.previous");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(previous))).isEqualTo("rw-------");
        MasterKeyStore restored = MasterKeyStore.openOrCreate(previous, PASSPHRASE, policy);
        assertThat(restored.currentKeyEncryptionKey().alias()).isEqualTo(first);
        assertThat(restored.keyEncryptionKey(first).unwrap(wrapped, "AES")).isNotNull();
        assertThat(MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).currentKeyEncryptionKey().alias()).isEqualTo(second);
    }

    @Test
    void temporaryFilesOfAnInterruptedSaveAreRemovedAtOpen() throws Exception {
        MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        Files.write(file().resolveSibling(".master.p12.12345.tmp"), new byte[] {1});
        Files.write(file().resolveSibling(".master.p12.previous.678.tmp"), new byte[] {2});

        MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);

        try (var left = Files.list(file().getParent())) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactly("master.p12");
        }
    }

    @Test
    void wrapAndUnwrapRoundTrip() throws Exception {
        KeyEncryptionKey kek = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).currentKeyEncryptionKey();
        SecretKey dataKey = dataKey();
        byte[] wrapped = kek.wrap(dataKey);
        assertThat(wrapped).hasSize(40).isNotEqualTo(dataKey.getEncoded());
        SecretKey unwrapped = kek.unwrap(wrapped, "AES");
        assertThat(unwrapped.getAlgorithm()).isEqualTo("AES");
        assertThat(unwrapped.getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void anotherKeyEncryptionKeyDoesNotUnwrap() throws Exception {
        KeyEncryptionKey mine = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).currentKeyEncryptionKey();
        KeyEncryptionKey other = MasterKeyStore.openOrCreate(directory.resolve("other.p12"), PASSPHRASE, policy)
                .currentKeyEncryptionKey();
        byte[] wrapped = mine.wrap(dataKey());
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> other.unwrap(wrapped, "AES"));
    }

    @Test
    void alteredWrappedKeysDoNotUnwrap() throws Exception {
        KeyEncryptionKey kek = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).currentKeyEncryptionKey();
        byte[] wrapped = kek.wrap(dataKey());
        wrapped[5] ^= 0x40;
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> kek.unwrap(wrapped, "AES"));
    }

    @Test
    void rotationMakesANewCurrentKeyAndKeepsTheOldOneForUnwrapping() throws Exception {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        KeyEncryptionKey first = store.currentKeyEncryptionKey();
        SecretKey dataKey = dataKey();
        byte[] wrappedByFirst = first.wrap(dataKey);

        KeyEncryptionKey second = store.rotateKeyEncryptionKey();
        assertThat(version(second.alias())).isEqualTo(2);
        assertThat(store.currentKeyEncryptionKey().alias()).isEqualTo(second.alias());
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> second.unwrap(wrappedByFirst, "AES"));

        MasterKeyStore reopened = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        assertThat(reopened.currentKeyEncryptionKey().alias()).isEqualTo(second.alias());
        assertThat(reopened.keyEncryptionKey(first.alias()).unwrap(wrappedByFirst, "AES").getEncoded())
                .isEqualTo(dataKey.getEncoded());
    }

    @Test
    void versionsAreOrderedAsNumbersNotAsText() {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        for (int i = 2; i <= 10; i++) {
            store.rotateKeyEncryptionKey();
        }
        assertThat(version(store.currentKeyEncryptionKey().alias())).isEqualTo(10);
        assertThat(version(store.rotateKeyEncryptionKey().alias())).isEqualTo(11);
    }

    @Test
    void unknownAliasesAreRefused() {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        assertThatIllegalArgumentException().isThrownBy(() -> store.keyEncryptionKey("kek-9"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.keyEncryptionKey("kek-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.keyEncryptionKey("tls-https"));
    }

    @Test
    void aTlsIdentityIsKeptAcrossReopening() {
        MasterKeyStore store = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy);
        String first = store.currentKeyEncryptionKey().alias();
        assertThat(store.tlsIdentity("https")).isEmpty();
        TlsIdentity identity = new SelfSignedCertificateIssuer(policy, random)
                .issue("localhost", List.of("localhost", "127.0.0.1"), Instant.now());
        store.storeTlsIdentity("https", identity);

        Optional<TlsIdentity> read = MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).tlsIdentity("https");
        assertThat(read).hasValueSatisfying(kept -> {
            assertThat(kept.leaf()).isEqualTo(identity.leaf());
            assertThat(kept.chain()).hasSize(1);
            assertThat(kept.privateKey().getEncoded()).isEqualTo(identity.privateKey().getEncoded());
        });
        assertThat(MasterKeyStore.openOrCreate(file(), PASSPHRASE, policy).currentKeyEncryptionKey().alias())
                .as("a TLS identity is not a key-encryption key").isEqualTo(first);
    }
}
