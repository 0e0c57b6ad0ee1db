package io.vestibule.identity.oidc;

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

/** The provider's trust file asks the crypto policy: a weak certificate stops the start, naming the setting and subject. */
class OidcConfigurationTest {
    @TempDir
    Path directory;

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final Instant now = Instant.now();

    @Test
    void aTrustFileOfPolicyCertificatesBecomesTheTrustAnchors() throws Exception {
        X509Certificate authority = TestCertificates.authority("CN=Provider CA").certificate();

        assertThat(OidcConfiguration.from(config(trustFile(authority)), policy).orElseThrow().trustAnchors()).containsExactly(authority);
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void rsa2048Sha1AndP192CertificatesAreRefusedNamingTheSettingAndTheSubject() throws Exception {
        for (X509Certificate weak : TestCertificates.belowThePolicy(now)) {
            Path file = trustFile(weak);
            assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> OidcConfiguration.from(config(file), policy))
                    .withMessageStartingWith("VESTIBULE_OIDC_TRUST_FILE: certificate 1 of 1 (" + weak.getSubjectX500Principal().getName()
                            + ") cannot be trusted: ");
        }
    }

    private MapConfig config(Path trustFile) {
        return new MapConfig(Map.of(
                "vestibule.oidc.issuer", "https://sso.example/realms/vestibule",
                "vestibule.oidc.client-id", "vestibule-portal",
                "vestibule.oidc.client-secret", "client-secret",
                "vestibule.public.url", "https://vestibule.example",
                "vestibule.oidc.trust-file", trustFile.toString()));
    }

    private Path trustFile(X509Certificate... certificates) throws Exception {
        return TestCertificates.writePem(Files.createTempFile(directory, "oidc-trust", ".pem"), certificates);
    }
}
