package io.vestibule.crypto.keys;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** Envelope encryption's data keys: retired by age or at a key-encryption-key rotation, old values still open (issue 21). */
class DataKeyRingTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path directory;

    private final TestClock clock = new TestClock(START);
    private final InMemoryDataKeys repository = new InMemoryDataKeys();
    private DataKeyRing ring(MasterKeyStore store) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + directory.resolve("database") + ";WRITE_DELAY=0");
        return new DataKeyRing(repository, store, POLICY, new Aead(POLICY, POLICY.newSecureRandom()), clock, new DurableCommits(database));
    }

    @Test
    void aRotationRetiresTheKeysInUseSoNewValuesAreUnderTheNewKeyEncryptionKeyAndOldOnesStillOpen() {
        MasterKeyStore store = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                new MasterPassphrase("a passphrase for the test".toCharArray(), false), POLICY);
        DataKeyRing ring = ring(store);
        byte[] before = ring.seal("room-pins", bytes("48291736"), "room-1");

        String rotated = store.rotateKeyEncryptionKey().alias();
        List<DataKey> retired = ring.retireActiveCreatedBefore(clock.instant().plusSeconds(1));
        byte[] after = ring.seal("room-pins", bytes("95027314"), "room-2");

        assertThat(retired).extracting(DataKey::purpose).containsExactly("room-pins");
        assertThat(repository.active()).singleElement().satisfies(key -> assertThat(key.kekAlias()).isEqualTo(rotated));
        assertThat(keyId(after)).isNotEqualTo(keyId(before));
        assertThat(new String(ring.open("room-pins", before, "room-1"), StandardCharsets.UTF_8)).isEqualTo("48291736");
        assertThat(new String(ring.open("room-pins", after, "room-2"), StandardCharsets.UTF_8)).isEqualTo("95027314");
    }

    @Test
    void onlyKeysOlderThanTheCutoffAreRetired() {
        MasterKeyStore store = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                new MasterPassphrase("a passphrase for the test".toCharArray(), false), POLICY);
        DataKeyRing ring = ring(store);
        ring.seal("room-pins", bytes("1"), "a");
        clock.advance(Duration.ofDays(200));
        ring.seal("signing-keys", bytes("2"), "b");
        clock.advance(Duration.ofDays(200));

        List<DataKey> retired = ring.retireActiveCreatedBefore(clock.instant().minus(Duration.ofDays(365)));

        assertThat(retired).extracting(DataKey::purpose).containsExactly("room-pins");
        assertThat(repository.active()).extracting(DataKey::purpose).containsExactly("signing-keys");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int keyId(byte[] sealed) {
        return java.nio.ByteBuffer.wrap(sealed, 1, 4).getInt();
    }

    /** Data keys in a list, numbered as the database's sequence would. */
    private static final class InMemoryDataKeys implements DataKeyRepository {
        private final List<DataKey> keys = new ArrayList<>();

        @Override
        public Optional<DataKey> find(int id) {
            return keys.stream().filter(key -> key.id() == id).findFirst();
        }

        @Override
        public Optional<DataKey> findActive(String purpose) {
            return keys.stream().filter(key -> key.purpose().equals(purpose) && !key.retired()).reduce((first, second) -> second);
        }

        @Override
        public List<DataKey> active() {
            return keys.stream().filter(key -> !key.retired()).toList();
        }

        @Override
        public void retire(int id, Instant at) {
            find(id).ifPresent(key -> key.retire(at));
        }

        @Override
        public DataKey addCommitted(DataKey key) {
            try {
                Field id = DataKey.class.getDeclaredField("id");
                id.setAccessible(true);
                id.set(key, keys.size() + 1);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            keys.add(key);
            return key;
        }

        @Override
        public List<DataKey> firstOfEachKeyEncryptionKey() {
            return List.of();
        }
    }
}
