package io.vestibule.crypto.inventory;

import java.nio.file.NoSuchFileException;
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
import io.vestibule.crypto.inventory.CertificatesInUse.Role;
import io.vestibule.crypto.inventory.CertificatesInUse.Source;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificatesInUseTest {
    private static final KeyPair KEYS = TestCertificates.ecKeys();

    @TempDir
    Path data;

    private static X509Certificate certificate(String subject) {
        return TestCertificates.selfSigned(subject, KEYS, "SHA256withECDSA", Instant.now(), Duration.ofDays(90));
    }

    private CaTrustStore store() throws Exception {
        return new CaTrustStore(data.resolve("tls").resolve("trust-store.pem"), CryptoPolicy.standard(), Clock.systemUTC());
    }

    private CertificatesInUse inUse(Map<String, String> settings, CaTrustStore store) {
        return CertificatesInUse.of(key -> Optional.ofNullable(settings.get(key)), data, store);
    }

    @Test
    void withNothingConfiguredTheListenersAndTheTrustStoreAreInUse() throws Exception {
        CertificatesInUse inUse = inUse(Map.of(), store());

        assertThat(inUse.all()).extracting(Source::name).containsExactly(CertificatesInUse.LISTENERS, CertificatesInUse.TRUST_STORE);
        assertThat(inUse.named(CertificatesInUse.LISTENERS).orElseThrow().origin()).isEqualTo("self-signed, kept in the master key store");
        assertThat(inUse.named(CertificatesInUse.TRUST_STORE).orElseThrow().read()).isEmpty();
        assertThat(inUse.named(CertificatesInUse.DIRECTORY_TRUST)).isEmpty();
    }

    @Test
    void everyConfiguredFileIsASourceNamedByItsSettingAndBlankSettingsCountAsUnset() throws Exception {
        X509Certificate leaf = certificate("CN=vestibule.example.org");
        TestCertificates.writePem(data.resolve("tls/https-certificate.pem"), leaf);
        TestCertificates.writePem(data.resolve("tls/demo-directory-certificate.pem"), certificate("CN=localhost"));
        Path ldap = TestCertificates.writePem(data.resolve("ldap-ca.pem"), certificate("CN=Directory CA"));
        Path oidc = TestCertificates.writePem(data.resolve("oidc-ca.pem"), certificate("CN=Provider CA"));
        Path admin = TestCertificates.writePem(data.resolve("admin-ca.pem"), certificate("CN=Admin CA"));

        CertificatesInUse inUse = inUse(Map.of("vestibule.demo", "true", "vestibule.tls.cert.file", "/etc/vestibule/cert.pem",
                "vestibule.ldap.trust-file", ldap.toString(), "vestibule.oidc.trust-file", " " + oidc + " ",
                "vestibule.admin.client.ca.file", admin.toString(), "vestibule.syslog.ca-file", "  "), store());

        assertThat(inUse.all()).extracting(Source::name).containsExactly(CertificatesInUse.LISTENERS, CertificatesInUse.DEMO_DIRECTORY,
                CertificatesInUse.ADMIN_CLIENT_CA, CertificatesInUse.DIRECTORY_TRUST, CertificatesInUse.PROVIDER_TRUST, CertificatesInUse.TRUST_STORE);
        assertThat(inUse.all()).extracting(Source::alarmName).containsExactly("the portal and admin listeners", "the demo directory",
                "VESTIBULE_ADMIN_CLIENT_CA_FILE", "VESTIBULE_LDAP_TRUST_FILE", "VESTIBULE_OIDC_TRUST_FILE", "the trust store");
        assertThat(inUse.all()).extracting(Source::role).containsExactly(Role.PRESENTED, Role.PRESENTED, Role.TRUSTED, Role.TRUSTED,
                Role.TRUSTED, Role.TRUSTED);
        assertThat(inUse.named(CertificatesInUse.LISTENERS).orElseThrow().origin()).isEqualTo("VESTIBULE_TLS_CERT_FILE (/etc/vestibule/cert.pem)");
        assertThat(inUse.named(CertificatesInUse.LISTENERS).orElseThrow().read()).as("the chain published for this run").containsExactly(leaf);
        assertThat(inUse.named(CertificatesInUse.PROVIDER_TRUST).orElseThrow().read())
                .extracting(read -> read.getSubjectX500Principal().getName()).containsExactly("CN=Provider CA");
        assertThat(inUse.named(CertificatesInUse.DIRECTORY_TRUST).orElseThrow().origin()).isEqualTo("VESTIBULE_LDAP_TRUST_FILE (" + ldap + ")");
    }

    @Test
    void eachReadSeesTheFileAndTheStoreAsTheyAreNow() throws Exception {
        Path ldap = TestCertificates.writePem(data.resolve("ldap-ca.pem"), certificate("CN=Old Directory CA"));
        CaTrustStore store = store();
        CertificatesInUse inUse = inUse(Map.of("vestibule.ldap.trust-file", ldap.toString()), store);
        X509Certificate imported = TestCertificates.authority("CN=Imported CA").certificate();

        TestCertificates.writePem(ldap, certificate("CN=New Directory CA"));
        store.importBundle(PemFiles.toPem(List.of(imported)));

        assertThat(inUse.named(CertificatesInUse.DIRECTORY_TRUST).orElseThrow().read())
                .extracting(read -> read.getSubjectX500Principal().getName()).containsExactly("CN=New Directory CA");
        assertThat(inUse.named(CertificatesInUse.TRUST_STORE).orElseThrow().read()).containsExactly(imported);
    }

    @Test
    void aMissingFileIsAnErrorOfItsSourceOnly() throws Exception {
        CertificatesInUse inUse = inUse(Map.of("vestibule.syslog.ca-file", data.resolve("missing.pem").toString()), store());

        assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> inUse.named(CertificatesInUse.SYSLOG_TRUST).orElseThrow().read());
        assertThatExceptionOfType(NoSuchFileException.class).as("no listener certificate published yet")
                .isThrownBy(() -> inUse.named(CertificatesInUse.LISTENERS).orElseThrow().read());
        assertThat(inUse.named(CertificatesInUse.TRUST_STORE).orElseThrow().read()).isEmpty();
    }
}
