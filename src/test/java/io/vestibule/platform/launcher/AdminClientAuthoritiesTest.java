package io.vestibule.platform.launcher;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminClientAuthoritiesTest {
    @TempDir
    Path directory;

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final Instant now = Instant.now();

    private Path pem(X509Certificate... certificates) throws Exception {
        return TestCertificates.writePem(directory.resolve("admin-cas.pem"), certificates);
    }

    @Test
    void authoritiesAndALastResortCertificateAreReadAndPublishedAsATrustStore() throws Exception {
        X509Certificate organisation = TestCertificates.authority("CN=Example Admin CA").certificate();
        X509Certificate lastResort = TestCertificates.selfSigned("CN=last-resort", TestCertificates.ecKeys(), "SHA384withECDSA",
                now, Duration.ofDays(3650));

        List<X509Certificate> read = AdminClientAuthorities.read(pem(organisation, lastResort), policy, now);
        Path trustStore = directory.resolve("runtime").resolve("admin-client-authorities.p12");
        new TrustStoreProvisioner(policy).publish(read, trustStore, "run-secret".toCharArray());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, "run-secret".toCharArray());
        }
        assertThat(Collections.list(store.aliases())).hasSize(2)
                .allSatisfy(alias -> assertThat(store.isCertificateEntry(alias)).isTrue());
        assertThat(Collections.list(store.aliases()).stream().map(alias -> {
            try {
                return store.getCertificate(alias);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder(organisation, lastResort);
    }

    @Test
    void aWeakKeyIsRefusedNamingTheCertificate() throws Exception {
        X509Certificate weak = TestCertificates.selfSigned("CN=Old RSA CA", TestCertificates.rsaKeys(2048), "SHA256withRSA",
                now, Duration.ofDays(30));
        Path file = pem(TestCertificates.authority("CN=Good CA").certificate(), weak);

        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> AdminClientAuthorities.read(file, policy, now))
                .withMessageContaining("VESTIBULE_ADMIN_CLIENT_CA_FILE").withMessageContaining("certificate 2 of 2")
                .withMessageContaining("CN=Old RSA CA").withMessageContaining("3072");
    }

    @Test
    void aWeakSignatureIsRefused() throws Exception {
        X509Certificate sha1 = TestCertificates.selfSigned("CN=SHA-1 CA", TestCertificates.rsaKeys(3072), "SHA1withRSA",
                now, Duration.ofDays(30));

        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> AdminClientAuthorities.read(pem(sha1), policy, now))
                .withMessageContaining("CN=SHA-1 CA").withMessageContaining("SHA-256 or stronger");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() throws Exception {
        X509Certificate expired = TestCertificates.selfSigned("CN=Expired CA", TestCertificates.ecKeys(), "SHA256withECDSA",
                now.minus(Duration.ofDays(40)), Duration.ofDays(30));
        X509Certificate future = TestCertificates.selfSigned("CN=Future CA", TestCertificates.ecKeys(), "SHA256withECDSA",
                now.plus(Duration.ofDays(2)), Duration.ofDays(30));

        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> AdminClientAuthorities.read(pem(expired), policy, now))
                .withMessageContaining("expired");
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> AdminClientAuthorities.read(pem(future), policy, now))
                .withMessageContaining("not valid before");
    }

    @Test
    void aMissingOrEmptyFileIsRefusedWithTheSettingNamed() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "");

        assertThatExceptionOfType(LaunchFailure.class)
                .isThrownBy(() -> AdminClientAuthorities.read(directory.resolve("missing.pem"), policy, now))
                .withMessageContaining("VESTIBULE_ADMIN_CLIENT_CA_FILE");
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> AdminClientAuthorities.read(empty, policy, now))
                .withMessageContaining("VESTIBULE_ADMIN_CLIENT_CA_FILE");
    }
}
