package io.vestibule.identity.ldap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The directory's trust file asks the crypto policy: a weak certificate stops the start, naming the setting and subject. */
class DirectoryConfigurationTest {
    @TempDir
    Path directory;

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final Instant now = Instant.now();

    @Test
    void aTrustFileOfPolicyCertificatesBecomesTheTrustAnchors() throws Exception {
        X509Certificate authority = TestCertificates.authority("CN=Directory CA").certificate();

        DirectorySettings settings = DirectoryConfiguration.from(config(trustFile(authority)), policy).orElseThrow();

        assertThat(settings.trustAnchors()).containsExactly(authority);
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void rsa2048Sha1AndP192CertificatesAreRefusedNamingTheSettingAndTheSubject() throws Exception {
        for (X509Certificate weak : TestCertificates.belowThePolicy(now)) {
            Path file = trustFile(TestCertificates.authority("CN=Good CA").certificate(), weak);
            assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> DirectoryConfiguration.from(config(file), policy))
                    .withMessageStartingWith("VESTIBULE_LDAP_TRUST_FILE: certificate 2 of 2 (" + weak.getSubjectX500Principal().getName()
                            + ") cannot be trusted: ");
        }
    }

    private MapConfig config(Path trustFile) {
        return new MapConfig(Map.of(
                "vestibule.ldap.url", "ldaps://directory.example:636",
                "vestibule.ldap.bind-dn", "cn=vestibule,dc=example",
                "vestibule.ldap.bind-password", "service-password",
                "vestibule.ldap.user-base-dn", "dc=example",
                "vestibule.ldap.trust-file", trustFile.toString()));
    }

    private Path trustFile(X509Certificate... certificates) throws Exception {
        return TestCertificates.writePem(Files.createTempFile(directory, "ldap-trust", ".pem"), certificates);
    }
}
