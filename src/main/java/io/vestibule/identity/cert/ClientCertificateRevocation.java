package io.vestibule.identity.cert;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Whether an administrator's client certificate, or a CA certificate between it and the configured authorities, has
 * been revoked (R-ADM-5). The TLS handshake has already checked the chain; this follows it again from the leaf up to
 * a certificate of {@code VESTIBULE_ADMIN_CLIENT_CA_FILE}, which is trusted as it is (take a revoked CA out of the file),
 * and asks for each certificate on the way: first the trust store's current CRL of its issuer, which answers without
 * the network; without one, OCSP where the certificate names a responder, then a CRL (the operator's CRL file, then
 * the certificate's distribution points). A certificate revoked by any source is refused;
 * one no source could answer for is {@link RevocationStatus.Unknown}, which the {@link RevocationFailureMode} decides.
 */
public final class ClientCertificateRevocation {
    /** Administrators' certificates sit one to three CAs below a root; a longer chain is not followed further. */
    private static final int LONGEST_CHAIN = 6;

    private final List<X509Certificate> authorities;
    private final OcspResponders ocsp;
    private final RevocationLists crls;
    private final RevocationFailureMode failureMode;
    private final Clock clock;

    /** {@code storeCrls}: the trust store's CRLs; {@code operatorCrls}: those of {@code VESTIBULE_ADMIN_CLIENT_CRL_FILE}. */
    public ClientCertificateRevocation(List<X509Certificate> authorities, Supplier<List<X509CRL>> storeCrls, Supplier<List<X509CRL>> operatorCrls,
                                       RevocationFetcher fetcher, CryptoPolicy policy, RevocationFailureMode failureMode, Clock clock) {
        this.authorities = List.copyOf(authorities);
        this.ocsp = new OcspResponders(fetcher, policy);
        this.crls = new RevocationLists(storeCrls, operatorCrls, fetcher);
        this.failureMode = failureMode;
        this.clock = clock;
    }

    public RevocationFailureMode failureMode() {
        return failureMode;
    }

    /** The status of the chain a client presented, leaf first. */
    public RevocationStatus check(List<X509Certificate> presented) {
        if (presented.isEmpty()) {
            return new RevocationStatus.Unknown("no certificate");
        }
        Instant now = clock.instant();
        List<String> unknown = new ArrayList<>();
        X509Certificate subject = presented.get(0);
        for (int depth = 0; depth < LONGEST_CHAIN; depth++) {
            if (authorities.contains(subject)) {
                return unknown.isEmpty() ? new RevocationStatus.Good() : new RevocationStatus.Unknown(String.join("; ", unknown));
            }
            Optional<X509Certificate> issuer = issuerOf(subject, presented);
            if (issuer.isEmpty()) {
                unknown.add("the issuer of " + subject.getSubjectX500Principal().getName() + " is not a configured authority");
                return new RevocationStatus.Unknown(String.join("; ", unknown));
            }
            RevocationStatus status = statusOf(subject, issuer.get(), now);
            if (status instanceof RevocationStatus.Revoked) {
                return status;
            }
            if (status instanceof RevocationStatus.Unknown why) {
                unknown.add(subject.getSubjectX500Principal().getName() + ": " + why.description());
            }
            subject = issuer.get();
        }
        unknown.add("the chain is longer than " + LONGEST_CHAIN + " certificates");
        return new RevocationStatus.Unknown(String.join("; ", unknown));
    }

    private RevocationStatus statusOf(X509Certificate certificate, X509Certificate issuer, Instant now) {
        List<String> unknown = new ArrayList<>();
        Optional<RevocationStatus> stored = crls.stored(certificate, issuer, now);
        if (stored.isPresent() && !(stored.get() instanceof RevocationStatus.Unknown)) {
            return stored.get();
        }
        stored.ifPresent(why -> unknown.add(((RevocationStatus.Unknown) why).description()));
        for (URI responder : RevocationPointers.ocspResponders(certificate)) {
            RevocationStatus status = ocsp.status(certificate, issuer, responder, now);
            if (!(status instanceof RevocationStatus.Unknown why)) {
                return status;
            }
            unknown.add(why.description());
        }
        RevocationStatus status = crls.status(certificate, issuer, now);
        if (status instanceof RevocationStatus.Unknown why) {
            unknown.add(why.description());
            return new RevocationStatus.Unknown(String.join("; ", unknown));
        }
        return status;
    }

    /** The certificate that signed this one: a configured authority, or a CA certificate the client sent along. */
    private Optional<X509Certificate> issuerOf(X509Certificate certificate, List<X509Certificate> presented) {
        return Stream.concat(authorities.stream(), presented.stream().skip(1))
                .filter(candidate -> candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .filter(candidate -> signed(certificate, candidate))
                .findFirst();
    }

    private static boolean signed(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
