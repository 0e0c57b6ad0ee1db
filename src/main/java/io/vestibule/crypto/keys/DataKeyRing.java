package io.vestibule.crypto.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.KeyEncryptionKey;
import io.vestibule.crypto.MasterKeyStore;

/**
 * Envelope encryption for values kept in the database: each purpose (room PINs, ...) has a data key, stored
 * wrapped by the current key-encryption key; values are sealed with AES-256-GCM under it.
 *
 * <p>A sealed value is {@code 0x01 || data key id (4 bytes) || nonce || ciphertext || tag}. The header, the
 * purpose and the caller's context are all authenticated, so a value moved to another row, column or purpose
 * does not open. Unwrapped keys are cached in memory for the life of the process.
 */
@ApplicationScoped
public class DataKeyRing {
    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 5;

    private final Map<Integer, SecretKey> unwrapped = new ConcurrentHashMap<>();
    private final Map<String, Integer> activeKeyIds = new ConcurrentHashMap<>();

    private final DataKeyRepository repository;
    private final MasterKeyStore masterKeyStore;
    private final CryptoPolicy policy;
    private final Aead aead;
    private final Clock clock;
    private final DurableCommits durable;

    @Inject
    public DataKeyRing(DataKeyRepository repository, MasterKeyStore masterKeyStore, CryptoPolicy policy, Aead aead, Clock clock,
                       DurableCommits durable) {
        this.repository = repository;
        this.durable = durable;
        this.masterKeyStore = masterKeyStore;
        this.policy = policy;
        this.aead = aead;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected DataKeyRing() {
        this(null, null, null, null, null, null);
    }

    /**
     * At deployment, before anything is sealed or opened: every key-encryption key that wrapped a data key is in the
     * master key store and unwraps that data key. A lost store replaced by a new one (with a first key of its own, under
     * another name) would otherwise make every PIN, signing key and record unreadable while the service says it is ready (issue 21).
     */
    void checkAtDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 10) @Initialized(ApplicationScoped.class) Object started) {
        requireKeyEncryptionKeys();
    }

    /** @throws IllegalStateException naming the missing key and how to restore it */
    public void requireKeyEncryptionKeys() {
        for (DataKey stored : repository.firstOfEachKeyEncryptionKey()) {
            try {
                masterKeyStore.keyEncryptionKey(stored.kekAlias()).unwrap(stored.wrappedKey(), "AES");
            } catch (IllegalArgumentException | Aead.SealBroken wrongOrMissing) {
                throw new IllegalStateException("The master key store (" + masterKeyStore.describe() + ") does not hold the key-encryption key "
                        + stored.kekAlias() + " that wrapped the database's data keys: the store was lost or replaced. Restore "
                        + "keys/master.p12 and keys/master.pass from this installation's backup; nothing was changed");
            }
        }
    }

    /**
     * Retires the active data keys created before {@code cutoff}: what is sealed next under their purposes gets a new
     * data key, wrapped by the current key-encryption key (after a rotation, the new one). Retired keys stay, to open
     * what they sealed; nothing is re-encrypted. Returns the retired keys.
     */
    public List<DataKey> retireActiveCreatedBefore(Instant cutoff) {
        List<DataKey> retired = new ArrayList<>();
        for (DataKey key : repository.active()) {
            if (key.createdAt().isBefore(cutoff)) {
                repository.retire(key.id(), clock.instant());
                activeKeyIds.remove(key.purpose(), key.id());
                retired.add(key);
            }
        }
        return retired;
    }

    /** The data keys in use now, one per purpose at most. */
    public List<DataKey> active() {
        return repository.active();
    }

    public byte[] seal(String purpose, byte[] plaintext, String context) {
        int keyId = activeKeyIds.computeIfAbsent(purpose, this::activeOrNewKeyId);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(FORMAT).putInt(keyId).array();
        byte[] sealed = aead.seal(key(keyId, purpose), plaintext, associatedData(purpose, header, context));
        return ByteBuffer.allocate(HEADER_BYTES + sealed.length).put(header).put(sealed).array();
    }

    /** Opens a sealed value; throws {@link Aead.SealBroken} if it was altered or belongs elsewhere. */
    public byte[] open(String purpose, byte[] sealed, String context) {
        if (sealed.length <= HEADER_BYTES || sealed[0] != FORMAT) {
            throw new Aead.SealBroken("not a sealed value of a known format");
        }
        ByteBuffer buffer = ByteBuffer.wrap(sealed);
        byte[] header = new byte[HEADER_BYTES];
        buffer.get(header);
        int keyId = ByteBuffer.wrap(header, 1, 4).getInt();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return aead.open(key(keyId, purpose), body, associatedData(purpose, header, context));
    }

    private SecretKey key(int keyId, String purpose) {
        return unwrapped.computeIfAbsent(keyId, id -> {
            DataKey stored = repository.find(id).orElseThrow(() -> new Aead.SealBroken("data key " + id + " does not exist"));
            if (!stored.purpose().equals(purpose)) {
                throw new Aead.SealBroken("data key " + id + " belongs to another purpose");
            }
            KeyEncryptionKey kek = masterKeyStore.keyEncryptionKey(stored.kekAlias());
            return kek.unwrap(stored.wrappedKey(), "AES");
        });
    }

    private int activeOrNewKeyId(String purpose) {
        return repository.findActive(purpose).orElseGet(() -> createKey(purpose)).id();
    }

    private DataKey createKey(String purpose) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(policy.aeadKeyBits(), policy.newSecureRandom());
            SecretKey key = generator.generateKey();
            KeyEncryptionKey kek = masterKeyStore.currentKeyEncryptionKey();
            DataKey stored = repository.addCommitted(new DataKey(purpose, kek.alias(), kek.wrap(key), clock.instant()));
            durable.forceToDisk();
            unwrapped.put(stored.id(), key);
            return stored;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK offers no AES key generator", e);
        }
    }

    private static byte[] associatedData(String purpose, byte[] header, String context) {
        byte[] purposeBytes = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(purposeBytes.length + 1 + header.length + 1 + contextBytes.length)
                .put(purposeBytes).put((byte) 0).put(header).put((byte) 0).put(contextBytes)
                .array();
    }
}
