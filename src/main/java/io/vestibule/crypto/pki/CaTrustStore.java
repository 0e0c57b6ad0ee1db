package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;

/**
 * The root and intermediate CA certificates administrators import (R-TLS-3): kept as one PEM file in the data
 * directory, replaced atomically at each change, and added to what the directory, the provider and syslog's TLS
 * clients trust. Every certificate is a CA certificate within the crypto policy and not expired when imported; a
 * certificate is named by the SHA-256 fingerprint of its encoding.
 *
 * <p>The store also keeps CRLs of its CAs (a second PEM file beside the first, {@code trust-store-crls.pem}), which the
 * revocation check of administrators' client certificates reads before it asks any network source. A CRL is taken only
 * when a CA of the store signed it with a signature the policy accepts, it names a nextUpdate that has not passed and
 * it is not a delta CRL (nor has a critical extension the JDK does not know); at most one CRL per CA is kept, the newest. Deleting a CA deletes the CRLs only it signed.
 */
public final class CaTrustStore {
    private static final Pattern PEM_CRL = Pattern.compile("-----BEGIN X509 CRL-----([A-Za-z0-9+/=\\s]*)-----END X509 CRL-----");

    private final Path file;
    private final Path crlFile;
    private final CryptoPolicy policy;
    private final Clock clock;
    /** Replaced, never changed, so that trust managers can tell a change by identity. */
    private volatile List<X509Certificate> certificates;
    /** Replaced, never changed, like {@link #certificates}. */
    private volatile List<X509CRL> crls;

    public CaTrustStore(Path file, CryptoPolicy policy, Clock clock) throws IOException {
        this.file = file;
        this.crlFile = crlFileBeside(file);
        this.policy = policy;
        this.clock = clock;
        this.certificates = Files.exists(file) ? List.copyOf(PemFiles.readCertificates(file)) : List.of();
        this.crls = Files.exists(crlFile) ? readCrls(crlFile) : List.of();
    }

