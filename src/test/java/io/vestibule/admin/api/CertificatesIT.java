package io.vestibule.admin.api;

import java.io.StringReader;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.nio.file.Files;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ListenerCertificates;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server certificates through the admin API on the built jar (R-TLS-4): a signing request made, downloaded, signed by
 * a CA made here and installed; a certificate for another key refused as not a pair; the installed one deleted; an
 * assignment of an unknown certificate refused; and CA-signed certificates assigned to each listener and seen at once
 * by new clients, without a restart. Every other class relies on the shared server's own certificate, so both
 * listeners go back to it before the test ends.
 */
@ExtendWith(ServerResolver.class)
class CertificatesIT {

    @Test
    void aReadWriteAdministratorMakesARequestInstallsWhatTheCaSignedAndDeletesIt(VestibuleServer server) throws Exception {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        TestCertificates.Issued ca = TestCertificates.authority("CN=CertificatesIT Root CA");

        ApiResponse created = dave.post("/certificates/requests", Json.createObjectBuilder().add("keyType", "ec-p256")
                .add("subject", Json.createObjectBuilder().add("CN", "meet.example.org").add("O", "Example").add("C", "ES"))
                .add("dnsNames", Json.createArrayBuilder().add("meet.example.org")).add("msTemplate", "WebServer").build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        ApiResponse download = dave.get("/certificates/requests/" + id + "/csr");
        assertThat(download.status()).as(download.toString()).isEqualTo(200);
        assertThat(download.body()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(carol.post("/certificates/requests", JsonObject.EMPTY_JSON_OBJECT).errorCode()).isEqualTo("forbidden");

        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(download.body()))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        String someoneElses = PemFiles.toPem(List.of(TestCertificates.issue(ca, "CN=other.example.org", null).certificate(), ca.certificate()));
        ApiResponse notAPair = dave.post("/certificates/requests/" + id + "/certificate",
                Json.createObjectBuilder().add("certificates", someoneElses).build());
        assertThat(notAPair.status()).as(notAPair.toString()).isEqualTo(400);
        assertThat(notAPair.errorCode()).isEqualTo("not_a_pair");
        assertThat(notAPair.json().getString("message")).isEqualTo("certificate and private key are not a pair");

        ApiResponse installed = dave.post("/certificates/requests/" + id + "/certificate", Json.createObjectBuilder()
                .add("certificates", PemFiles.toPem(List.of(sign(csr, ca)))).add("caCertificates", PemFiles.toPem(List.of(ca.certificate()))).build());
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        String certificateId = installed.json().getString("id");
        assertThat(installed.json().getString("issuer")).isEqualTo("CN=CertificatesIT Root CA");
        assertThat(installed.json().getJsonArray("subjectAlternativeNames").getString(0)).isEqualTo("meet.example.org");
        assertThat(dave.get("/certificates").jsonArray().getValuesAs(JsonObject.class))
                .anySatisfy(listed -> assertThat(listed.getString("id")).isEqualTo(certificateId));
        assertThat(dave.get("/certificates/requests").jsonArray().getValuesAs(JsonObject.class))
                .noneSatisfy(pending -> assertThat(pending.getString("id")).isEqualTo(id));

        ApiResponse unknown = dave.put("/certificates/assignments", Json.createObjectBuilder().add("admin", "0000000000000000").build());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("no_such_certificate");
        ApiResponse deleted = dave.delete("/certificates/" + certificateId);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(dave.get("/certificates").body()).doesNotContain(certificateId);

        String audit = carol.get("/audit?type=certificate.install&actor=dave").body();
        assertThat(audit).contains("certificate " + certificateId).contains("not_a_pair");
        for (String type : List.of("certificate.request.create", "certificate.delete", "certificate.assign")) {
            assertThat(carol.get("/audit?type=" + type + "&actor=dave").jsonArray()).as(type).isNotEmpty();
        }
    }

    /** Garbage, an oversized upload, a PKCS#12 file with the wrong passphrase and a chain that loops: 400 and a code each. */
    @Test
    void badUploadsAreRefusedWithAStableCodeNeverA500(VestibuleServer server) throws Exception {
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        ApiResponse garbage = dave.post("/certificates", Json.createObjectBuilder().add("format", "pem")
                .add("certificates", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n").add("privateKey", "garbage").build());
        assertThat(garbage.status()).as(garbage.toString()).isEqualTo(400);
        assertThat(garbage.errorCode()).isEqualTo("unreadable");

        ApiResponse huge = dave.post("/certificates", Json.createObjectBuilder().add("format", "pem")
                .add("certificates", "A".repeat(10 * 1024 * 1024)).add("privateKey", "B").build());
        assertThat(huge.status()).as(huge.toString()).isIn(400, 413);
        assertThat(huge.body()).contains("too_large");

        TestCertificates.Issued ca = TestCertificates.authority("CN=CertificatesIT PKCS12 CA");
        TestCertificates.Issued leaf = TestCertificates.loopbackServer(ca, "CN=pkcs12.certificates-it.test");
        java.security.KeyStore pkcs12 = java.security.KeyStore.getInstance("PKCS12");
        pkcs12.load(null, null);
        pkcs12.setKeyEntry("server", leaf.key(), "the-right-passphrase".toCharArray(),
                new java.security.cert.Certificate[] {leaf.certificate(), ca.certificate()});
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        pkcs12.store(file, "the-right-passphrase".toCharArray());
        ApiResponse wrong = dave.post("/certificates", Json.createObjectBuilder().add("format", "pkcs12")
                .add("pkcs12", java.util.Base64.getEncoder().encodeToString(file.toByteArray())).add("passphrase", "not-the-passphrase").build());
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        assertThat(wrong.errorCode()).isEqualTo("wrong_passphrase");
        assertThat(wrong.body()).doesNotContain("not-the-passphrase");

        // A certifies B and B certifies A: following issuers from the leaf comes back to A, with no root.
        TestCertificates.Issued a = TestCertificates.authority("CN=Loop A");
        TestCertificates.Issued b = TestCertificates.issue(a, "CN=Loop B", true);
        TestCertificates.Issued aByB = TestCertificates.crossCertified(a, b);
        TestCertificates.Issued looped = TestCertificates.loopbackServer(a, "CN=loop.certificates-it.test");
        ApiResponse loop = dave.post("/certificates", Json.createObjectBuilder().add("format", "pem")
                .add("certificates", PemFiles.toPem(List.of(looped.certificate(), aByB.certificate(), b.certificate())))
                .add("privateKey", TestCertificates.privateKeyPem(looped.key())).build());
        assertThat(loop.status()).as(loop.toString()).isEqualTo(400);
        assertThat(loop.errorCode()).isEqualTo("chain_incomplete");
        assertThat(Files.readString(server.log())).doesNotContain("the-right-passphrase").doesNotContain("not-the-passphrase");
    }

    @Test
    void anAssignedCertificateIsPresentedToNewClientsAtOnceAndTheOtherListenerKeepsItsOwn(VestibuleServer server) throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("CN=CertificatesIT Listener CA, O=Vestibule tests");
        TestCertificates.Issued portal = TestCertificates.loopbackServer(ca, "CN=portal.certificates-it.test");
        TestCertificates.Issued admin = TestCertificates.loopbackServer(ca, "CN=admin.certificates-it.test");
        X509Certificate own = PemFiles.readCertificates(server.certificateFile()).get(0);
        AdminClient dave = server.newAdminClientAlsoTrusting(ca.certificate()).signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
        String portalId = dave.installCertificate(portal, ca);
        String adminId = dave.installCertificate(admin, ca);
        try {
            ApiResponse toPortal = dave.put("/certificates/assignments", Json.createObjectBuilder().add("portal", portalId).build());
            assertThat(toPortal.status()).as(toPortal.toString()).isEqualTo(200);
            assertThat(toPortal.json().getString("appliesAt")).isEqualTo("now");
            assertThat(ListenerCertificates.leaf(server.httpsPort(), ca.certificate())).isEqualTo(portal.certificate());
            assertThat(ListenerCertificates.leaf(server.adminPort(), own)).as("the admin listener is unchanged").isEqualTo(own);
            String report = dave.get("/crypto-policy").body();
            assertThat(report).as("the crypto policy report shows what the listener presents now").contains("CN=portal.certificates-it.test");

            ApiResponse toAdmin = dave.put("/certificates/assignments", Json.createObjectBuilder().add("admin", adminId).build());
            assertThat(toAdmin.status()).as(toAdmin.toString()).isEqualTo(200);
            assertThat(ListenerCertificates.leaf(server.adminPort(), ca.certificate())).isEqualTo(admin.certificate());
            assertThat(ListenerCertificates.leaf(server.httpsPort(), ca.certificate())).isEqualTo(portal.certificate());
            assertThat(dave.get("/certificates/assignments").json()).containsEntry("portal", Json.createValue(portalId))
                    .containsEntry("admin", Json.createValue(adminId));
        } finally {
            dave.delete("/certificates/assignments/portal");
            dave.delete("/certificates/assignments/admin");
        }
        assertThat(ListenerCertificates.leaf(server.httpsPort(), own)).isEqualTo(own);
        assertThat(ListenerCertificates.leaf(server.adminPort(), own)).isEqualTo(own);
        ApiResponse again = dave.delete("/certificates/assignments/admin");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("not_assigned");
        assertThat(dave.delete("/certificates/" + portalId).status()).isEqualTo(204);
        assertThat(dave.delete("/certificates/" + adminId).status()).isEqualTo(204);
        assertThat(carol.get("/audit?type=certificate.assign&actor=dave").body()).contains("certificate " + portalId)
                .contains("certificate " + adminId).contains("the self-signed certificate again").contains("not_assigned");
    }

    /** What the CA does with the request: its subject, key and names, signed with the CA's key. */
    private static java.security.cert.X509Certificate sign(PKCS10CertificationRequest csr, TestCertificates.Issued ca) throws Exception {
        Extensions requested = Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.subject(), BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plus(Duration.ofDays(30))), csr.getSubject(),
                new JcaPKCS10CertificationRequest(csr).getPublicKey());
        builder.addExtension(requested.getExtension(Extension.subjectAlternativeName));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(CryptoPolicy.bouncyCastle()).build(ca.key())));
    }
}
