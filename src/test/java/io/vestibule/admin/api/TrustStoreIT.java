package io.vestibule.admin.api;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.Chromium;
import io.vestibule.testing.ConsoleSignIn;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.VestibuleServer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trust store from the outside: a bundle imported (a weak CA refused), listed, exported, deleted, each audited; CRLs
 * of its CAs imported, listed, deleted, and refused with a stable reason when they are not CRLs, come from a CA the store
 * does not hold, or are not signed by its key.
 */
@ExtendWith(ServerResolver.class)
class TrustStoreIT {

    @Test
    void aBundleIsImportedListedExportedAndDeletedAndEachChangeIsAudited(VestibuleServer server) throws Exception {
        TestCertificates.Issued root = TestCertificates.authority("CN=TrustStoreIT Root");
        X509Certificate intermediate = TestCertificates.issue(root, "CN=TrustStoreIT Issuing", true).certificate();
        X509Certificate weak = TestCertificates.selfSigned("CN=TrustStoreIT Weak", TestCertificates.rsa2048(), "SHA256withRSA",
                Instant.now(), Duration.ofDays(30));
        String rootId = CaTrustStore.fingerprint(root.certificate());
        String intermediateId = CaTrustStore.fingerprint(intermediate);
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());

        ApiResponse imported = dave.post("/trust-store", Json.createObjectBuilder()
                .add("pem", PemFiles.toPem(List.of(root.certificate(), intermediate, weak))).build());

        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        List<JsonObject> results = imported.json().getJsonArray("results").getValuesAs(JsonObject.class);
        assertThat(results).extracting(result -> result.getString("result")).containsExactly("imported", "imported", "refused");
        assertThat(results.get(2).getString("reason")).isEqualTo("crypto_policy");
        assertThat(dave.get("/trust-store").jsonArray().getValuesAs(JsonObject.class))
                .filteredOn(listed -> listed.getString("id").equals(intermediateId)).singleElement()
                .satisfies(listed -> {
                    assertThat(listed.getString("subject")).isEqualTo("CN=TrustStoreIT Issuing");
                    assertThat(listed.getString("issuer")).isEqualTo("CN=TrustStoreIT Root");
                    assertThat(listed.getString("key")).isEqualTo("EC 256");
                });

