package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.CaTrustStore.BundleOutcome;
import io.vestibule.crypto.pki.CaTrustStore.CrlOutcome;
import io.vestibule.crypto.pki.CaTrustStore.ImportOutcome;
import io.vestibule.crypto.pki.CaTrustStore.ImportOutcome.Result;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TestClock;

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
    @Tag(TestCertificates.NEEDS_BCPROV)
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
    @Test
    void aCrlOfAHeldCaIsImportedVerifiedListedAndKeptAcrossARestart() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=CRL Root");
        X509Certificate revoked = TestCertificates.issue(root, "CN=someone", null).certificate();
        X509CRL crl = TestCertificates.crl(root, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)), revoked.getSerialNumber());
        CaTrustStore store = store();

        BundleOutcome outcome = store.importCertificatesAndCrls(PemFiles.toPem(List.of(root.certificate())) + TestCertificates.crlPem(crl));

        assertThat(outcome.certificates()).extracting(ImportOutcome::result).containsExactly(Result.IMPORTED);
        assertThat(outcome.crls()).extracting(CrlOutcome::result).containsExactly(Result.IMPORTED);
        assertThat(outcome.crls().get(0).fingerprint()).isEqualTo(CaTrustStore.fingerprint(crl)).hasSize(64);
        CaTrustStore reopened = store();
        assertThat(reopened.crls()).containsExactly(crl);
        assertThat(reopened.issuerOf(crl)).contains(root.certificate());
        assertThat(reopened.stale(crl)).isFalse();
        assertThat(reopened.crls().get(0).getRevokedCertificate(revoked)).isNotNull();
    }

    @Test
    void aNewerCrlOfTheSameCaReplacesTheOlderAndAnOlderOneIsRefused() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=CRL Root");
        X509CRL older = TestCertificates.crl(root, Instant.now().minus(Duration.ofHours(2)), Instant.now().plus(Duration.ofDays(7)));
        X509CRL newer = TestCertificates.crl(root, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(7)));
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(root.certificate())));

        assertThat(store.importCrls(TestCertificates.crlPem(older))).extracting(CrlOutcome::result).containsExactly(Result.IMPORTED);
        assertThat(store.importCrls(TestCertificates.crlPem(newer))).extracting(CrlOutcome::result).containsExactly(Result.IMPORTED);
        assertThat(store.crls()).containsExactly(newer);
        assertThat(store.importCrls(TestCertificates.crlPem(newer))).extracting(CrlOutcome::result).containsExactly(Result.DUPLICATE);
        CrlOutcome refused = store.importCrls(TestCertificates.crlPem(older)).get(0);
        assertThat(refused.refusal().orElseThrow().code()).isEqualTo("crl_not_newer");
        assertThat(store.crls()).containsExactly(newer);
    }

    @Test
    void crlsOfUnknownIssuersBadSignaturesStaleOrWeakOnesAreRefusedWithTheirCodesAndNoneOfTheBatchIsKept() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=CRL Root");
        TestCertificates.Issued impostor = TestCertificates.authority("CN=CRL Root");
        TestCertificates.Issued stranger = TestCertificates.authority("CN=Stranger CA");
        Instant now = Instant.now();
        X509CRL good = TestCertificates.crl(root, now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        X509CRL unknownIssuer = TestCertificates.crl(stranger, now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        X509CRL badSignature = TestCertificates.crl(impostor, now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        X509CRL stale = TestCertificates.crl(root, now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1)));
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(root.certificate())));

        List<CrlOutcome> outcomes = store.importCrls(TestCertificates.crlPem(good, unknownIssuer, badSignature, stale));

        assertThat(outcomes).extracting(CrlOutcome::result).containsExactly(Result.IMPORTED, Result.REFUSED, Result.REFUSED, Result.REFUSED);
        assertThat(outcomes.subList(1, 4)).extracting(outcome -> outcome.refusal().orElseThrow().code())
                .containsExactly("crl_unknown_issuer", "crl_bad_signature", "crl_stale");
        assertThat(store.crls()).as("all or none").isEmpty();
        assertThat(store().crls()).isEmpty();
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void aCrlSignedWithSha1IsRefusedByThePolicy() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=CRL Root");
        X509v2CRLBuilder builder = new X509v2CRLBuilder(root.subject(), Date.from(Instant.now().minusSeconds(60)));
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        byte[] encoded = builder.build(new JcaContentSignerBuilder("SHA1withECDSA").setProvider(CryptoPolicy.bouncyCastle()).build(root.key()))
                .getEncoded();
        X509CRL sha1 = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(root.certificate())));

        CrlOutcome outcome = store.importCrls(TestCertificates.crlPem(sha1)).get(0);

        assertThat(outcome.refusal().orElseThrow().code()).isEqualTo("crypto_policy");
        assertThat(store.crls()).isEmpty();
    }

    @Test
    void aCrlWithAnUnknownCriticalExtensionIsRefused() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=CRL Root");
        X509v2CRLBuilder builder = new X509v2CRLBuilder(root.subject(), Date.from(Instant.now().minusSeconds(60)));
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true, DERNull.INSTANCE);
        byte[] encoded = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(CryptoPolicy.bouncyCastle()).build(root.key()))
                .getEncoded();
        X509CRL odd = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
        CaTrustStore store = store();
        store.importBundle(PemFiles.toPem(List.of(root.certificate())));

        assertThat(store.importCrls(TestCertificates.crlPem(odd)).get(0).refusal().orElseThrow().code()).isEqualTo("crl_critical_extension");
    }

    @Test
    void textWithoutACrlOrWithABrokenOneIsRefused() throws Exception {
        CaTrustStore store = store();

        assertThatIllegalArgumentException().isThrownBy(() -> store.importCrls("not a CRL"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.importCrls("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n"));
        assertThatIllegalArgumentException().isThrownBy(() -> store.importCertificatesAndCrls("neither"));
    }

    @Test
    void aCrlIsDeletedByItsFingerprintAndDeletingItsCaDeletesIt() throws Exception {
        TestCertificates.Issued first = TestCertificates.authority("CN=First CA");
        TestCertificates.Issued second = TestCertificates.authority("CN=Second CA");
        X509CRL ofFirst = TestCertificates.crl(first, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        X509CRL ofSecond = TestCertificates.crl(second, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        CaTrustStore store = store();
        store.importCertificatesAndCrls(PemFiles.toPem(List.of(first.certificate(), second.certificate())) + TestCertificates.crlPem(ofFirst, ofSecond));

        assertThat(store.deleteCrl(CaTrustStore.fingerprint(ofFirst).toUpperCase())).contains(ofFirst);
        assertThat(store.deleteCrl(CaTrustStore.fingerprint(ofFirst))).isEmpty();
        assertThat(store.crls()).containsExactly(ofSecond);

        store.delete(CaTrustStore.fingerprint(second.certificate()));
        assertThat(store.crls()).isEmpty();
        assertThat(store().crls()).isEmpty();
    }

    @Test
    void aCrlPastItsNextUpdateIsStale() throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=CRL Root");
        TestClock clock = new TestClock(Instant.now());
        CaTrustStore store = new CaTrustStore(directory.resolve("trust-store.pem"), POLICY, clock);
        X509CRL crl = TestCertificates.crl(root, clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofHours(1)));
        store.importCertificatesAndCrls(PemFiles.toPem(List.of(root.certificate())) + TestCertificates.crlPem(crl));

        assertThat(store.stale(crl)).isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(store.stale(crl)).isTrue();
        assertThat(store.crls()).as("kept, and listed as stale, until replaced").containsExactly(crl);
    }
}