    /** {@code trust-store.pem} keeps its CRLs in {@code trust-store-crls.pem}. */
    static Path crlFileBeside(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".pem") ? name.substring(0, name.length() - ".pem".length()) : name;
        return file.resolveSibling(stem + "-crls.pem");
    }

    /** The certificates in import order, an unmodifiable list that a change replaces. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The CRLs in import order, an unmodifiable list that a change replaces; stale ones stay until replaced or deleted. */
    public List<X509CRL> crls() {
        return crls;
    }

    /**
     * Imports the certificates of a PEM bundle, each one or refused with its reason; those already in the store are
     * left as they are. Text that holds no certificate is an {@link IllegalArgumentException}.
     */
    public synchronized List<ImportOutcome> importBundle(String pem) throws IOException {
        String withoutCrls = PEM_CRL.matcher(pem).replaceAll("");
        return importCertificates(parse(withoutCrls));
    }

    /**
     * Imports a PEM bundle of certificates and CRLs ("X509 CRL" blocks): first its certificates, then its CRLs, so that a
     * CRL may come with the CA that signed it. Text that holds neither is an {@link IllegalArgumentException}.
     */
    public synchronized BundleOutcome importCertificatesAndCrls(String pem) throws IOException {
        List<X509CRL> offeredCrls = parseCrls(pem);
        String withoutCrls = PEM_CRL.matcher(pem).replaceAll("");
        List<ImportOutcome> certificateOutcomes = offeredCrls.isEmpty() || withoutCrls.contains("-----BEGIN")
                ? importCertificates(parse(withoutCrls)) : List.of();
        return new BundleOutcome(certificateOutcomes, importCrls(offeredCrls, false));
    }

    /**
     * Imports the CRLs of PEM text, all or none: when one is refused, none is taken and the outcomes say which and why.
     * Text that holds no CRL is an {@link IllegalArgumentException}.
     */
    public synchronized List<CrlOutcome> importCrls(String pem) throws IOException {
        List<X509CRL> offered = parseCrls(pem);
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("No PEM CRL in the text.");
        }
        return importCrls(offered, true);
    }

    /** Removes the CRL of this fingerprint (SHA-256 of its encoding, as {@link #fingerprint}), the one removed if any. */
    public synchronized Optional<X509CRL> deleteCrl(String fingerprint) throws IOException {
        String wanted = fingerprint.replace(":", "").toLowerCase(Locale.ROOT);
        Optional<X509CRL> found = crls.stream().filter(held -> fingerprint(held).equals(wanted)).findFirst();
        if (found.isPresent()) {
            List<X509CRL> kept = new ArrayList<>(crls);
            kept.remove(found.get());
            saveCrls(kept);
        }
        return found;
    }

    /** Whether this CRL's nextUpdate has passed: a stale CRL says nothing, and revocation checks treat it as absent. */
    public boolean stale(X509CRL crl) {
        return crl.getNextUpdate() == null || !clock.instant().isBefore(crl.getNextUpdate().toInstant());
    }

    /** The CA of the store whose key signed this CRL, if one did. */
    public Optional<X509Certificate> issuerOf(X509CRL crl) {
        return issuerAmong(crl, certificates);
    }

    private List<CrlOutcome> importCrls(List<X509CRL> offered, boolean allOrNone) throws IOException {
        List<X509CRL> kept = new ArrayList<>(crls);
        List<CrlOutcome> outcomes = new ArrayList<>();
        for (X509CRL crl : offered) {
            String fingerprint = fingerprint(crl);
            if (kept.stream().anyMatch(held -> fingerprint(held).equals(fingerprint))) {
                outcomes.add(new CrlOutcome(crl, fingerprint, ImportOutcome.Result.DUPLICATE, Optional.empty()));
                continue;
            }
            Optional<Refusal> refusal = refusal(crl, kept);
            if (refusal.isPresent()) {
                outcomes.add(new CrlOutcome(crl, fingerprint, ImportOutcome.Result.REFUSED, refusal));
                continue;
            }
            X509Certificate issuer = issuerOf(crl).orElseThrow();
            kept.removeIf(held -> issuerAmong(held, List.of(issuer)).isPresent());
            kept.add(crl);
            outcomes.add(new CrlOutcome(crl, fingerprint, ImportOutcome.Result.IMPORTED, Optional.empty()));
        }
        boolean refused = outcomes.stream().anyMatch(outcome -> outcome.result() == ImportOutcome.Result.REFUSED);
        if (!kept.equals(crls) && !(allOrNone && refused)) {
            saveCrls(kept);
        }
        return outcomes;
    }

    private Optional<Refusal> refusal(X509CRL crl, List<X509CRL> kept) {
        boolean issuerKnown = certificates.stream().anyMatch(held -> held.getSubjectX500Principal().equals(crl.getIssuerX500Principal()));
        if (!issuerKnown) {
            return Optional.of(new Refusal("crl_unknown_issuer", "No CA of the trust store is named " + crl.getIssuerX500Principal().getName()
                    + "; import the CA that issued the CRL first."));
        }
        try {
            policy.requireAcceptableSignature(crl);
        } catch (CryptoPolicyViolation e) {
            return Optional.of(new Refusal("crypto_policy", e.getMessage()));
        }
        Optional<X509Certificate> issuer = issuerOf(crl);
        if (issuer.isEmpty()) {
            return Optional.of(new Refusal("crl_bad_signature", "The CRL's signature does not verify with the key of any CA of the trust store named "
                    + crl.getIssuerX500Principal().getName() + "."));
        }
        if (crl.getNextUpdate() == null) {
            return Optional.of(new Refusal("crl_no_next_update", "The CRL names no nextUpdate, so nothing says until when it is current."));
        }
        Instant now = clock.instant();
        if (!now.isBefore(crl.getNextUpdate().toInstant())) {
            return Optional.of(new Refusal("crl_stale", "The CRL's nextUpdate, " + crl.getNextUpdate().toInstant() + ", has passed; fetch the current one."));
        }
        if (crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
            return Optional.of(new Refusal("crl_delta", "Delta CRLs are not used; import the CA's full CRL."));
        }
        if (crl.hasUnsupportedCriticalExtension()) {
            return Optional.of(new Refusal("crl_critical_extension", "The CRL has a critical extension this service does not support."));
        }
        Optional<X509CRL> newer = kept.stream().filter(held -> issuerAmong(held, List.of(issuer.get())).isPresent())
                .filter(held -> !held.getThisUpdate().before(crl.getThisUpdate())).findFirst();
        if (newer.isPresent()) {
            return Optional.of(new Refusal("crl_not_newer", "The trust store holds a CRL of this CA issued on " + newer.get().getThisUpdate().toInstant()
                    + ", no older than this one."));
        }
        return Optional.empty();
    }

    private static Optional<X509Certificate> issuerAmong(X509CRL crl, List<X509Certificate> candidates) {
        return candidates.stream().filter(candidate -> candidate.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
                .filter(candidate -> {
                    try {
                        crl.verify(candidate.getPublicKey());
                        return true;
                    } catch (GeneralSecurityException | RuntimeException e) {
                        return false;
                    }
                }).findFirst();
    }

    private List<ImportOutcome> importCertificates(List<X509Certificate> offered) throws IOException {
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
            List<X509CRL> signedByOthers = crls.stream().filter(crl -> issuerAmong(crl, kept).isPresent()).toList();
            if (signedByOthers.size() != crls.size()) {
                saveCrls(signedByOthers);
            }
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

    /** SHA-256 of the CRL's DER encoding, lower-case hexadecimal without separators. */
    public static String fingerprint(X509CRL crl) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(crl.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot fingerprint a CRL", e);
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

    /** The CRL blocks of PEM text; a block that is not a CRL is an {@link IllegalArgumentException}. */
    private static List<X509CRL> parseCrls(String pem) {
        List<X509CRL> parsed = new ArrayList<>();
        Matcher block = PEM_CRL.matcher(pem);
        while (block.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(block.group(1));
                parsed.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException("A PEM CRL block is not a CRL.", e);
            }
        }
        return parsed;
    }

    private static List<X509CRL> readCrls(Path path) throws IOException {
        try {
            List<X509CRL> read = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(Files.readAllBytes(path)))) {
                read.add((X509CRL) crl);
            }
            return List.copyOf(read);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException("Not a PEM CRL file: " + path, e);
        }
    }

    private static String crlPem(List<X509CRL> crls) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509CRL crl : crls) {
                writer.writeObject(crl);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode CRLs as PEM", e);
        }
        return text.toString();
    }

    private void save(List<X509Certificate> kept) throws IOException {
        replace(file, PemFiles.toPem(kept));
        certificates = List.copyOf(kept);
    }

    private void saveCrls(List<X509CRL> kept) throws IOException {
        if (kept.isEmpty()) {
            Files.deleteIfExists(crlFile);
        } else {
            replace(crlFile, crlPem(kept));
        }
        crls = List.copyOf(kept);
    }

    private static void replace(Path target, String pem) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path next = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(next, pem, StandardCharsets.US_ASCII);
            Files.move(next, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    /** Why a certificate was not imported: a stable code and a sentence for the administrator. */
    public record Refusal(String code, String message) {
    }

    /** What became of one CRL. */
    public record CrlOutcome(X509CRL crl, String fingerprint, ImportOutcome.Result result, Optional<Refusal> refusal) {
    }

    /** What became of each certificate and each CRL of a bundle. */
    public record BundleOutcome(List<ImportOutcome> certificates, List<CrlOutcome> crls) {
    }

    /** What became of one certificate of a bundle. */
    public record ImportOutcome(X509Certificate certificate, String fingerprint, Result result, Optional<Refusal> refusal) {
        public enum Result { IMPORTED, DUPLICATE, REFUSED }
    }
}
