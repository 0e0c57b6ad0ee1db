package io.vestibule.audit.alarm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.inventory.CertificatesInUse;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.TestAlarms;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCertificatesTest {
    private static final KeyPair KEYS = TestCertificates.ecKeys();

    @TempDir
    Path data;

    private static X509Certificate certificate(String subject) {
        return TestCertificates.selfSigned(subject, KEYS, "SHA256withECDSA", Instant.now(), Duration.ofDays(90));
    }

    private CaTrustStore store() throws Exception {
        return new CaTrustStore(data.resolve("tls").resolve("trust-store.pem"), CryptoPolicy.standard(), Clock.systemUTC());
    }

    private ServiceCertificates watched(Map<String, String> settings, CaTrustStore store) {
        return new ServiceCertificates(CertificatesInUse.of(key -> Optional.ofNullable(settings.get(key)), data, store));
    }

    @Test
    void theListenersChainEveryConfiguredTrustFileAndTheTrustStoreAreRead() throws Exception {
        X509Certificate leaf = certificate("CN=vestibule.example.org");
        X509Certificate intermediate = certificate("CN=Issuing CA");
        TestCertificates.writePem(data.resolve("tls/https-certificate.pem"), leaf, intermediate);
        Path ldap = TestCertificates.writePem(data.resolve("ldap-ca.pem"), certificate("CN=Directory CA"));
        Path admin = TestCertificates.writePem(data.resolve("admin-ca.pem"), certificate("CN=Admin CA"));
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(TestCertificates.authority("CN=Imported CA").certificate())));

        List<WatchedCertificate> read = watched(Map.of("vestibule.ldap.trust-file", ldap.toString(),
                "vestibule.admin.client.ca.file", admin.toString(), "vestibule.syslog.ca-file", data.resolve("missing.pem").toString()), store).read();

        assertThat(read).extracting(watched -> watched.use() + " " + watched.certificate().getSubjectX500Principal().getName())
                .containsExactlyInAnyOrder("the portal and admin listeners CN=vestibule.example.org",
                        "the portal and admin listeners CN=Issuing CA", "VESTIBULE_LDAP_TRUST_FILE CN=Directory CA",
                        "VESTIBULE_ADMIN_CLIENT_CA_FILE CN=Admin CA", "the trust store CN=Imported CA");
    }

    @Test
    void aFileThatIsNotPemIsSkipped() throws Exception {
        TestCertificates.writePem(data.resolve("tls/https-certificate.pem"), certificate("CN=vestibule.example.org"));
        Path broken = Files.writeString(data.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        List<WatchedCertificate> read = watched(Map.of("vestibule.oidc.trust-file", broken.toString()), store()).read();

        assertThat(read).extracting(WatchedCertificate::use).containsExactly("the portal and admin listeners");
    }

    @Test
    void aTrustStoreCaCloseToItsEndRaisesTheImminentAlarmAndItsDeletionClearsIt() throws Exception {
        TestClock clock = new TestClock(Instant.now());
        Alarms alarms = TestAlarms.over(clock);
        CertificateExpiryAlarms expiry = new CertificateExpiryAlarms(alarms, clock);
        X509Certificate ca = TestCertificates.authority("CN=Imported CA").certificate();
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(ca)));
        ServiceCertificates watched = watched(Map.of(), store);

        expiry.check(watched.read());
        assertThat(alarms.active()).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).as("the test CA is valid for a day").isEqualTo("certificate_expiry_imminent");
            assertThat(alarm.subject()).startsWith("the trust store: CN=Imported CA");
        });

        store.delete(CaTrustStore.fingerprint(ca));
        expiry.check(watched.read());
        assertThat(alarms.active()).isEmpty();
    }
}
