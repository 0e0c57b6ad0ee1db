package io.vestibule.cdr;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import io.vestibule.cdr.journal.CallJournal;
import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.store.JdbcCallRecordStore;
import io.vestibule.cdr.store.JdbcDayKeyStore;
import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.KeyEncryptionKeys;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;

/**
 * The call-record parts wired as the service wires them, on a private in-memory H2 database (PostgreSQL mode, the
 * service's migrations) and a journal in a temporary directory.
 */
public final class CallRecordsFixture {
    public static final CryptoPolicy POLICY = CryptoPolicy.standard();
    public static final SecureRandom RANDOM = POLICY.newSecureRandom();

    public final DataSource dataSource;
    public final KeyEncryptionKeys keks;
    public final CallRecordKeys keys;
    public final JdbcCallRecordStore store;
    public final HashChain chain = new HashChain(POLICY);
    public final BlindIndex index = new BlindIndex(POLICY);
    public final CallRecordSealer sealer;
    public final CheckpointSignatures signatures = new CheckpointSignatures(POLICY);
    public final CallRecordPipeline.CheckpointKey checkpointKey;
    public final Path journalDirectory;
    public final Clock clock;

    public CallRecordsFixture(Path directory, Clock clock) {
        this(directory, clock, database(), MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                MasterPassphrase.resolve(java.util.Optional.of("fixture-passphrase"), directory.resolve("passphrase"), directory.resolve("master.p12"), RANDOM), POLICY));
    }

    public CallRecordsFixture(Path directory, Clock clock, DataSource dataSource, KeyEncryptionKeys keks) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.keks = keks;
        this.keys = new CallRecordKeys(new JdbcDayKeyStore(dataSource), keks, POLICY, RANDOM, clock);
        this.store = new JdbcCallRecordStore(dataSource);
        this.sealer = new CallRecordSealer(keys, new Aead(POLICY, RANDOM), index, chain);
        this.checkpointKey = checkpointKey();
        this.journalDirectory = directory.resolve("journal");
    }

    public CallRecordPipeline pipeline() {
        return pipeline(new CallJournal(journalDirectory, 1 << 20));
    }

    public CallRecordPipeline pipeline(CallJournal journal) {
        return pipeline(journal, 10_000);
    }

    public CallRecordPipeline pipeline(CallJournal journal, int queueCapacity) {
        return new CallRecordPipeline(sealer, journal, store, signatures, checkpointKey, clock, Executors.defaultThreadFactory(), queueCapacity);
    }

    /** A pipeline whose shipper holds at most {@code windowRecords} records in memory, in small journal segments. */
    public CallRecordPipeline pipelineWithWindow(int windowRecords) {
        return new CallRecordPipeline(sealer, new CallJournal(journalDirectory, 32 << 10), store, signatures, checkpointKey, clock,
                Executors.defaultThreadFactory(), 10_000, windowRecords);
    }

    public ChainVerifier verifier() {
        return new ChainVerifier(chain, signatures, keys);
    }

    public CallRecordSearch search() {
        return new CallRecordSearch(store, keys, index, sealer);
    }

    public static DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:cdr-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }

    private static CallRecordPipeline.CheckpointKey checkpointKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            return new CallRecordPipeline.CheckpointKey(pair.getPrivate(), pair.getPublic());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