        ApiResponse export = dave.get("/trust-store/ca-certificates.pem");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-pem-file");
        List<Certificate> exported = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(export.body().getBytes(StandardCharsets.US_ASCII))));
        assertThat(exported).contains(root.certificate(), intermediate).doesNotContain(weak);
        ApiResponse garbage = dave.post("/trust-store", Json.createObjectBuilder().add("pem", "not a certificate").build());
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).contains("not_pem");

        assertThat(dave.delete("/trust-store/" + rootId).status()).isEqualTo(204);
        assertThat(dave.delete("/trust-store/" + intermediateId).status()).isEqualTo(204);
        assertThat(dave.delete("/trust-store/" + rootId).errorCode()).isEqualTo("no_such_certificate");
        assertThat(dave.get("/trust-store").body()).doesNotContain(rootId, intermediateId);

        assertThat(carol.get("/audit?type=trust.import&actor=dave").jsonArray().getValuesAs(JsonObject.class))
                .anySatisfy(event -> assertThat(event.getString("detail")).contains("imported " + rootId)
                        .contains("refused " + CaTrustStore.fingerprint(weak)));
        assertThat(carol.get("/audit?type=trust.delete&actor=dave").jsonArray().getValuesAs(JsonObject.class))
                .anySatisfy(event -> assertThat(event.getString("detail")).startsWith(intermediateId + " CN=TrustStoreIT Issuing"));
    }
    @Test
    void crlsOfHeldCasAreImportedListedAndDeletedAndBadOnesAreRefusedWithTheirReason(VestibuleServer server) {
        TestCertificates.Issued ca = TestCertificates.authority("CN=TrustStoreIT CRL CA");
        TestCertificates.Issued impostor = TestCertificates.authority("CN=TrustStoreIT CRL CA");
        TestCertificates.Issued stranger = TestCertificates.authority("CN=TrustStoreIT Stranger");
        Instant now = Instant.now();
        X509CRL crl = TestCertificates.crl(ca, now.minusSeconds(60), now.plus(Duration.ofDays(1)), BigInteger.valueOf(4711));
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        assertThat(dave.post("/trust-store", Json.createObjectBuilder().add("pem", PemFiles.toPem(List.of(ca.certificate()))).build()).status())
                .isEqualTo(200);

        assertThat(reason(dave.post("/trust-store/crls", pem("not a CRL")))).isEqualTo("not_crl");
        assertThat(reason(dave.post("/trust-store/crls", pem("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n")))).isEqualTo("not_crl");
        assertThat(reason(dave.post("/trust-store/crls", pem(TestCertificates.crlPem(
                TestCertificates.crl(stranger, now.minusSeconds(60), now.plus(Duration.ofDays(1)))))))).isEqualTo("crl_unknown_issuer");
        assertThat(reason(dave.post("/trust-store/crls", pem(TestCertificates.crlPem(
                TestCertificates.crl(impostor, now.minusSeconds(60), now.plus(Duration.ofDays(1)))))))).isEqualTo("crl_bad_signature");
        assertThat(reason(dave.post("/trust-store/crls", pem(TestCertificates.crlPem(
                TestCertificates.crl(ca, now.minus(Duration.ofDays(2)), now.minusSeconds(60))))))).isEqualTo("crl_stale");
        assertThat(dave.get("/trust-store/crls").body()).doesNotContain("TrustStoreIT CRL CA");

        ApiResponse imported = dave.post("/trust-store/crls", pem(TestCertificates.crlPem(crl)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        String crlId = CaTrustStore.fingerprint(crl);
        assertThat(dave.get("/trust-store/crls").jsonArray().getValuesAs(JsonObject.class))
                .filteredOn(listed -> listed.getString("id").equals(crlId)).singleElement()
                .satisfies(listed -> {
                    assertThat(listed.getString("issuer")).isEqualTo("CN=TrustStoreIT CRL CA");
                    assertThat(listed.getString("issuerId")).isEqualTo(CaTrustStore.fingerprint(ca.certificate()));
                    assertThat(listed.getInt("count")).isEqualTo(1);
                    assertThat(listed.getBoolean("stale")).isFalse();
                    assertThat(Instant.parse(listed.getString("nextUpdate"))).isAfter(now);
                });

        assertThat(dave.delete("/trust-store/crls/" + crlId).status()).isEqualTo(204);
        assertThat(dave.delete("/trust-store/crls/" + crlId).errorCode()).isEqualTo("no_such_crl");
        assertThat(dave.delete("/trust-store/" + CaTrustStore.fingerprint(ca.certificate())).status()).isEqualTo(204);
        assertThat(server.newAdminClient().signIn("carol", server.demoPassword()).get("/audit?type=trust.import&actor=dave&outcome=refused")
                .jsonArray().getValuesAs(JsonObject.class)).anySatisfy(event -> assertThat(event.getString("detail")).contains("crl_bad_signature"));
    }

    /** The console's Trust store page: a bundle of a CA and its CRL pasted and imported, the CRL listed and deleted. */
    @Test
    void theConsoleImportsACrlWithItsCaListsItAndDeletesIt(VestibuleServer server) {
        TestCertificates.Issued ca = TestCertificates.authority("CN=TrustStoreIT Console CA");
        X509CRL crl = TestCertificates.crl(ca, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)),
                BigInteger.valueOf(7), BigInteger.valueOf(8));
        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.newContext()) {
            Page page = context.newPage();
            ConsoleSignIn.signIn(page, server, "dave");
            ConsoleSignIn.open(page, "Trust store", "trust-store.html");

            page.getByLabel("Or paste one or more PEM certificates or CRLs").fill(PemFiles.toPem(List.of(ca.certificate())) + TestCertificates.crlPem(crl));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import").setExact(true)).click();

            assertThat(page.locator("#import-results")).containsText("CRL of CN=TrustStoreIT Console CA: imported.");
            Locator row = page.locator("#crls tbody tr").filter(new Locator.FilterOptions().setHasText("CN=TrustStoreIT Console CA"));
            assertThat(row).containsText(CaTrustStore.fingerprint(crl));
            assertThat(row.locator("td").nth(2)).hasText("2");

            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete the CRL of CN=TrustStoreIT Console CA")).click();
            page.locator("dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();

            assertThat(page.locator("#status")).containsText("CRL of CN=TrustStoreIT Console CA deleted.");
            assertThat(row).hasCount(0);
        } finally {
            server.newAdminClient().signIn("dave", server.demoPassword()).delete("/trust-store/" + CaTrustStore.fingerprint(ca.certificate()));
        }
    }

    private static JsonObject pem(String pem) {
        return Json.createObjectBuilder().add("pem", pem).build();
    }

    private static String reason(ApiResponse answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("invalid_request");
        return answer.json().getString("reason");
    }
}
