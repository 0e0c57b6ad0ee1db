package io.vestibule.crypto.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CaTrustStore.ImportOutcome;
import io.vestibule.crypto.pki.CaTrustStore.ImportOutcome.Result;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CaTrustStoreTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    @TempDir
    Path directory;

    private CaTrustStore store() throws Exception {
        return new CaTrustStore(directory.resolve("tls").resolve("trust-store.pem"), POLICY, Clock.systemUTC());
    }

    @Test
    void aBundleOfSeveralCasIsImportedAtOnceAndKeptAcrossARestart() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=Root CA");
        X509Certificate intermediate = TestCertificates.issue(root, "CN=Issuing CA", true).certificate();
        CaTrustStore store = store();

        List<ImportOutcome> outcomes = store.importBundle("# our CAs\n" + PemFiles.toPem(List.of(root.certificate(), intermediate)));

        assertThat(outcomes).extracting(ImportOutcome::result).containsExactly(Result.IMPORTED, Result.IMPORTED);
        assertThat(outcomes.get(0).fingerprint()).hasSize(64).isEqualTo(CaTrustStore.fingerprint(root.certificate()));
        assertThat(store().certificates()).containsExactly(root.certificate(), intermediate);
    }

    @Test
    void eachRefusalNamesItsReasonAndTheOthersOfTheBundleAreImported() throws Exception {
        X509Certificate good = TestCertificates.authority("CN=Good CA").certificate();
        X509Certificate weakKey = TestCertificates.selfSigned("CN=RSA 2048 CA", TestCertificates.rsa2048(), "SHA256withRSA",
                Instant.now(), Duration.ofDays(30));
        X509Certificate sha1 = TestCertificates.selfSigned("CN=SHA-1 CA", TestCertificates.ecKeys(), "SHA1withECDSA",
                Instant.now(), Duration.ofDays(30));
        X509Certificate expired = TestCertificates.selfSigned("CN=Expired CA", TestCertificates.ecKeys(), "SHA256withECDSA",
                Instant.now().minus(Duration.ofDays(60)), Duration.ofDays(30));
        X509Certificate leaf = TestCertificates.issue(TestCertificates.authority("CN=Other CA"), "CN=server.example.org", null).certificate();
        CaTrustStore store = store();

        List<ImportOutcome> outcomes = store.importBundle(PemFiles.toPem(List.of(weakKey, good, sha1, expired, leaf)));

        assertThat(outcomes).extracting(ImportOutcome::result)
                .containsExactly(Result.REFUSED, Result.IMPORTED, Result.REFUSED, Result.REFUSED, Result.REFUSED);
        assertThat(outcomes.get(0).refusal().orElseThrow().code()).isEqualTo("crypto_policy");
        assertThat(outcomes.get(0).refusal().orElseThrow().message()).contains("3072");
        assertThat(outcomes.get(2).refusal().orElseThrow().code()).isEqualTo("crypto_policy");
        assertThat(outcomes.get(3).refusal().orElseThrow().code()).isEqualTo("expired");
        assertThat(outcomes.get(4).refusal().orElseThrow().code()).isEqualTo("not_a_ca");
        assertThat(store.certificates()).containsExactly(good);
    }

    @Test
    void aP192CaIsRefusedByThePolicy() throws Exception {
        X509Certificate p192 = TestCertificates.selfSigned("CN=P-192 CA", TestCertificates.ecKeysOn("secp192r1"), "SHA256withECDSA",
                Instant.now(), Duration.ofDays(30));

        ImportOutcome outcome = store().importBundle(PemFiles.toPem(List.of(p192))).get(0);

        assertThat(outcome.result()).isEqualTo(Result.REFUSED);
        assertThat(outcome.refusal().orElseThrow().code()).isEqualTo("crypto_policy");
    }

    @Test
    void theExportImportedElsewhereGivesTheSameSetAndDuplicatesAreIgnored() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=Root CA");
        X509Certificate intermediate = TestCertificates.issue(root, "CN=Issuing CA", true).certificate();
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(root.certificate(), intermediate)));
        CaTrustStore other = new CaTrustStore(directory.resolve("other.pem"), POLICY, Clock.systemUTC());

        other.importBundle(store.exportPem());
        List<ImportOutcome> again = other.importBundle(store.exportPem());

        assertThat(other.certificates()).containsExactlyElementsOf(store.certificates());
        assertThat(again).extracting(ImportOutcome::result).containsOnly(Result.DUPLICATE);
    }

    @Test
    void aDeletedCertificateIsGoneAndTheOthersStay() throws Exception {
        X509Certificate first = TestCertificates.authority("CN=First CA").certificate();
        X509Certificate second = TestCertificates.authority("CN=Second CA").certificate();
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(first, second)));

        assertThat(store.delete(CaTrustStore.fingerprint(first).toUpperCase())).contains(first);
        assertThat(store.delete(CaTrustStore.fingerprint(first))).isEmpty();
        assertThat(store().certificates()).containsExactly(second);
    }

    @Test
    void textWithoutACertificateIsRefused() throws Exception {
        CaTrustStore store = store();

        assertThatIllegalArgumentException().isThrownBy(() -> store.importBundle("not a certificate"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.importBundle(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertThat(store.certificates()).isEmpty();
    }
}
