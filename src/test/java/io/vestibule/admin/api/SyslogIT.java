package io.vestibule.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.RsyslogServer;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.VestibuleServer;

/**
 * Syslog servers through the admin API on the built jar: saved, tested and audited, and forwarding started by the
 * change. The shared server trusts the JVM's CAs only, so a real rsyslog with a certificate of a test CA is refused,
 * by the test button and by forwarding, with the reason and an alarm, and receives nothing; delivery to a trusted
 * server is shown by {@code SyslogForwarderRsyslogTest}.
 */
@ExtendWith(ServerResolver.class)
class SyslogIT {
    @TempDir
    Path directory;

    @Test
    void anUntrustedServerIsRefusedByTheTestAndByForwardingAndBothAreReported(VestibuleServer server) throws Exception {
        TestCertificates.Issued authority = TestCertificates.authority("CN=Untrusted Syslog CA");
        try (RsyslogServer rsyslog = RsyslogServer.start(directory.resolve("rsyslog"), TestCertificates.issue(authority, "CN=localhost",
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost"))))) {
            AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
            AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());
            String entry = "localhost:" + rsyslog.port();
            try {
                ApiResponse saved = dave.put("/syslog", Json.createObjectBuilder().add("servers", Json.createArrayBuilder().add(entry))
                        .add("queueLimit", 500).build());
                assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
                assertThat(saved.json().getJsonArray("servers").getString(0)).isEqualTo(entry);
                assertThat(saved.json().getInt("queueLimit")).isEqualTo(500);

                ApiResponse tested = dave.post("/syslog/test", Json.createObjectBuilder().build());
                assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
                JsonObject result = tested.json().getJsonArray("results").getJsonObject(0);
                assertThat(result.getBoolean("ok")).isFalse();
                assertThat(result.getString("reason")).isEqualTo("certificate_not_trusted");

                JsonObject state = awaitFailure(dave);
                assertThat(state.getString("failure")).startsWith("certificate_not_trusted");
                assertThat(state.getInt("queued")).as("the change and the test wait in the queue").isGreaterThanOrEqualTo(1);
                assertThat(server.logText()).contains("ALARM syslog_refused raised for \"syslog server " + entry + "\"");
                assertThat(rsyslog.received()).isEmpty();

                ApiResponse audited = carol.get("/audit?type=admin.syslog.test");
                assertThat(audited.status()).as(audited.toString()).isEqualTo(200);
                JsonObject test = audited.jsonArray().getJsonObject(0);
                assertThat(test.getString("outcome")).isEqualTo("failure");
                assertThat(test.getString("detail")).startsWith(entry + ": certificate_not_trusted");
                assertThat(carol.get("/audit?type=admin.syslog.change").jsonArray().getJsonObject(0).getString("detail"))
                        .contains("-> {\"servers\":[\"" + entry + "\"],\"queueLimit\":500}");

                ApiResponse bad = dave.put("/syslog", Json.createObjectBuilder().add("servers", Json.createArrayBuilder().add("two words:1")).build());
                assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
                assertThat(bad.json().getString("error")).isEqualTo("invalid_request");
                assertThat(bad.toString()).contains("not_server");
            } finally {
                ApiResponse none = dave.put("/syslog", Json.createObjectBuilder().add("servers", Json.createArrayBuilder()).build());
                assertThat(none.status()).as(none.toString()).isEqualTo(200);
                assertThat(Files.exists(server.dataDirectory().resolve("syslog-queue").resolve("localhost_" + rsyslog.port())))
                        .as("a removed server's queue is deleted").isFalse();
            }
        }
    }

    private static JsonObject awaitFailure(AdminClient administrator) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            ApiResponse read = administrator.get("/syslog");
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            JsonObject state = read.json().getJsonArray("status").getJsonObject(0);
            if (state.containsKey("failure")) {
                return state;
            }
            assertThat(Instant.now()).as("forwarding reports its failure: " + read).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
