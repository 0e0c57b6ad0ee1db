package io.vestibule.bench;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import io.vestibule.cdr.BlindIndex;
import io.vestibule.cdr.CallRecordPipeline;
import io.vestibule.cdr.CallRecordSealer;
import io.vestibule.cdr.CallRecordSearch;
import io.vestibule.cdr.CheckpointSignatures;
import io.vestibule.cdr.HashChain;
import io.vestibule.cdr.UnencryptedCallRecords;
import io.vestibule.cdr.journal.CallJournal;
import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.store.JdbcCallRecordStore;
import io.vestibule.cdr.store.JdbcDayKeyStore;
import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;

/**
 * The call-record parts wired as {@code CallRecords} wires them in the service (the shared per-thread random, the
 * master key store as key-encryption keys, 64 MiB journal segments, a queue of 100,000 events), on a given database
 * and directory; optionally with the unencrypted baseline's sealer.
 */
final class CallRecordRig {
    static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final long SEGMENT_BYTES = 64L << 20;
    private static final int QUEUE_CAPACITY = 100_000;

    final Clock clock = Clock.systemUTC();
    final SecureRandom random = POLICY.sharedSecureRandom();
    final CallRecordKeys keys;
    final JdbcCallRecordStore store;
    final BlindIndex index = new BlindIndex(POLICY);
    final HashChain chain = new HashChain(POLICY);
    final CallRecordSealer sealer;
    final CheckpointSignatures signatures = new CheckpointSignatures(POLICY);
    final CallRecordPipeline.CheckpointKey checkpointKey;
    final boolean encrypted;
    private final Path directory;

    CallRecordRig(Path directory, DataSource dataSource, boolean encrypted) {
        this.directory = directory;
        this.encrypted = encrypted;
        MasterKeyStore masterKeys = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                MasterPassphrase.resolve(Optional.of("benchmark-passphrase"), directory.resolve("passphrase"), directory.resolve("master.p12"), random), POLICY);
        this.keys = new CallRecordKeys(new JdbcDayKeyStore(dataSource), masterKeys, POLICY, random, clock);
        this.store = new JdbcCallRecordStore(dataSource);
        this.sealer = encrypted
                ? new CallRecordSealer(keys, new Aead(POLICY, random), index, chain)
                : UnencryptedCallRecords.sealer(keys, index, chain);
        this.checkpointKey = checkpointKey(random);
    }

    CallRecordPipeline pipeline() {
        return new CallRecordPipeline(sealer, new CallJournal(journalDirectory(), SEGMENT_BYTES), store, signatures, checkpointKey, clock,
                Executors.defaultThreadFactory(), QUEUE_CAPACITY);
    }

    Path journalDirectory() {
        return directory.resolve("cdr-journal");
    }

    CallRecordSearch search() {
        return new CallRecordSearch(store, keys, index, sealer);
    }

    private static CallRecordPipeline.CheckpointKey checkpointKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            return new CallRecordPipeline.CheckpointKey(pair.getPrivate(), pair.getPublic());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
