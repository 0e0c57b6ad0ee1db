package io.vestibule.cdr.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.KeyEncryptionKey;
import io.vestibule.crypto.KeyEncryptionKeys;

/**
 * Call records' envelope keys (R-CDR-3, R-CDR-6): one AES-256 data key per UTC day, wrapped by the current
 * key-encryption key, and from it the day's blind-index key. A key-encryption key rotation wraps new days' keys and
 * leaves old records as they are. Destroying a day's key (retention) makes that day's records and indexes
 * unreadable for good, whatever copies of them exist.
 */
public final class CallRecordKeys {
    private static final Logger LOG = Logger.getLogger(CallRecordKeys.class.getName());
    private static final byte[] INDEX_KEY_LABEL = "vestibule call-record blind index".getBytes(StandardCharsets.US_ASCII);

    /** A day's keys, unwrapped. */
    public record DayKey(int id, LocalDate day, SecretKey dataKey, SecretKey indexKey) {
        @Override
        public String toString() {
            return "DayKey[" + id + ", " + day + "]";
        }
    }

    private final DayKeyStore store;
    private final KeyEncryptionKeys keks;
    private final CryptoPolicy policy;
    private final SecureRandom random;
    private final Clock clock;
    private final Map<Integer, DayKey> unwrapped = new ConcurrentHashMap<>();
    private final Map<LocalDate, Integer> byDay = new ConcurrentHashMap<>();
    /** The stored (wrapped) form of keys used since the start, for the journal's day-key frames. */
    private final Map<Integer, StoredDayKey> storedById = new ConcurrentHashMap<>();

    public CallRecordKeys(DayKeyStore store, KeyEncryptionKeys keks, CryptoPolicy policy, SecureRandom random, Clock clock) {
        this.store = store;
        this.keks = keks;
        this.policy = policy;
        this.random = random;
        this.clock = clock;
    }

    public static LocalDate dayOf(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * At start, before anything is sealed: each key-encryption key that wrapped a day key still held is there and
     * unwraps it. An emptied, lost or replaced token or key store would otherwise be given a new first key, and every
     * record sealed before would become unreadable while the service said it was ready (issue 21).
     *
     * @throws IllegalStateException naming the missing key, where it was looked for and how to restore it
     */
    public void requireKeyEncryptionKeys() {
        for (StoredDayKey stored : store.firstLiveOfEachKeyEncryptionKey()) {
            try {
                keks.byAlias(stored.kekAlias()).unwrap(stored.wrapped().orElseThrow(), "AES");
            } catch (Aead.SealBroken | IllegalStateException missingOrWrong) {
                throw new IllegalStateException("The call records' key-encryption key " + stored.kekAlias() + " is not in " + keks.describe()
                        + " or does not unwrap their day keys: the token or key store was emptied, lost or replaced. Restore it from "
                        + "this installation's backup (for a token, the HSM's backup of its keys); nothing was changed");
            }
        }
    }

    /** The day's keys, made and stored when the day has none yet. */
    public DayKey forDay(LocalDate day) {
        Integer known = byDay.get(day);
        if (known != null) {
            DayKey cached = unwrapped.get(known);
            if (cached != null) {
                return cached;
            }
        }
        StoredDayKey stored = store.forDay(day).orElseGet(() -> create(day));
        if (stored.destroyed()) {
            throw new Aead.SealBroken("the call-record key of " + day + " has been destroyed");
        }
        DayKey key = cachedOrUnwrapped(stored);
        byDay.put(day, key.id());
        return key;
    }

    /** The keys of an existing day, for searching; empty when the day has none or they were destroyed. */
    public Optional<DayKey> existingForDay(LocalDate day) {
        return store.forDay(day).filter(stored -> !stored.destroyed()).map(this::cachedOrUnwrapped);
    }

    /** The keys that sealed a record; empty when they were destroyed. */
    public Optional<DayKey> byId(int id) {
        DayKey cached = unwrapped.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.byId(id).filter(stored -> !stored.destroyed()).map(this::cachedOrUnwrapped);
    }

    /**
     * The id of every day key the database holds, destroyed ones included: a record sealed under any other id lost its
     * key to something else than retention.
     */
    public Set<Integer> everMade() {
        return store.ids();
    }

    /** Destroys the keys of every day before {@code cutoff}; returns how many days' keys went. */
    public int destroyBefore(LocalDate cutoff) {
        int destroyed = 0;
        for (StoredDayKey stored : store.liveBefore(cutoff)) {
            store.destroy(stored.id(), clock.instant());
            unwrapped.remove(stored.id());
            byDay.remove(stored.day());
            destroyed++;
        }
        return destroyed;
    }

    private DayKey cachedOrUnwrapped(StoredDayKey stored) {
        storedById.putIfAbsent(stored.id(), stored);
        return unwrapped.computeIfAbsent(stored.id(), id -> unwrap(stored));
    }

    /** A key as stored (wrapped, never in clear): what the journal keeps ahead of the records sealed with it. */
    public StoredDayKey stored(int id) {
        StoredDayKey known = storedById.get(id);
        return known != null ? known : store.byId(id).orElseThrow(() -> new Aead.SealBroken("no call-record day key " + id));
    }

    /**
     * Puts back the day keys the journal holds and the database lacks (its row lost with a damaged or rolled-back
     * database), so the records sealed with them open again. A key the database holds differently is left alone and
     * reported: verify then names the records it cannot account for. Returns the keys put back.
     */
    public List<StoredDayKey> restoreMissing(Collection<StoredDayKey> journaled) {
        List<StoredDayKey> restored = new ArrayList<>();
        for (StoredDayKey key : journaled) {
            Optional<StoredDayKey> inDatabase = store.byId(key.id());
            if (inDatabase.isEmpty()) {
                store.restore(key);
                restored.add(key);
                LOG.warning(() -> "The database had lost the call-record key of " + key.day() + " (#" + key.id()
                        + "); it was put back from the journal");
            } else if (!inDatabase.get().destroyed() && !Arrays.equals(inDatabase.get().wrapped().orElseThrow(), key.wrapped().orElseThrow())) {
                LOG.severe(() -> "The database holds another call-record key #" + key.id() + " than the journal; it was left as it is");
            }
        }
        return restored;
    }

    private StoredDayKey create(LocalDate day) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(policy.aeadKeyBits(), random);
            SecretKey key = generator.generateKey();
            KeyEncryptionKey kek = keks.current();
            return store.add(day, kek.alias(), kek.wrap(key), clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a call-record data key", e);
        }
    }

    private DayKey unwrap(StoredDayKey stored) {
        SecretKey dataKey = keks.byAlias(stored.kekAlias()).unwrap(stored.wrapped().orElseThrow(), "AES");
        return new DayKey(stored.id(), stored.day(), dataKey, indexKey(dataKey));
    }

    /** The index key is derived from the data key (HMAC as a PRF), so one wrapped key serves both. */
    private SecretKey indexKey(SecretKey dataKey) {
        try {
            Mac mac = Mac.getInstance(policy.blindIndexMacAlgorithm());
            mac.init(new SecretKeySpec(dataKey.getEncoded(), policy.blindIndexMacAlgorithm()));
            return new SecretKeySpec(mac.doFinal(INDEX_KEY_LABEL), policy.blindIndexMacAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive a blind-index key", e);
        }
    }
}
