package io.vestibule.cdr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;

import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.cdr.journal.CallJournal;
import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.keys.CdrKeyEncryptionKeysConfiguration;
import io.vestibule.cdr.store.JdbcCallRecordStore;
import io.vestibule.cdr.store.JdbcDayKeyStore;
import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.KeyEncryptionKeys;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.Pkcs11KeyEncryptionKeys;
import io.vestibule.crypto.PrivateFiles;
import io.vestibule.crypto.keys.DataDirectoryPath;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;

/**
 * The service's call records (R-CDR): wires the pipeline at deployment, right after the schema is migrated, keeps
 * the next day's key ready (so a database outage at midnight does not stall recording), runs retention daily, and
 * serves search, view, export and verification to the auditor's API.
 */
@ApplicationScoped
public class CallRecords implements CallRecorder {
    private static final Logger LOG = Logger.getLogger(CallRecords.class.getName());
    private static final String CHECKPOINT_IDENTITY = "cdr-checkpoints";

    @Resource(lookup = "jdbc/vestibule")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Config config;

    @Inject
    DataDirectoryPath dataDirectory;

    @Inject
    MasterKeyStore masterKeyStore;

    @Inject
    CryptoPolicy policy;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    @Inject
    MetricRegistry metrics;

    private CallRecordPipeline pipeline;
    private CallRecordKeys keys;
    private JdbcCallRecordStore store;
    private CallRecordSealer sealer;
    private CallRecordRetention retention;
    private ChainVerifier verifier;
    private CallRecordPipeline.CheckpointKey checkpointKey;
    private BlindIndex index;
    private ScheduledFuture<?> daily;
    private Pkcs11KeyEncryptionKeys tokenKeys;
    private String keyEncryptionKeysDescription;

