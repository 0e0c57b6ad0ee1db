package io.vestibule.crypto.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TrustedCertificatesTest {
    @TempDir
    Path directory;

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final Instant now = Instant.now();

    @Test
    void aTrustFileOfPolicyCertificatesIsReadWhole() throws Exception {
        X509Certificate first = TestCertificates.authority("CN=First CA").certificate();
        X509Certificate second = TestCertificates.selfSigned("CN=P-384 CA", TestCertificates.ecKeysOn("secp384r1"), "SHA384withECDSA", now, Duration.ofDays(30));

        assertThat(TrustedCertificates.readTrustFile(pem(first, second), "VESTIBULE_LDAP_TRUST_FILE", policy)).containsExactly(first, second);
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void eachWeakCertificateIsRefusedNamingTheSettingItsPlaceAndItsSubject() throws Exception {
        X509Certificate good = TestCertificates.authority("CN=Good CA").certificate();
        X509Certificate rsa2048 = TestCertificates.selfSigned("CN=Old RSA CA", TestCertificates.rsa2048(), "SHA256withRSA", now, Duration.ofDays(30));
        X509Certificate sha1 = TestCertificates.selfSigned("CN=SHA-1 CA", TestCertificates.ecKeys(), "SHA1withECDSA", now, Duration.ofDays(30));
        X509Certificate p192 = TestCertificates.selfSigned("CN=P-192 CA", TestCertificates.ecKeysOn("secp192r1"), "SHA256withECDSA", now,
                Duration.ofDays(30));

        assertThatExceptionOfType(CryptoPolicyViolation.class)
                .isThrownBy(() -> TrustedCertificates.readTrustFile(pem(good, rsa2048), "VESTIBULE_LDAP_TRUST_FILE", policy))
                .withMessage("VESTIBULE_LDAP_TRUST_FILE: certificate 2 of 2 (CN=Old RSA CA) cannot be trusted: "
                        + "RSA keys must have at least 3072 bits; this one has 2048");
        assertThatExceptionOfType(CryptoPolicyViolation.class)
                .isThrownBy(() -> TrustedCertificates.readTrustFile(pem(sha1), "VESTIBULE_OIDC_TRUST_FILE", policy))
                .withMessageStartingWith("VESTIBULE_OIDC_TRUST_FILE: certificate 1 of 1 (CN=SHA-1 CA) cannot be trusted: ")
                .withMessageContaining("SHA1withECDSA");
        assertThatExceptionOfType(CryptoPolicyViolation.class)
                .isThrownBy(() -> TrustedCertificates.readTrustFile(pem(p192), "VESTIBULE_SYSLOG_CA_FILE", policy))
                .withMessageStartingWith("VESTIBULE_SYSLOG_CA_FILE: certificate 1 of 1 (CN=P-192 CA) cannot be trusted: ")
                .withMessageContaining("P-256, P-384 or P-521");
    }

    @Test
    void aPresentedChainChecksTheLeafsKeyAndEverySignatureButASelfSignedRoots() {
        X509Certificate weakRoot = TestCertificates.selfSigned("CN=Root", TestCertificates.rsa2048(), "SHA1withRSA", now, Duration.ofDays(30));
        TrustedCertificates.requirePresentable(weakRoot, false, policy);
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> TrustedCertificates.requirePresentable(weakRoot, true, policy))
                .withMessageContaining("2048");
    }

    private Path pem(X509Certificate... certificates) throws Exception {
        return TestCertificates.writePem(Files.createTempFile(directory, "trust", ".pem"), certificates);
    }
}
