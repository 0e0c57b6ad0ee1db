package io.vestibule.audit.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditRecordSink;
import io.vestibule.audit.alarm.Alarm;
import io.vestibule.audit.alarm.Alarms;
import io.vestibule.audit.chain.AuditChainVerifier;
import io.vestibule.audit.chain.AuditCheckpoints;
import io.vestibule.audit.chain.AuditVerifyCommand;
import io.vestibule.audit.chain.IntegrityReport;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.PrivateFiles;
import io.vestibule.crypto.keys.DataDirectoryPath;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;

/**
 * The local audit files (R-AUD-2) as a destination of the audit log: wires {@link ChainedAuditFiles} at deployment in
 * {@code audit/} of the data directory, with the checkpoint key from the master key store, and keeps three alarms:
 * {@code audit.files_unwritten} while events cannot be written (saying how many), {@code audit.disk_space} while the
 * file system's free space is under the threshold, and {@code audit.integrity} after a verification that found
 * something, each cleared when its condition ends.
 */
@ApplicationScoped
public class LocalAuditFiles implements AuditRecordSink {
    private static final Logger LOG = Logger.getLogger(LocalAuditFiles.class.getName());
    private static final String CHECKPOINT_IDENTITY = "audit-checkpoints";
    private static final long MIB = 1024 * 1024;
    /** Each round raises, updates or clears the unwritten alarm once; its audit event rarely needs a second, never a third. */
    private static final int MOST_ALARM_ROUNDS = 3;

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
    Alarms alarms;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ChainedAuditFiles files;
    private ChainedAuditFiles.CheckpointKey key;
    private long freeSpaceAlarmBytes;
    private ScheduledFuture<?> freeSpaceChecks;
    private Optional<Alarm> unwrittenAlarm = Optional.empty();
    private long unwrittenAlarmCount;
    /** Set while this thread changes alarms, whose own audit events come back to {@link #append}; guarded by this. */
    private boolean changingAlarms;
    private Optional<Alarm> diskAlarm = Optional.empty();
    private Optional<Alarm> integrityAlarm = Optional.empty();

    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ChainedAuditFiles opened = files();
        try {
            opened.open();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The audit files in " + opened.directory() + " cannot be opened; each event will try again: " + e.getMessage(), e);
        }
        metrics.gauge("vestibule_audit_files_unwritten", (Supplier<Long>) opened::unwrittenSinceStart, Supplier::get);
        freeSpaceChecks = scheduler.scheduleWithFixedDelay(this::checkFreeSpace, 0, 1, TimeUnit.MINUTES);
        LOG.info(() -> "Audit files in " + opened.directory() + ", checkpoints signed by key " + opened.keyFingerprint());
    }

    @Override
    public void append(AuditEvent event) {
        ChainedAuditFiles chain;
        try {
            chain = files();
        } catch (RuntimeException e) {
            // Only the master key store or the audit directory refusing us gets here; the event is in the database and the log.
            LOG.log(Level.SEVERE, "Audit event " + event.id() + " not written to the audit files: " + e.getMessage(), e);
            return;
        }
        boolean written = chain.append(event);
        synchronized (this) {
            if (changingAlarms) {
                // This is the audit event of an alarm changed below, on this thread: the next round there sees how it went.
                return;
            }
            followAlarms(chain, !written);
        }
    }

    /** Brings the unwritten and (when asked) disk-space alarms in line with the files; guarded by this. */
    private void followAlarms(ChainedAuditFiles chain, boolean checkSpace) {
        changingAlarms = true;
        try {
            if (checkSpace) {
                followFreeSpace(chain.directory());
            }
            for (int round = 0; round < MOST_ALARM_ROUNDS && unwrittenAlarmBehind(chain); round++) {
                followUnwritten(chain);
            }
        } finally {
            changingAlarms = false;
        }
    }

    private boolean unwrittenAlarmBehind(ChainedAuditFiles chain) {
        return (chain.unwritten() > 0) != unwrittenAlarm.isPresent() || chain.unwritten() != unwrittenAlarmCount;
    }

    /**
     * Brings {@code audit.files_unwritten} in line with the files: one alarm while they refuse events, its count kept
     * current, cleared once one is written. Raising or clearing it records an audit event that the files may refuse or
     * take in turn, which the caller's next round sees; a new alarm per refused event would never end.
     */
    private void followUnwritten(ChainedAuditFiles chain) {
        long unwritten = chain.unwritten();
        unwrittenAlarmCount = unwritten;
        if (unwritten == 0) {
            Optional<Alarm> ended = unwrittenAlarm;
            unwrittenAlarm = Optional.empty();
            ended.ifPresent(alarm -> {
                LOG.warning(() -> "Audit files are written again; the first record written says how many were lost before it");
                alarms.clear(alarm.id());
            });
        } else if (unwrittenAlarm.isPresent()) {
            alarms.update(unwrittenAlarm.get().id(), unwrittenDetail(chain, unwritten));
        } else {
            unwrittenAlarm = Optional.of(alarms.raise("audit.files_unwritten", chain.directory().toString(), unwrittenDetail(chain, unwritten),
                    Optional.empty()));
        }
    }

    private static String unwrittenDetail(ChainedAuditFiles chain, long unwritten) {
        return unwritten + " audit events could not be written to the audit files (" + chain.lastFailure().orElse("unknown failure")
                + "); they are in the database and the service log. The next event written will say how many. "
                + "See docs/admin-guide.md, \"Audit files\"";
    }

    /** Verifies the audit files with the service's own checkpoint key; a finding raises {@code audit.integrity}. */
    public IntegrityReport verify() throws IOException {
        ChainedAuditFiles chain = files();
        IntegrityReport report = new AuditChainVerifier(policy, Map.of(chain.keyFingerprint(), key.publicKey())).verify(chain.directory());
        synchronized (this) {
            if (report.intact()) {
                integrityAlarm.ifPresent(alarm -> alarms.clear(alarm.id()));
                integrityAlarm = Optional.empty();
            } else {
                integrityAlarm.ifPresent(alarm -> alarms.clear(alarm.id()));
                integrityAlarm = Optional.of(alarms.raise("audit.integrity", chain.directory().toString(), "Verifying the audit files found "
                        + report.findings().size() + " deleted, altered, inserted or reordered records; the first: " + report.findings().get(0),
                        Optional.empty()));
            }
        }
        return report;
    }

    public String keyFingerprint() {
        return files().keyFingerprint();
    }

    /** The public key that verifies the checkpoints this service signs, for the crypto policy report. */
    public PublicKey checkpointPublicKey() {
        files();
        return key.publicKey();
    }

    @PreDestroy
    void stop() {
        if (freeSpaceChecks != null) {
            freeSpaceChecks.cancel(false);
        }
        if (files != null) {
            try {
                files.close();
            } catch (IOException e) {
                LOG.warning(() -> "The current audit file could not be closed with its checkpoint (" + e.getMessage()
                        + "); the next start closes it");
            }
        }
    }

    synchronized void checkFreeSpace() {
        if (!changingAlarms) {
            followAlarms(files(), true);
        }
    }

    private void followFreeSpace(Path directory) {
        long usable;
        try {
            usable = Files.getFileStore(Files.exists(directory) ? directory : directory.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException e) {
            return;
        }
        if (usable >= freeSpaceAlarmBytes) {
            diskAlarm.ifPresent(alarm -> alarms.clear(alarm.id()));
            diskAlarm = Optional.empty();
        } else if (diskAlarm.isEmpty()) {
            diskAlarm = Optional.of(alarms.raise("audit.disk_space", directory.toString(), size(usable) + " free for the audit files, under the "
                    + size(freeSpaceAlarmBytes) + " of VESTIBULE_AUDIT_FILES_FREE_SPACE_ALARM_BYTES; when the disk is full, audit events are "
                    + "counted as unwritten until space is freed", Optional.empty()));
        }
    }

    private static String size(long bytes) {
        return bytes >= MIB ? bytes / MIB + " MiB" : bytes / 1024 + " KiB";
    }

    private synchronized ChainedAuditFiles files() {
        if (files == null) {
            Path directory = dataDirectory.resolve("audit");
            AuditFileLimits limits = new AuditFileLimits(
                    config.getOptionalValue("vestibule.audit.files.rotate-bytes", Long.class).orElse(AuditFileLimits.PRODUCT.rotateBytes()),
                    config.getOptionalValue("vestibule.audit.files.keep-bytes", Long.class).orElse(AuditFileLimits.PRODUCT.keepBytes()));
            freeSpaceAlarmBytes = config.getOptionalValue("vestibule.audit.files.free-space-alarm-bytes", Long.class).orElse(512 * MIB);
            key = checkpointKey(directory);
            files = new ChainedAuditFiles(directory, limits, key, policy, clock, ChainedAuditFiles::openForAppending);
        }
        return files;
    }

    /**
     * The checkpoint key lives in the master key store; its certificate is added to {@code checkpoint-certificates.pem}
     * beside the files (earlier keys' certificates stay), which the offline verifier reads unless given others.
     */
    private ChainedAuditFiles.CheckpointKey checkpointKey(Path directory) {
        TlsIdentity identity = masterKeyStore.tlsIdentity(CHECKPOINT_IDENTITY).orElseGet(() -> {
            TlsIdentity issued = new SelfSignedCertificateIssuer(policy, random).issue("audit-checkpoints.vestibule.invalid", List.of(), clock.instant());
            masterKeyStore.storeTlsIdentity(CHECKPOINT_IDENTITY, issued);
            return issued;
        });
        try {
            PrivateFiles.directory(directory);
            Path published = directory.resolve(AuditVerifyCommand.CERTIFICATES);
            List<X509Certificate> certificates = new ArrayList<>(Files.exists(published) ? PemFiles.readCertificates(published) : List.of());
            String fingerprint = AuditCheckpoints.fingerprint(identity.leaf().getPublicKey());
            if (certificates.stream().noneMatch(known -> AuditCheckpoints.fingerprint(known.getPublicKey()).equals(fingerprint))) {
                certificates.add(identity.leaf());
                PrivateFiles.writeAtomically(published, PemFiles.toPem(certificates).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish the audit checkpoint certificate in " + directory, e);
        }
        return new ChainedAuditFiles.CheckpointKey(identity.privateKey(), identity.leaf().getPublicKey());
    }
}
