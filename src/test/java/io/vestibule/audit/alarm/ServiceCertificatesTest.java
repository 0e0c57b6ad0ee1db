package io.vestibule.audit.alarm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCertificatesTest {
    private static final KeyPair KEYS = TestCertificates.ecKeys();

    @TempDir
    Path data;

    private static X509Certificate certificate(String subject) {
        return TestCertificates.selfSigned(subject, KEYS, "SHA256withECDSA", Instant.now(), Duration.ofDays(90));
    }

    private static Path write(Path file, X509Certificate... certificates) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, PemFiles.toPem(List.of(certificates)), StandardCharsets.US_ASCII);
        return file;
    }

    @Test
    void theListenersChainAndEveryConfiguredTrustFileAreRead() throws Exception {
        X509Certificate leaf = certificate("CN=vestibule.example.org");
        X509Certificate intermediate = certificate("CN=Issuing CA");
        write(data.resolve("tls/https-certificate.pem"), leaf, intermediate);
        Path ldap = write(data.resolve("ldap-ca.pem"), certificate("CN=Directory CA"));
        Path admin = write(data.resolve("admin-ca.pem"), certificate("CN=Admin CA"));

        List<WatchedCertificate> read = ServiceCertificates.from(new MapConfig(Map.of("vestibule.data.dir", data.toString(),
                "vestibule.ldap.trust-file", ldap.toString(), "vestibule.admin.client.ca.file", admin.toString(),
                "vestibule.syslog.ca-file", data.resolve("missing.pem").toString()))).read();

        assertThat(read).extracting(watched -> watched.use() + " " + watched.certificate().getSubjectX500Principal().getName())
                .containsExactlyInAnyOrder("the portal and admin listeners CN=vestibule.example.org",
                        "the portal and admin listeners CN=Issuing CA", "VESTIBULE_LDAP_TRUST_FILE CN=Directory CA",
                        "VESTIBULE_ADMIN_CLIENT_CA_FILE CN=Admin CA");
    }

    @Test
    void aFileThatIsNotPemIsSkipped() throws Exception {
        write(data.resolve("tls/https-certificate.pem"), certificate("CN=vestibule.example.org"));
        Path broken = Files.writeString(data.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        List<WatchedCertificate> read = ServiceCertificates.from(new MapConfig(Map.of("vestibule.data.dir", data.toString(),
                "vestibule.oidc.trust-file", broken.toString()))).read();

        assertThat(read).extracting(WatchedCertificate::use).containsExactly("the portal and admin listeners");
    }
}
