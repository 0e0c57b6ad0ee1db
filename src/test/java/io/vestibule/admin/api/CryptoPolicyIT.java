package io.vestibule.admin.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crypto policy report on the built jar ({@code GET /crypto-policy}): every use of keys and certificates listed with
 * a verdict, and the ones the shared server holds described as they are (demo directory, self-signed listeners, the
 * gateway's P-256 DTLS certificate, call records sealed with AES-256-GCM, backups not built yet), and the trust store's
 * CAs each with its verdict.
 */
@ExtendWith(ServerResolver.class)
class CryptoPolicyIT {
    private static final List<String> USES = List.of("crypto_module", "listener_portal", "listener_admin", "token_signing", "cdr_sealing", "cdr_checkpoints",
            "audit_checkpoints", "dtls", "directory_trust", "provider_trust", "syslog_trust", "admin_client_ca", "trust_store", "backups");
    private static final Set<String> VERDICTS = Set.of("compliant", "refused", "unchecked", "absent");

    @Test
    void everyUseIsListedWithAVerdictAndTheSharedServersKeysMeetThePolicy(VestibuleServer server) {
        AdminClient auditor = server.newAdminClient().signIn("carol", server.demoPassword());
        ApiResponse answer = auditor.get("/crypto-policy");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, JsonObject> uses = answer.json().getJsonArray("uses").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(use -> use.getString("use"), use -> use));
        assertThat(uses.keySet()).as(answer.body()).containsExactlyInAnyOrderElementsOf(USES);
        uses.values().forEach(use -> assertThat(use.getString("verdict")).as(use.toString()).isIn(VERDICTS));
        assertThat(uses.values()).as("nothing the shared server holds is below the policy: " + answer.body())
                .noneMatch(use -> use.getString("verdict").equals("refused"));

        for (String listener : List.of("listener_portal", "listener_admin", "dtls")) {
            JsonObject use = uses.get(listener);
            assertThat(use.getString("verdict")).as(use.toString()).isEqualTo("compliant");
            assertThat(use.getString("algorithm")).isEqualTo("EC");
            assertThat(use.getInt("keySize")).isEqualTo(256);
            assertThat(use.getString("curve")).isEqualTo("secp256r1");
            assertThat(use.getString("signatureAlgorithm")).isEqualTo("SHA256withECDSA");
            assertThat(use.getJsonArray("keys").getJsonObject(0).getString("notAfter")).isNotBlank();
        }
        assertThat(uses.get("crypto_module").getString("source")).as("the standard build").startsWith("BC ").doesNotContain("FIPS");
        assertThat(uses.get("cdr_sealing").getString("algorithm")).isEqualTo("AES-256-GCM");
        assertThat(uses.get("cdr_checkpoints").getString("verdict")).isEqualTo("compliant");
        assertThat(uses.get("audit_checkpoints").getString("verdict")).isEqualTo("compliant");
        assertThat(uses.get("audit_checkpoints").getString("algorithm")).isEqualTo("EC");
        assertThat(uses.get("directory_trust").getString("verdict")).as("the demo directory's own certificate").isEqualTo("compliant");
        assertThat(uses.get("backups").getString("verdict")).isEqualTo("absent");
        assertThat(uses.get("backups").getString("reason")).contains("not built");
    }

    @Test
    void theTrustStoresCasAreListedEachWithItsVerdict(VestibuleServer server) {
        TestCertificates.Issued ca = TestCertificates.authority("CN=CryptoPolicyIT CA");
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        assertThat(dave.post("/trust-store", Json.createObjectBuilder().add("pem", PemFiles.toPem(List.of(ca.certificate()))).build()).status())
                .isEqualTo(200);
        try {
            JsonObject trustStore = server.newAdminClient().signIn("carol", server.demoPassword()).get("/crypto-policy").json()
                    .getJsonArray("uses").getValuesAs(JsonObject.class).stream()
                    .filter(use -> use.getString("use").equals("trust_store")).findFirst().orElseThrow();

            assertThat(trustStore.getString("verdict")).as(trustStore.toString()).isEqualTo("compliant");
            assertThat(trustStore.getJsonArray("keys").getValuesAs(JsonObject.class))
                    .filteredOn(key -> key.getString("subject").equals("CN=CryptoPolicyIT CA")).singleElement()
                    .satisfies(key -> {
                        assertThat(key.getString("verdict")).isEqualTo("compliant");
                        assertThat(key.getString("curve")).isEqualTo("secp256r1");
                        assertThat(key.getString("signatureAlgorithm")).isEqualTo("SHA256withECDSA");
                    });
        } finally {
            dave.delete("/trust-store/" + CaTrustStore.fingerprint(ca.certificate()));
        }
    }
}
