package io.vestibule.crypto.pki;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class SelfSignedCertificateIssuerTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();
    private static final Instant NOW = Instant.now();
    private static final List<String> HOSTS = List.of("meet.example.org", "localhost", "127.0.0.1", "::1", "10.1.2.3");

    private static TlsIdentity identity;
    private static X509Certificate certificate;

    @BeforeAll
    static void issue() {
        identity = new SelfSignedCertificateIssuer(POLICY, RANDOM).issue("meet.example.org", HOSTS, NOW);
        certificate = identity.leaf();
    }

    private static Set<String> names(int type) throws Exception {
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        return entries.stream().filter(entry -> (Integer) entry.get(0) == type)
                .map(entry -> String.valueOf(entry.get(1))).collect(Collectors.toSet());
    }

    @Test
    void theKeyIsEcP256() {
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        ECPublicKey key = (ECPublicKey) certificate.getPublicKey();
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThatCode(() -> POLICY.requireAcceptable(key)).doesNotThrowAnyException();
        assertThat(identity.privateKey().getAlgorithm()).isIn("EC", "ECDSA");
    }

    @Test
    void itIsSignedWithSha256WithEcdsa() throws Exception {
        assertThat(certificate.getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
    }

    @Test
    void itIsAServerLeafNotACa() throws Exception {
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        boolean[] usage = certificate.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(usage[6]).as("cRLSign").isFalse();
        assertThat(certificate.getVersion()).isEqualTo(3);
    }

    @Test
    void itNamesTheCommonNameAndOrganisation() {
        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        assertThat(subject).contains("CN=meet.example.org").contains("O=Vestibule");
    }

    @Test
    void itsAlternativeNamesIncludeEveryRequestedHost() throws Exception {
        assertThat(names(2)).contains("meet.example.org", "localhost");
        Set<InetAddress> addresses = names(7).stream().map(SelfSignedCertificateIssuerTest::literal).collect(Collectors.toSet());
        assertThat(addresses).contains(literal("127.0.0.1"), literal("::1"), literal("10.1.2.3"));
        assertThat(names(2)).as("IP literals are not DNS names").doesNotContain("127.0.0.1", "::1");
    }

    /** The address of an IP literal; getByName does not look a literal up, and the two forms of ::1 compare equal. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (Exception e) {
            throw new AssertionError(address, e);
        }
    }

    @Test
    void itsSerialIsPositiveAndAtLeast64Bits() {
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64).isLessThanOrEqualTo(159);
    }

    @Test
    void twoCertificatesHaveDifferentSerialsAndKeys() {
        TlsIdentity other = new SelfSignedCertificateIssuer(POLICY, RANDOM).issue("meet.example.org", HOSTS, NOW);
        assertThat(other.leaf().getSerialNumber()).isNotEqualTo(certificate.getSerialNumber());
        assertThat(other.leaf().getPublicKey()).isNotEqualTo(certificate.getPublicKey());
    }

    @Test
    void itIsValidFromJustBeforeNowForAtMost398Days() {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        assertThat(notBefore).isBeforeOrEqualTo(NOW).isAfter(NOW.minus(Duration.ofHours(1)));
        assertThat(Duration.between(NOW, notAfter)).isGreaterThan(Duration.ofDays(30)).isLessThanOrEqualTo(Duration.ofDays(398));
    }

    @Test
    void itIsUsableNow() {
        assertThatCode(() -> identity.requireUsable(POLICY, NOW)).doesNotThrowAnyException();
        assertThat(identity.covers(HOSTS)).isTrue();
    }
}
