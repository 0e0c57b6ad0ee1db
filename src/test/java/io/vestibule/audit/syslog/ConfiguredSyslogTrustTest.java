package io.vestibule.audit.syslog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfiguredSyslogTrustTest {
    @TempDir
    Path directory;

    @Test
    void aCaFileBelowThePolicyIsRefusedAtTheConnectionNamingTheSettingAndTheSubject() throws Exception {
        Path file = Files.writeString(directory.resolve("syslog-ca.pem"), PemFiles.toPem(List.of(TestCertificates.selfSigned("CN=Old RSA CA",
                TestCertificates.rsa2048(), "SHA256withRSA", Instant.now(), Duration.ofDays(30)))), StandardCharsets.US_ASCII);
        ConfiguredSyslogTrust trust = new ConfiguredSyslogTrust(new MapConfig(Map.of(ConfiguredSyslogTrust.CA_FILE, file.toString())),
                CryptoPolicy.standard(), emptyStore());

        assertThatExceptionOfType(CertificateException.class).isThrownBy(trust::trustManagers)
                .withMessageStartingWith("VESTIBULE_SYSLOG_CA_FILE: certificate 1 of 1 (CN=Old RSA CA) cannot be trusted: ");
    }

    @Test
    void aCaFileOfPolicyCertificatesGivesTrustManagers() throws Exception {
        Path file = Files.writeString(directory.resolve("syslog-ca.pem"),
                PemFiles.toPem(List.of(TestCertificates.authority("CN=Syslog CA").certificate())), StandardCharsets.US_ASCII);
        ConfiguredSyslogTrust trust = new ConfiguredSyslogTrust(new MapConfig(Map.of(ConfiguredSyslogTrust.CA_FILE, file.toString())),
                CryptoPolicy.standard(), emptyStore());

        assertThat(trust.trustManagers()).isNotEmpty();
    }

    private CaTrustStore emptyStore() throws Exception {
        return new CaTrustStore(directory.resolve("trust-store.pem"), CryptoPolicy.standard(), Clock.systemUTC());
    }
}
