package io.vestibule.crypto;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicyReport.KeyInUse;
import io.vestibule.crypto.CryptoPolicyReport.Use;
import io.vestibule.crypto.CryptoPolicyReport.Verdict;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoPolicyReportTest {
    private final CryptoPolicyReport report = new CryptoPolicyReport(CryptoPolicy.standard());
    private final Instant now = Instant.now();

    @Test
    void aPresentedP256ChainIsCompliantWithItsCurveSignatureAndExpiry() {
        TestCertificates.Issued authority = TestCertificates.authority("CN=Example CA");
        TestCertificates.Issued leaf = TestCertificates.issue(authority, "CN=vestibule.example", null);

        Use use = report.presented("listener_portal", "VESTIBULE_TLS_CERT_FILE", List.of(leaf.certificate(), authority.certificate()));

        assertThat(use.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(use.reason()).isEmpty();
        KeyInUse principal = use.principal().orElseThrow();
        assertThat(principal.subject()).contains("CN=vestibule.example");
        assertThat(principal.algorithm()).isEqualTo("EC");
        assertThat(principal.keySize()).isEqualTo(256);
        assertThat(principal.curve()).contains("secp256r1");
        assertThat(principal.signatureAlgorithm()).contains("SHA256withECDSA");
        assertThat(principal.notAfter()).contains(leaf.certificate().getNotAfter().toInstant());
        assertThat(use.keys()).hasSize(2);
    }

    @Test
    void aPresentedChainIsJudgedAsAtStartTheSelfSignedRootsSignatureIsNotWhatClientsCheck() {
        X509Certificate sha1Root = TestCertificates.selfSigned("CN=Old root", TestCertificates.ecKeys(), "SHA1withECDSA", now, Duration.ofDays(30));

        assertThat(report.presented("listener_admin", "VESTIBULE_TLS_CERT_FILE", List.of(sha1Root)).verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(report.trusted("directory_trust", "VESTIBULE_LDAP_TRUST_FILE", List.of(sha1Root)).verdict())
                .as("a trusted certificate's signature counts, self-signed or not").isEqualTo(Verdict.REFUSED);
    }

    @Test
    void anRsa2048AnchorIsRefusedNamingItsSubjectAndSize() {
        X509Certificate weak = TestCertificates.selfSigned("CN=Old RSA CA", TestCertificates.rsa2048(), "SHA256withRSA", now, Duration.ofDays(30));
        X509Certificate strong = TestCertificates.authority("CN=Good CA").certificate();

        Use use = report.trusted("provider_trust", "VESTIBULE_OIDC_TRUST_FILE", List.of(strong, weak));

        assertThat(use.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(use.reason().orElseThrow()).contains("CN=Old RSA CA").contains("3072").contains("2048");
        assertThat(use.keys()).extracting(KeyInUse::verdict).containsExactly(Verdict.COMPLIANT, Verdict.REFUSED);
        assertThat(use.keys().get(1).algorithm()).isEqualTo("RSA");
        assertThat(use.keys().get(1).keySize()).isEqualTo(2048);
        assertThat(use.keys().get(1).curve()).isEmpty();
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void aSha1SignedAnchorIsRefusedNamingTheSignature() {
        X509Certificate sha1 = TestCertificates.selfSigned("CN=SHA-1 CA", TestCertificates.ecKeys(), "SHA1withECDSA", now, Duration.ofDays(30));

        Use use = report.trusted("syslog_trust", "VESTIBULE_SYSLOG_CA_FILE", List.of(sha1));

        assertThat(use.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(use.reason().orElseThrow()).contains("CN=SHA-1 CA").contains("SHA1withECDSA");
        assertThat(use.principal().orElseThrow().signatureAlgorithm()).contains("SHA1withECDSA");
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void aP192AnchorIsRefusedNamingTheCurve() {
        X509Certificate p192 = TestCertificates.selfSigned("CN=Small curve CA", TestCertificates.ecKeysOn("secp192r1"), "SHA256withECDSA",
                now, Duration.ofDays(30));

        Use use = report.trusted("admin_client_ca", "VESTIBULE_ADMIN_CLIENT_CA_FILE", List.of(p192));

        assertThat(use.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(use.reason().orElseThrow()).contains("CN=Small curve CA").contains("P-256").contains("192-bit");
        assertThat(use.principal().orElseThrow().keySize()).isEqualTo(192);
    }

    @Test
    void signingKeysAreJudgedWithTheSignatureThePolicyPairsWithThem() {
        Use good = report.signingKeys("token_signing", "database", List.of(TestCertificates.ecKeys().getPublic()));
        assertThat(good.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(good.principal().orElseThrow().signatureAlgorithm()).contains("SHA256withECDSA");

        Use weak = report.signingKeys("cdr_checkpoints", "master key store",
                List.of(TestCertificates.ecKeys().getPublic(), TestCertificates.rsa2048().getPublic()));
        assertThat(weak.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(weak.reason().orElseThrow()).startsWith("key 2 of 2: ").contains("2048");
        assertThat(weak.keys().get(1).signatureAlgorithm()).isEmpty();
    }

    @Test
    void sealingUsesThePolicysCipherAndKeySize() {
        Use use = report.sealed("cdr_sealing", "a data key per day");

        assertThat(use.verdict()).isEqualTo(Verdict.COMPLIANT);
        assertThat(use.principal().orElseThrow().algorithm()).isEqualTo("AES-256-GCM");
        assertThat(use.principal().orElseThrow().keySize()).isEqualTo(256);
    }

    @Test
    void signatureNamesAreSpelledAsTheJdkDoesWhoeverMadeTheCertificate() {
        X509Certificate bouncyCastle = new SelfSignedCertificateIssuer(CryptoPolicy.standard(), new SecureRandom())
                .issue("gateway.vestibule.invalid", List.of(), now).leaf();
        assertThat(bouncyCastle.getSigAlgName()).as("Bouncy Castle's spelling").isEqualTo("SHA256WITHECDSA");

        assertThat(report.presented("dtls", "gateway", List.of(bouncyCastle)).principal().orElseThrow().signatureAlgorithm())
                .contains("SHA256withECDSA");
    }

    @Test
    void usesWithoutKeysSayWhy() {
        assertThat(report.absent("backups", "not built yet")).satisfies(use -> {
            assertThat(use.verdict()).isEqualTo(Verdict.ABSENT);
            assertThat(use.reason()).contains("not built yet");
            assertThat(use.keys()).isEmpty();
        });
        assertThat(report.unchecked("provider_trust", "JVM trust store", "no trust file").verdict()).isEqualTo(Verdict.UNCHECKED);
        assertThat(report.unreadable("admin_client_ca", "file", "gone").verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(report.trusted("directory_trust", "file", List.of()).verdict()).isEqualTo(Verdict.ABSENT);
    }
}
