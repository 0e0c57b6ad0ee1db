package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.TrustedCertificates;

/**
 * The certificates an administrator's client certificate must chain to (R-ADM-5): the organisation's CA
 * certificates, and the self-signed certificate of the "last resort" administrator. Each one decides who may
 * present themselves as an administrator, so each must meet the crypto policy and be valid now: the service
 * refuses to start on a weak or expired one rather than trust it silently.
 */
final class AdminClientAuthorities {
    private AdminClientAuthorities() {
    }

    static List<X509Certificate> read(Path pemFile, CryptoPolicy policy, Instant now) {
        List<X509Certificate> certificates;
        try {
            certificates = PemFiles.readCertificates(pemFile);
        } catch (IOException e) {
            throw new LaunchFailure("Cannot read VESTIBULE_ADMIN_CLIENT_CA_FILE: " + e.getMessage());
        }
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate certificate = certificates.get(i);
            try {
                TrustedCertificates.requireTrustable(certificate, policy);
                if (now.isAfter(certificate.getNotAfter().toInstant())) {
                    throw new CryptoPolicyViolation("it expired on " + certificate.getNotAfter().toInstant());
                }
                if (now.isBefore(certificate.getNotBefore().toInstant())) {
                    throw new CryptoPolicyViolation("it is not valid before " + certificate.getNotBefore().toInstant());
                }
            } catch (CryptoPolicyViolation e) {
                throw new LaunchFailure(TrustedCertificates.refusal("VESTIBULE_ADMIN_CLIENT_CA_FILE", i, certificates.size(), certificate,
                        e.getMessage()));
            }
        }
        return certificates;
    }
}
