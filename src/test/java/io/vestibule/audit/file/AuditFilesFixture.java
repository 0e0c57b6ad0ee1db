package io.vestibule.audit.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.chain.AuditChainVerifier;
import io.vestibule.audit.chain.AuditCheckpoints;
import io.vestibule.audit.chain.AuditFileNames;
import io.vestibule.audit.chain.AuditVerifyCommand;
import io.vestibule.audit.chain.IntegrityReport;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.testing.TestClock;

/** Audit files written with small limits in a test's directory, with a checkpoint key of their own, and ways to damage them. */
public final class AuditFilesFixture {
    public static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final KeyPair KEY = keyPair();

    public final Path directory;
    public final TestClock clock = new TestClock(Instant.parse("2026-12-05T10:00:00Z"));
    private long nextId = 1;

    private final KeyPair key;
    private final List<X509Certificate> certificate;

    public AuditFilesFixture(Path directory) {
        this(directory, KEY, List.of());
    }

    private AuditFilesFixture(Path directory, KeyPair key, List<X509Certificate> certificate) {
        this.directory = directory;
        this.key = key;
        this.certificate = certificate;
    }

    /** With a checkpoint key that has a certificate, as the service's has (issuing one loads Bouncy Castle: only where needed). */
    public static AuditFilesFixture withCertificate(Path directory) {
        TlsIdentity identity = new SelfSignedCertificateIssuer(POLICY, new SecureRandom())
                .issue("audit-checkpoints.test.invalid", List.of(), Instant.parse("2026-12-01T00:00:00Z"));
        return new AuditFilesFixture(directory, new KeyPair(identity.leaf().getPublicKey(), identity.privateKey()), identity.chain());
    }

    public ChainedAuditFiles.CheckpointKey key() {
        return new ChainedAuditFiles.CheckpointKey(key.getPrivate(), key.getPublic());
    }

    public ChainedAuditFiles writer(AuditFileLimits limits, ChainedAuditFiles.FileOpener opener) {
        return new ChainedAuditFiles(directory, limits, key(), POLICY, clock, opener);
    }

    public ChainedAuditFiles writer(AuditFileLimits limits) {
        return writer(limits, ChainedAuditFiles::openForAppending);
    }

    public AuditEvent event() {
        long id = nextId++;
        clock.advance(java.time.Duration.ofSeconds(1));
        return new AuditEvent(id, clock.instant(), "admin.settings.change", "dave", "127.0.0.1", AuditEvent.Outcome.SUCCESS,
                "banner \"before\" -> \"after " + id + "\"");
    }

    /** Writes {@code events} events through a writer that is then closed cleanly. */
    public void writeClosed(AuditFileLimits limits, int events) {
        try (ChainedAuditFiles files = writer(limits)) {
            files.open();
            for (int i = 0; i < events; i++) {
                if (!files.append(event())) {
                    throw new IllegalStateException("not written: " + files.lastFailure());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public IntegrityReport verify() {
        try {
            return new AuditChainVerifier(POLICY, Map.of(AuditCheckpoints.fingerprint(key.getPublic()), key.getPublic()))
                    .verify(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkpoint key's certificate beside the files, as the service publishes it. */
    public void publishCertificate() throws IOException {
        Files.writeString(directory.resolve(AuditVerifyCommand.CERTIFICATES), PemFiles.toPem(certificate));
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(POLICY.certificateCurve());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Path> files() {
        try {
            return AuditFileNames.list(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void rewrite(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
