package io.vestibule.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;

/** A private key with its certificate chain, leaf first: what a TLS listener presents. */
public record TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    public TlsIdentity {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A TLS identity needs at least one certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * Checks an identity before it is used: the key and certificate must be a pair, the key and every signature
     * must meet the crypto policy, and the leaf must be valid now.
     */
    public void requireUsable(CryptoPolicy policy, Instant now) {
        PublicKey publicKey = leaf().getPublicKey();
        for (int i = 0; i < chain.size(); i++) {
            TrustedCertificates.requirePresentable(chain.get(i), i == 0, policy);
        }
        if (!isPair(policy, privateKey, publicKey)) {
            throw new CryptoPolicyViolation("The certificate and private key are not a pair");
        }
        if (now.isAfter(leaf().getNotAfter().toInstant())) {
            throw new CryptoPolicyViolation("The certificate expired on " + leaf().getNotAfter().toInstant());
        }
        if (now.isBefore(leaf().getNotBefore().toInstant())) {
            throw new CryptoPolicyViolation("The certificate is not valid before " + leaf().getNotBefore().toInstant());
        }
    }

    public boolean expiresWithin(Duration margin, Instant now) {
        return leaf().getNotAfter().toInstant().isBefore(now.plus(margin));
    }

    /** Whether the leaf's subjectAltName lists every one of these host names and addresses. */
    public boolean covers(Collection<String> hosts) {
        Set<String> names = subjectAlternativeNames();
        return hosts.stream().map(HostNames::normalise).allMatch(names::contains);
    }

    private Set<String> subjectAlternativeNames() {
        try {
            Collection<List<?>> entries = leaf().getSubjectAlternativeNames();
            if (entries == null) {
                return Set.of();
            }
            return entries.stream()
                    .filter(entry -> entry.get(0) instanceof Integer type && (type == SAN_DNS || type == SAN_IP))
                    .map(entry -> HostNames.normalise(String.valueOf(entry.get(1))))
                    .collect(Collectors.toSet());
        } catch (CertificateParsingException e) {
            return Set.of();
        }
    }

    /** Proves possession: a signature made with the private key must verify with the certificate's key. */
    static boolean isPair(CryptoPolicy policy, PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = policy.signatureAlgorithmFor(publicKey);
        try {
            byte[] challenge = new byte[32];
            policy.newSecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + leaf().getSubjectX500Principal().getName() + "]";
    }
}
