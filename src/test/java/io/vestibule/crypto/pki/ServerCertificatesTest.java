package io.vestibule.crypto.pki;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerCertificatesTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    @TempDir
    Path directory;

    private final Instant now = Instant.now();

    private ServerCertificates certificates() {
        MasterKeyStore store = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                new MasterPassphrase("test passphrase".toCharArray(), false), POLICY);
        return new ServerCertificates(store, POLICY, POLICY.newSecureRandom(), Clock.systemUTC());
    }

    @Test
    void aRequestSignedByACaIsInstalledWithItsKeyAndChain() throws Exception {
        ServerCertificates certificates = certificates();
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        CertificateRequest request = certificates.createRequest(new CertificateRequestSpec(CertificateKeyType.EC_P384,
                new X500Name("C=ES, O=Example, CN=meet.example.org"), List.of("meet.example.org"), List.of("192.0.2.10"),
                Optional.of("WebServer")));

        PKCS10CertificationRequest csr = parse(certificates.requestPem(request.id()));
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(CryptoPolicy.bouncyCastle())
                .build(csr.getSubjectPublicKeyInfo()))).isTrue();
        assertThat(new JcaPKCS10CertificationRequest(csr).getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).as("ecdsa-with-SHA384").isEqualTo("1.2.840.10045.4.3.3");
        Extensions requested = requestedExtensions(csr);
        assertThat(((ASN1String) requested.getExtensionParsedValue(ServerCertificates.MS_TEMPLATE_NAME)).getString())
                .isEqualTo("WebServer");
        assertThat(certificates.requests()).extracting(CertificateRequest::id).containsExactly(request.id());

        X509Certificate signed = sign(csr, ca, "SHA256withECDSA");
        InstalledCertificate installed = certificates.installSigned(request.id(), PemFiles.toPem(List.of(signed)),
                PemFiles.toPem(List.of(ca.certificate())));

        assertThat(installed.subject()).isEqualTo("CN=meet.example.org,O=Example,C=ES");
        assertThat(installed.issuer()).isEqualTo("CN=Test Root CA");
        assertThat(installed.subjectAlternativeNames()).containsExactly("meet.example.org", "192.0.2.10");
        assertThat(installed.keyBits()).isEqualTo(384);
        assertThat(installed.usedBy()).isEmpty();
        assertThat(certificates.requests()).as("the request is done").isEmpty();
        assertThat(certificates.installed()).extracting(InstalledCertificate::id).containsExactly(installed.id());
    }

    @Test
    void anRsa4096RequestIsSignedWithSha384() throws Exception {
        ServerCertificates certificates = certificates();
        CertificateRequest request = certificates.createRequest(new CertificateRequestSpec(CertificateKeyType.RSA_4096,
                new X500Name("CN=meet.example.org"), List.of("meet.example.org"), List.of(), Optional.empty()));

        assertThat(parse(certificates.requestPem(request.id())).getSignatureAlgorithm().getAlgorithm())
                .isEqualTo(PKCSObjectIdentifiers.sha384WithRSAEncryption);
        assertThat(request.keyBits()).isEqualTo(4096);
    }

    @Test
    void aCertificateForAnotherKeyIsNotAPair() throws Exception {
        ServerCertificates certificates = certificates();
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        CertificateRequest request = certificates.createRequest(spec());
        X509Certificate someoneElses = TestCertificates.issue(ca, "CN=other.example.org", null).certificate();

        assertThatThrownBy(() -> certificates.installSigned(request.id(), PemFiles.toPem(List.of(someoneElses, ca.certificate())), ""))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("not_a_pair"))
                .hasMessage("certificate and private key are not a pair");
        assertThat(certificates.requests()).as("the request waits for its certificate").hasSize(1);
        TestCertificates.Issued mine = TestCertificates.issue(ca, "CN=meet.example.org", null);
        assertThatThrownBy(() -> certificates.installWithKey(PemFiles.toPem(List.of(someoneElses, ca.certificate())),
                TestCertificates.privateKeyPem(mine.key()), null))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("not_a_pair"));
    }

    @Test
    void aChainThatReachesNoRootIsRefused() {
        ServerCertificates certificates = certificates();
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        TestCertificates.Issued server = TestCertificates.issue(ca, "CN=meet.example.org", null);

        assertThatThrownBy(() -> certificates.installWithKey(PemFiles.toPem(List.of(server.certificate())),
                TestCertificates.privateKeyPem(server.key()), null))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("chain_incomplete"));
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void rsa2048Sha1AndP192CertificatesAreRefusedByThePolicyWithTheReason() throws Exception {
        ServerCertificates certificates = certificates();
        KeyPair rsa2048 = TestCertificates.rsa2048();
        X509Certificate weakRsa = TestCertificates.selfSigned("CN=rsa.example.org", rsa2048, "SHA256withRSA", now, Duration.ofDays(30));
        KeyPair p192 = TestCertificates.ecKeysOn("secp192r1");
        X509Certificate weakCurve = TestCertificates.selfSigned("CN=p192.example.org", p192, "SHA256withECDSA", now, Duration.ofDays(30));
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        KeyPair server = TestCertificates.ecKeys();
        X509Certificate sha1 = issued(ca, new X500Name("CN=sha1.example.org"), server, "SHA1withECDSA");

        assertRefusedByPolicy(() -> certificates.installWithKey(PemFiles.toPem(List.of(weakRsa)), TestCertificates.privateKeyPem(rsa2048.getPrivate()), null),
                "RSA keys must have at least 3072 bits");
        assertRefusedByPolicy(() -> certificates.installWithKey(PemFiles.toPem(List.of(weakCurve)), TestCertificates.privateKeyPem(p192.getPrivate()), null),
                "P-256, P-384 or P-521");
        assertRefusedByPolicy(() -> certificates.installWithKey(PemFiles.toPem(List.of(sha1, ca.certificate())),
                TestCertificates.privateKeyPem(server.getPrivate()), null), "SHA1withECDSA");
        assertThat(certificates.installed()).isEmpty();
    }

    @Test
    void aPkcs12FileIsInstalledWithItsPassphraseAndRefusedWithAnother() throws Exception {
        ServerCertificates certificates = certificates();
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        TestCertificates.Issued server = TestCertificates.issue(ca, "CN=meet.example.org", null);
        KeyStore store = server.keyStore("right passphrase".toCharArray(), ca.certificate());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, "right passphrase".toCharArray());

        assertThatThrownBy(() -> certificates.installPkcs12(bytes.toByteArray(), "wrong passphrase".toCharArray()))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("wrong_passphrase"))
                .hasMessageNotContaining("passphrase\"").hasMessageNotContaining("wrong passphrase");
        assertThatThrownBy(() -> certificates.installPkcs12(Base64.getEncoder().encode("not a key store".getBytes()), "x".toCharArray()))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isIn("unreadable", "wrong_passphrase"));
        InstalledCertificate installed = certificates.installPkcs12(bytes.toByteArray(), "right passphrase".toCharArray());
        assertThat(installed.subject()).isEqualTo("CN=meet.example.org");
    }

    @Test
    void anAssignedCertificateIsKeptForTheLauncherAndCannotBeDeleted() {
        ServerCertificates certificates = certificates();
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        TestCertificates.Issued server = TestCertificates.issue(ca, "CN=meet.example.org", null);
        InstalledCertificate installed = certificates.installWithKey(PemFiles.toPem(List.of(server.certificate(), ca.certificate())),
                TestCertificates.privateKeyPem(server.key()), null);

        certificates.assign(Map.of("admin", installed.id()));

        assertThat(certificates.installed().get(0).usedBy()).containsExactly("admin");
        assertThat(certificates.assignments()).containsExactly(Map.entry("admin", installed.id()));
        assertThatThrownBy(() -> certificates.delete(installed.id()))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("in_use"));
        MasterKeyStore reopened = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                new MasterPassphrase("test passphrase".toCharArray(), false), POLICY);
        assertThat(reopened.tlsIdentity(ServerCertificates.assignedIdentityName("admin")).orElseThrow().leaf()).isEqualTo(server.certificate());
        assertThat(reopened.tlsIdentity(ServerCertificates.assignedIdentityName("portal"))).isEmpty();
    }

    /** The listeners run here but none answers on loopback: nothing changes, the earlier assignment included. */
    @Test
    void anAssignmentNoListenerPresentsLeavesTheEarlierOneInPlace() throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        TestCertificates.Issued first = TestCertificates.issue(ca, "CN=first.example.org", null);
        TestCertificates.Issued second = TestCertificates.issue(ca, "CN=second.example.org", null);
        ServerCertificates earlier = certificates();
        InstalledCertificate kept = earlier.installWithKey(PemFiles.toPem(List.of(first.certificate(), ca.certificate())),
                TestCertificates.privateKeyPem(first.key()), null);
        earlier.assign(Map.of("portal", kept.id()));
        ListenerKeyStore listeners = new ListenerKeyStore(directory.resolve("https.p12"), "run only".toCharArray(), POLICY);
        TlsIdentity presented = new TlsIdentity(first.key(), List.of(first.certificate(), ca.certificate()));
        listeners.write(Map.of(ListenerKeyStore.PORTAL_ALIAS, presented, ListenerKeyStore.ADMIN_ALIAS, presented));
        MasterKeyStore store = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                new MasterPassphrase("test passphrase".toCharArray(), false), POLICY);
        ServerCertificates running = new ServerCertificates(store, POLICY, POLICY.newSecureRandom(), Clock.systemUTC(), Optional.of(
                new ListenerSwitch(listeners, new OwnListeners(Map.of(), Duration.ofMillis(200)), Duration.ofMillis(300), Clock.systemUTC())));
        InstalledCertificate refused = running.installWithKey(PemFiles.toPem(List.of(second.certificate(), ca.certificate())),
                TestCertificates.privateKeyPem(second.key()), null);

        assertThatThrownBy(() -> running.assign(Map.of("portal", refused.id(), "admin", refused.id())))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("not_served"));

        assertThat(running.assignments()).containsExactly(Map.entry("portal", kept.id()));
        assertThat(listeners.read().get(ListenerKeyStore.PORTAL_ALIAS).leaf()).isEqualTo(first.certificate());
        assertThat(listeners.read().get(ListenerKeyStore.ADMIN_ALIAS).leaf()).isEqualTo(first.certificate());
        assertThatThrownBy(() -> running.unassign("admin"))
                .isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("not_assigned"));
    }

    private static void assertRefusedByPolicy(org.assertj.core.api.ThrowableAssert.ThrowingCallable install, String reason) {
        assertThatThrownBy(install).isInstanceOfSatisfying(CertificateRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo("policy_refused"))
                .hasMessageContaining(reason);
    }

    private static CertificateRequestSpec spec() {
        return new CertificateRequestSpec(CertificateKeyType.EC_P256, new X500Name("CN=meet.example.org"), List.of("meet.example.org"),
                List.of(), Optional.empty());
    }

    private static PKCS10CertificationRequest parse(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return (PKCS10CertificationRequest) parser.readObject();
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        ASN1Encodable value = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0);
        return Extensions.getInstance(value);
    }

    /** What the test CA does with a request: its subject, key and requested extensions, signed by the CA. */
    private static X509Certificate sign(PKCS10CertificationRequest csr, TestCertificates.Issued ca, String algorithm) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.subject(), BigInteger.valueOf(System.nanoTime()),
                java.util.Date.from(Instant.now().minusSeconds(60)), java.util.Date.from(Instant.now().plus(Duration.ofDays(90))),
                csr.getSubject(), new JcaPKCS10CertificationRequest(csr).getPublicKey());
        builder.addExtension(requestedExtensions(csr).getExtension(Extension.subjectAlternativeName));
        return new JcaX509CertificateConverter().setProvider(CryptoPolicy.bouncyCastle())
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(CryptoPolicy.bouncyCastle()).build(ca.key())));
    }

    private static X509Certificate issued(TestCertificates.Issued ca, X500Name subject, KeyPair keys, String algorithm) throws Exception {
        PrivateKey issuerKey = ca.key();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.subject(), BigInteger.valueOf(System.nanoTime()),
                java.util.Date.from(Instant.now().minusSeconds(60)), java.util.Date.from(Instant.now().plus(Duration.ofDays(90))), subject, keys.getPublic());
        return new JcaX509CertificateConverter().setProvider(CryptoPolicy.bouncyCastle())
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(CryptoPolicy.bouncyCastle()).build(issuerKey)));
    }
}
