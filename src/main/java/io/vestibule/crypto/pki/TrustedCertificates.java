package io.vestibule.crypto.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;

/**
 * The crypto policy applied to certificates: those the service trusts (trust files of the directory, the provider,
 * syslog and the administrators' client CAs) and those it presents. A refusal names the setting, the certificate's
 * place in its file and its subject, so that an administrator knows which one to replace.
 */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /**
     * Reads the trust file a setting names and refuses it, with {@link #refusal}, when any certificate in it falls
     * below the policy. A file that cannot be read is an {@link IOException}.
     */
    public static List<X509Certificate> readTrustFile(Path file, String setting, CryptoPolicy policy) throws IOException {
        List<X509Certificate> certificates = PemFiles.readCertificates(file);
        requireTrustable(certificates, setting, policy);
        return certificates;
    }

    /** Every certificate of a trust file: key and signature, self-signed roots included (R-TLS-3). */
    public static void requireTrustable(List<X509Certificate> certificates, String setting, CryptoPolicy policy) {
        for (int i = 0; i < certificates.size(); i++) {
            try {
                requireTrustable(certificates.get(i), policy);
            } catch (CryptoPolicyViolation e) {
                throw new CryptoPolicyViolation(refusal(setting, i, certificates.size(), certificates.get(i), e.getMessage()));
            }
        }
    }

    /** A certificate the service trusts: its key decides who may be believed, its signature how far. */
    public static void requireTrustable(X509Certificate certificate, CryptoPolicy policy) {
        policy.requireAcceptable(certificate.getPublicKey());
        policy.requireAcceptableSignature(certificate);
    }

    /**
     * A certificate of a chain the service presents: the leaf's key, and the signature of every certificate but a
     * self-signed root, whose signature no client checks.
     */
    public static void requirePresentable(X509Certificate certificate, boolean leaf, CryptoPolicy policy) {
        if (leaf) {
            policy.requireAcceptable(certificate.getPublicKey());
        }
        if (!isSelfSigned(certificate)) {
            policy.requireAcceptableSignature(certificate);
        }
    }

    /** "SETTING: certificate 2 of 3 (CN=...) cannot be trusted: reason", the one form of every trust refusal. */
    public static String refusal(String setting, int index, int count, X509Certificate certificate, String reason) {
        return setting + ": certificate " + (index + 1) + " of " + count + " (" + certificate.getSubjectX500Principal().getName()
                + ") cannot be trusted: " + reason;
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
