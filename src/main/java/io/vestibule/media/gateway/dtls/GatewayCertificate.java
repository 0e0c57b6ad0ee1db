package io.vestibule.media.gateway.dtls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The media gateway's DTLS identity: a self-signed ECDSA certificate on the policy's curve, made afresh for each
 * process, which peers pin by the SHA-256 fingerprint in the gateway's session descriptions (RFC 8122). Its key
 * never leaves this object but for the DTLS server of this package, and is never printed.
 */
public final class GatewayCertificate {
    private static final String FINGERPRINT_HASH = "sha-256";
    /** Peers do not read the name; a fixed one says whose certificate it is in a capture. */
    private static final X500Name SUBJECT = new X500Name("CN=Vestibule media gateway");

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final byte[] encoded;
    private final CertificateFingerprint fingerprint;

    private GatewayCertificate(PrivateKey privateKey, X509Certificate certificate) throws CertificateEncodingException {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.encoded = certificate.getEncoded();
        this.fingerprint = CertificateFingerprint.of(FINGERPRINT_HASH, encoded);
    }

    public static GatewayCertificate generate(CryptoPolicy policy, SecureRandom random, Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(policy.certificateKeyAlgorithm());
            generator.initialize(policy.dtlsCertificateCurve(), random);
            KeyPair keys = generator.generateKeyPair();
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            Instant now = clock.instant();
            // Backdated a day so that a peer whose clock is behind still takes it.
            Date notBefore = Date.from(now.minus(Duration.ofDays(1)));
            Date notAfter = Date.from(now.plus(policy.dtlsCertificateValidity()));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .setProvider(CryptoPolicy.bouncyCastle())
                    .getCertificate(new JcaX509v3CertificateBuilder(SUBJECT, new BigInteger(1, serial), notBefore, notAfter,
                            SUBJECT, keys.getPublic())
                            .build(new JcaContentSignerBuilder(policy.signatureAlgorithmFor(keys.getPublic()))
                                    .setProvider(CryptoPolicy.bouncyCastle())
                                    .build(keys.getPrivate())));
            return new GatewayCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("The media gateway's DTLS certificate cannot be made", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The SHA-256 fingerprint, as the gateway's answers announce it. */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** The value for the gateway's {@code a=fingerprint} attribute: {@code sha-256 AB:CD:...}. */
    public String sdpFingerprint() {
        return fingerprint.toSdp();
    }

    byte[] encoded() {
        return encoded.clone();
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "GatewayCertificate[" + fingerprint.toSdp() + "]";
    }
}
