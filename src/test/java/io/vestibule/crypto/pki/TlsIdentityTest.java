package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TlsIdentityTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();
    private static final Instant NOW = Instant.now();

    private static TlsIdentity identity;
    private static TlsIdentity another;

    @BeforeAll
    static void issue() {
        SelfSignedCertificateIssuer issuer = new SelfSignedCertificateIssuer(POLICY, RANDOM);
        identity = issuer.issue("meet.example.org", List.of("meet.example.org", "localhost", "127.0.0.1", "::1"), NOW);
        another = issuer.issue("meet.example.org", List.of("meet.example.org"), NOW);
    }

    private static KeyPair keys(String algorithm, Object parameter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (parameter instanceof Integer bits) {
            generator.initialize(bits, RANDOM);
        } else {
            generator.initialize(new ECGenParameterSpec((String) parameter), RANDOM);
        }
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey signingKey,
                                               String signatureAlgorithm, boolean ca) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(RANDOM.nextLong()).abs().add(BigInteger.ONE),
                Date.from(NOW.minusSeconds(60)), Date.from(NOW.plus(Duration.ofDays(90))), new X500Name(subject), key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        byte[] encoded = builder.build(new JcaContentSignerBuilder(signatureAlgorithm)
                .setProvider(CryptoPolicy.bouncyCastle()).build(signingKey)).getEncoded();
        // Parsed by the JDK, as certificates read from an administrator's PEM files are.
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
    }

    @Test
    void aFreshlyIssuedIdentityIsUsable() {
        assertThatCode(() -> identity.requireUsable(POLICY, NOW)).doesNotThrowAnyException();
        assertThat(identity.leaf()).isSameAs(identity.chain().get(0));
    }

    @Test
    void aKeyOfAnotherPairIsRefused() {
        TlsIdentity mismatched = new TlsIdentity(another.privateKey(), identity.chain());
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> mismatched.requireUsable(POLICY, NOW))
                .withMessageContaining("not a pair");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Instant afterExpiry = identity.leaf().getNotAfter().toInstant().plusSeconds(1);
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> identity.requireUsable(POLICY, afterExpiry))
                .withMessageContaining("expired");
        assertThatCode(() -> identity.requireUsable(POLICY, identity.leaf().getNotAfter().toInstant()))
                .doesNotThrowAnyException();
    }

    @Test
    void aCertificateNotYetValidIsRefused() {
        Instant beforeValidity = identity.leaf().getNotBefore().toInstant().minusSeconds(1);
        assertThatExceptionOfType(CryptoPolicyViolation.class)
                .isThrownBy(() -> identity.requireUsable(POLICY, beforeValidity));
    }

    @Test
    void anRsa2048CertificateIsRefused() throws Exception {
        KeyPair rsa = keys("RSA", 2048);
        X509Certificate weak = certificate("CN=weak", rsa.getPublic(), "CN=weak", rsa.getPrivate(), "SHA256withRSA", false);
        TlsIdentity weakIdentity = new TlsIdentity(rsa.getPrivate(), List.of(weak));
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> weakIdentity.requireUsable(POLICY, NOW))
                .withMessageContaining("3072");
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void aCertificateSignedWithSha1ByItsCaIsRefused() throws Exception {
        KeyPair ca = keys("EC", "secp256r1");
        KeyPair leaf = keys("EC", "secp256r1");
        X509Certificate root = certificate("CN=Test CA", ca.getPublic(), "CN=Test CA", ca.getPrivate(), "SHA256withECDSA", true);
        X509Certificate sha1Leaf = certificate("CN=meet.example.org", leaf.getPublic(), "CN=Test CA", ca.getPrivate(),
                "SHA1withECDSA", false);
        X509Certificate sha256Leaf = certificate("CN=meet.example.org", leaf.getPublic(), "CN=Test CA", ca.getPrivate(),
                "SHA256withECDSA", false);

        TlsIdentity weak = new TlsIdentity(leaf.getPrivate(), List.of(sha1Leaf, root));
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> weak.requireUsable(POLICY, NOW))
                .withMessageContaining("SHA1");
        TlsIdentity strong = new TlsIdentity(leaf.getPrivate(), List.of(sha256Leaf, root));
        assertThatCode(() -> strong.requireUsable(POLICY, NOW)).doesNotThrowAnyException();
    }

    @Test
    void coversTheNamesAndAddressesItLists() {
        assertThat(identity.covers(List.of("meet.example.org"))).isTrue();
        assertThat(identity.covers(List.of("localhost", "127.0.0.1", "::1"))).isTrue();
        assertThat(identity.covers(List.of("MEET.Example.ORG", "LocalHost"))).isTrue();
        assertThat(identity.covers(List.of("[::1]", "0:0:0:0:0:0:0:1"))).isTrue();
    }

    @Test
    void doesNotCoverNamesItDoesNotList() {
        assertThat(identity.covers(List.of("other.example.org"))).isFalse();
        assertThat(identity.covers(List.of("localhost", "10.0.0.1"))).isFalse();
        assertThat(identity.covers(List.of("example.org"))).isFalse();
        assertThat(identity.covers(List.of("sub.meet.example.org"))).isFalse();
        assertThat(another.covers(List.of("meet.example.org", "localhost"))).isFalse();
    }

    @Test
    void expiresWithinComparesTheEndOfValidityWithTheMargin() {
        Instant notAfter = identity.leaf().getNotAfter().toInstant();
        assertThat(identity.expiresWithin(Duration.ofDays(30), NOW)).isFalse();
        assertThat(identity.expiresWithin(Duration.ofDays(30), notAfter.minus(Duration.ofDays(29)))).isTrue();
        assertThat(identity.expiresWithin(Duration.ofDays(30), notAfter.minus(Duration.ofDays(31)))).isFalse();
    }

    @Test
    void anIdentityNeedsACertificate() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TlsIdentity(identity.privateKey(), List.of()));
    }

    @Test
    void toStringDoesNotShowTheKey() {
        assertThat(identity.toString()).contains("meet.example.org").doesNotContain(identity.privateKey().toString());
    }
}