    void startAtDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 50) @Initialized(ApplicationScoped.class) Object started) {
        KeyEncryptionKeys keks = keyEncryptionKeys();
        keyEncryptionKeysDescription = keks.describe();
        keys = new CallRecordKeys(new JdbcDayKeyStore(dataSource), keks, policy, random, clock);
        keys.requireKeyEncryptionKeys();
        // Today's key is loaded (or made) now, while the database answers: the writer then seals through a database
        // outage that begins after the start, as it does with tomorrow's key, made six hours ahead.
        keys.forDay(CallRecordKeys.dayOf(clock.instant()));
        store = new JdbcCallRecordStore(dataSource);
        HashChain chain = new HashChain(policy);
        index = new BlindIndex(policy);
        sealer = new CallRecordSealer(keys, new Aead(policy, random), index, chain);
        CheckpointSignatures signatures = new CheckpointSignatures(policy);
        checkpointKey = checkpointKey();
        verifier = new ChainVerifier(chain, signatures, keys);
        retention = new CallRecordRetention(keys, store, signatures, checkpointKey, clock,
                config.getOptionalValue("vestibule.cdr.retention-days", Integer.class).orElse(365));
        pipeline = new CallRecordPipeline(sealer, new CallJournal(dataDirectory.resolve("cdr-journal"), 64L << 20), store, signatures,
                checkpointKey, clock, threads, config.getOptionalValue("vestibule.cdr.queue-capacity", Integer.class).orElse(100_000));
        pipeline.start();
        metrics.gauge("vestibule_cdr_backlog", (Supplier<Long>) pipeline::backlog, Supplier::get);
        metrics.gauge("vestibule_cdr_acknowledged", (Supplier<Long>) pipeline::acknowledged, Supplier::get);
        metrics.gauge("vestibule_cdr_lost", (Supplier<Long>) pipeline::lost, Supplier::get);
        daily = scheduler.scheduleWithFixedDelay(this::housekeeping, 0, 6, TimeUnit.HOURS);
        LOG.info(() -> "Call records: key-encryption keys in " + keks.describe() + "; journal in " + dataDirectory.resolve("cdr-journal"));
    }

    @Override
    public void record(CallEvent event) {
        pipeline.record(event);
    }

    @Override
    public void recordDurably(CallEvent event) {
        pipeline.recordDurably(event);
    }

    public List<CallRecordSearch.Found> search(CallRecordSearch.Query query, int limit) {
        return new CallRecordSearch(store, keys, index, sealer).search(query, limit);
    }

    public java.util.Optional<CallRecordSearch.Found> bySequence(long sequence) {
        return new CallRecordSearch(store, keys, index, sealer).bySequence(sequence);
    }

    public ChainVerifier.Report verify() {
        return verifier.verify(store, checkpointKey.publicKey());
    }

    /** The public key that verifies the chain's checkpoints. */
    public PublicKey checkpointPublicKey() {
        return checkpointKey.publicKey();
    }

    /** The highest sequence in the fsynced journal: every record up to it survives a crash. */
    public long acknowledged() {
        return pipeline.acknowledged();
    }

    /** Why call records cannot be written any more (the journal broke); empty while they can. */
    /** Why records cannot be written now (the journal broke, or its writes keep failing); empty while they are. */
    public Optional<String> notWritingBecause() {
        return pipeline == null ? Optional.empty() : pipeline.notWritingBecause();
    }

    /** Events without a record since the start (joins refused among them): the journal broke or stayed full. */
    public long lost() {
        return pipeline == null ? 0 : pipeline.lost();
    }

    /** Joins refused since the start because their record could not be journaled in time. */
    public long refused() {
        return pipeline == null ? 0 : pipeline.refused();
    }

    public long backlog() {
        return pipeline.backlog();
    }

    /** The highest sequence this process stored in the database: records after it up to {@link #acknowledged()} wait in the journal. */
    public long shipped() {
        return pipeline.shipped();
    }

    /**
     * New days' keys are wrapped by a new key-encryption key from now on: the token's, when the keys are in a PKCS#11
     * token; otherwise the master key store's, which its own rotation made current. Returns its alias.
     */
    public String rotateKeyEncryptionKey() {
        return (tokenKeys != null ? tokenKeys.rotate() : masterKeyStore.currentKeyEncryptionKey()).alias();
    }

    public String keyEncryptionKeysDescription() {
        return keyEncryptionKeysDescription;
    }

    @PreDestroy
    void stop() {
        if (daily != null) {
            daily.cancel(false);
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (tokenKeys != null) {
            tokenKeys.close();
        }
    }

    private void housekeeping() {
        try {
            keys.forDay(CallRecordKeys.dayOf(clock.instant().plus(Duration.ofDays(1))));
            CallRecordRetention.Purge purge = retention.purge();
            if (purge.keysDestroyed() > 0 || purge.recordsDeleted() > 0) {
                LOG.info(() -> "Call-record retention: destroyed the keys of " + purge.keysDestroyed() + " days before " + purge.before()
                        + " and deleted " + purge.recordsDeleted() + " records");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Call-record housekeeping failed; it runs again in six hours", e);
        }
    }

    /** The master key store, or the PKCS#11 token that VESTIBULE_CDR_KEK_STORE=pkcs11 names. */
    private KeyEncryptionKeys keyEncryptionKeys() {
        return CdrKeyEncryptionKeysConfiguration.from(config)
                .<KeyEncryptionKeys>map(token -> {
                    Pkcs11KeyEncryptionKeys opened = Pkcs11KeyEncryptionKeys.open(token, policy, random);
                    tokenKeys = opened;
                    return opened;
                })
                .orElse(masterKeyStore);
    }

    /** The checkpoint signing key lives in the master key store; its certificate is published for verifiers. */
    private CallRecordPipeline.CheckpointKey checkpointKey() {
        Instant now = clock.instant();
        TlsIdentity identity = masterKeyStore.tlsIdentity(CHECKPOINT_IDENTITY).orElseGet(() -> {
            TlsIdentity issued = new SelfSignedCertificateIssuer(policy, random).issue("cdr-checkpoints.vestibule.invalid", List.of(), now);
            masterKeyStore.storeTlsIdentity(CHECKPOINT_IDENTITY, issued);
            return issued;
        });
        try {
            PrivateFiles.writeAtomically(dataDirectory.resolve("tls").resolve("cdr-checkpoint-certificate.pem"),
                    PemFiles.toPem(identity.chain()).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CallRecordPipeline.CheckpointKey(identity.privateKey(), identity.leaf().getPublicKey());
    }
}
