package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;

/**
 * The root and intermediate CA certificates administrators import (R-TLS-3): kept as one PEM file in the data
 * directory, replaced atomically at each change, and added to what the directory, the provider and syslog's TLS
 * clients trust. Every certificate is a CA certificate within the crypto policy and not expired when imported; a
 * certificate is named by the SHA-256 fingerprint of its encoding.
 */
public final class CaTrustStore {
    private final Path file;
    private final CryptoPolicy policy;
    private final Clock clock;
    /** Replaced, never changed, so that trust managers can tell a change by identity. */
    private volatile List<X509Certificate> certificates;

    public CaTrustStore(Path file, CryptoPolicy policy, Clock clock) throws IOException {
        this.file = file;
        this.policy = policy;
        this.clock = clock;
        this.certificates = Files.exists(file) ? List.copyOf(PemFiles.readCertificates(file)) : List.of();
    }

    /** The certificates in import order, an unmodifiable list that a change replaces. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * Imports the certificates of a PEM bundle, each one or refused with its reason; those already in the store are
     * left as they are. Text that holds no certificate is an {@link IllegalArgumentException}.
     */
    public synchronized List<ImportOutcome> importBundle(String pem) throws IOException {
        List<X509Certificate> offered = parse(pem);
        List<X509Certificate> kept = new ArrayList<>(certificates);
        List<ImportOutcome> outcomes = new ArrayList<>();
        for (X509Certificate certificate : offered) {
            String fingerprint = fingerprint(certificate);
            Optional<Refusal> refusal = refusal(certificate);
            if (kept.stream().anyMatch(held -> fingerprint(held).equals(fingerprint))) {
                outcomes.add(new ImportOutcome(certificate, fingerprint, ImportOutcome.Result.DUPLICATE, Optional.empty()));
            } else if (refusal.isPresent()) {
                outcomes.add(new ImportOutcome(certificate, fingerprint, ImportOutcome.Result.REFUSED, refusal));
            } else {
                kept.add(certificate);
                outcomes.add(new ImportOutcome(certificate, fingerprint, ImportOutcome.Result.IMPORTED, Optional.empty()));
            }
        }
        if (kept.size() != certificates.size()) {
            save(kept);
        }
        return outcomes;
    }

    /** Removes the certificate of this fingerprint (hexadecimal, any case, colons allowed), the one removed if any. */
    public synchronized Optional<X509Certificate> delete(String fingerprint) throws IOException {
        String wanted = fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
        Optional<X509Certificate> found = certificates.stream().filter(held -> fingerprint(held).equals(wanted)).findFirst();
        if (found.isPresent()) {
            List<X509Certificate> kept = new ArrayList<>(certificates);
            kept.remove(found.get());
            save(kept);
        }
        return found;
    }

    /** The whole store as one PEM file, which {@link #importBundle} takes back. */
    public String exportPem() {
        return PemFiles.toPem(certificates);
    }

    /** SHA-256 of the certificate's DER encoding, lower-case hexadecimal without separators. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot fingerprint a certificate", e);
        }
    }

    private Optional<Refusal> refusal(X509Certificate certificate) {
        if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
            return Optional.of(new Refusal("expired", "The certificate expired on " + certificate.getNotAfter().toInstant() + "."));
        }
        if (certificate.getBasicConstraints() < 0) {
            return Optional.of(new Refusal("not_a_ca", "Not a CA certificate: its basic constraints do not say CA."));
        }
        try {
            TrustedCertificates.requireTrustable(certificate, policy);
            return Optional.empty();
        } catch (CryptoPolicyViolation e) {
            return Optional.of(new Refusal("crypto_policy", e.getMessage()));
        }
    }

    private static List<X509Certificate> parse(String pem) {
        try {
            List<X509Certificate> parsed = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                parsed.add((X509Certificate) certificate);
            }
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("No PEM certificate in the text.");
            }
            return parsed;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a bundle of PEM certificates.", e);
        }
    }

    private void save(List<X509Certificate> kept) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path next = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(next, PemFiles.toPem(kept), StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(next);
        }
        certificates = List.copyOf(kept);
    }

    /** Why a certificate was not imported: a stable code and a sentence for the administrator. */
    public record Refusal(String code, String message) {
    }

    /** What became of one certificate of a bundle. */
    public record ImportOutcome(X509Certificate certificate, String fingerprint, Result result, Optional<Refusal> refusal) {
        public enum Result { IMPORTED, DUPLICATE, REFUSED }
    }
}
