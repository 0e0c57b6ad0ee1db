package io.vestibule.identity.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.bouncycastle.asn1.x509.Extension;

/**
 * Revocation by CRL: the trust store's CRLs ({@link #stored}, asked before any network source), then the operator's own
 * CRLs ({@code VESTIBULE_ADMIN_CLIENT_CRL_FILE}), then those at the
 * certificate's distribution points, each fetched CRL kept until its nextUpdate. A CRL counts only when its issuer's
 * key signed it and it is current; a CRL without a nextUpdate, a delta CRL, or one with a critical extension the JDK
 * does not know is not used.
 */
final class RevocationLists {
    /** Clocks of the CA and of this service may differ this much. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Fetched CRLs kept at most; only CAs the administrator trusts name distribution points, so few ever are. */
    private static final int CACHED_AT_MOST = 64;

    private final Supplier<List<X509CRL>> storeCrls;
    private final Supplier<List<X509CRL>> operatorCrls;
    private final RevocationFetcher fetcher;
    private final Map<URI, X509CRL> fetched = new ConcurrentHashMap<>();

    RevocationLists(Supplier<List<X509CRL>> storeCrls, Supplier<List<X509CRL>> operatorCrls, RevocationFetcher fetcher) {
        this.storeCrls = storeCrls;
        this.operatorCrls = operatorCrls;
        this.fetcher = fetcher;
    }

    /**
     * What the trust store's CRL of the issuer says: nothing when it holds none; {@link RevocationStatus.Unknown} when
     * the one it holds cannot be used now (stale, or not signed by this issuer's key), so that the other sources are
     * asked and, if none answers, the failure mode decides.
     */
    Optional<RevocationStatus> stored(X509Certificate certificate, X509Certificate issuer, Instant now) {
        List<String> unusable = new ArrayList<>();
        for (X509CRL crl : storeCrls.get()) {
            if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                Optional<String> problem = problem(crl, issuer, now);
                if (problem.isEmpty()) {
                    return Optional.of(statusIn(crl, certificate, "the trust store's CRL"));
                }
                unusable.add("the trust store's CRL " + problem.get());
            }
        }
        return unusable.isEmpty() ? Optional.empty() : Optional.of(new RevocationStatus.Unknown(String.join("; ", unusable)));
    }

    RevocationStatus status(X509Certificate certificate, X509Certificate issuer, Instant now) {
        List<String> unusable = new ArrayList<>();
        for (X509CRL crl : operatorCrls.get()) {
            if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                Optional<String> problem = problem(crl, issuer, now);
                if (problem.isEmpty()) {
                    return statusIn(crl, certificate, "the CRL file");
                }
                unusable.add("the CRL file's CRL " + problem.get());
            }
        }
        List<URI> points = RevocationPointers.crlDistributionPoints(certificate);
        for (URI point : points) {
            if (!RevocationFetcher.fetchable(point)) {
                unusable.add("CRL distribution point " + point.getScheme() + ": not followed (http only)");
                continue;
            }
            try {
                return statusIn(current(point, issuer, now), certificate, "the CRL at " + point);
            } catch (IOException e) {
                unusable.add("CRL at " + point + ": " + e.getMessage());
            }
        }
        if (unusable.isEmpty()) {
            unusable.add("no CRL of the issuer in the CRL file and no CRL distribution point");
        }
        return new RevocationStatus.Unknown(String.join("; ", unusable));
    }

    private X509CRL current(URI point, X509Certificate issuer, Instant now) throws IOException {
        X509CRL cached = fetched.get(point);
        if (cached != null && problem(cached, issuer, now).isEmpty()) {
            return cached;
        }
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(fetcher.crl(point)));
        } catch (CRLException | CertificateException | ClassCastException e) {
            throw new IOException("not a CRL");
        }
        Optional<String> problem = problem(crl, issuer, now);
        if (problem.isPresent()) {
            throw new IOException(problem.get());
        }
        if (fetched.size() >= CACHED_AT_MOST) {
            fetched.clear();
        }
        fetched.put(point, crl);
        return crl;
    }

    /** Why this CRL cannot say anything of the issuer's certificates now, if it cannot. */
    static Optional<String> problem(X509CRL crl, X509Certificate issuer, Instant now) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return Optional.of("is not issued by " + issuer.getSubjectX500Principal().getName());
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("is not signed by its issuer's key");
        }
        if (crl.getNextUpdate() == null) {
            return Optional.of("has no nextUpdate");
        }
        if (!now.isBefore(crl.getNextUpdate().toInstant())) {
            return Optional.of("is out of date (nextUpdate " + crl.getNextUpdate().toInstant() + ")");
        }
        if (crl.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            return Optional.of("is dated in the future (thisUpdate " + crl.getThisUpdate().toInstant() + ")");
        }
        if (crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
            return Optional.of("is a delta CRL");
        }
        if (crl.hasUnsupportedCriticalExtension()) {
            return Optional.of("has a critical extension this service does not support");
        }
        return Optional.empty();
    }

    private static RevocationStatus statusIn(X509CRL crl, X509Certificate certificate, String source) {
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry == null || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) {
            return new RevocationStatus.Good();
        }
        CRLReason reason = entry.getRevocationReason();
        return new RevocationStatus.Revoked(source + " lists serial " + certificate.getSerialNumber().toString(16)
                + " as revoked" + (reason == null ? "" : " (" + reason.name().toLowerCase(Locale.ROOT) + ")"));
    }
}
