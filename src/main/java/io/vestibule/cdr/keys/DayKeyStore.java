package io.vestibule.cdr.keys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where the days' wrapped data keys are kept. */
public interface DayKeyStore {
    Optional<StoredDayKey> forDay(LocalDate day);

    Optional<StoredDayKey> byId(int id);

    /** Adds the day's key; when another writer added one first, returns that one instead. */
    StoredDayKey add(LocalDate day, String kekAlias, byte[] wrapped, Instant now);

    /** For each key-encryption key that wrapped a key not destroyed yet, the first such key. */
    List<StoredDayKey> firstLiveOfEachKeyEncryptionKey();

    /** The id of every key ever added, destroyed ones included. */
    Set<Integer> ids();

    /** Puts back a key the journal holds under its own id; the id sequence moves past it. Durable when this returns. */
    void restore(StoredDayKey key);

    /** Keys of days before {@code day} that are not destroyed yet. */
    List<StoredDayKey> liveBefore(LocalDate day);

    /** Forgets the wrapped key for good (crypto-shredding): what it sealed can never be opened again. */
    void destroy(int id, Instant now);
}
