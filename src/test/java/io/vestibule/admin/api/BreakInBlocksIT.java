package io.vestibule.admin.api;

import java.security.SecureRandom;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Break-in blocks in the admin API on the built jar (R-BRUTE, R-AUD-4): a scanner's block is listed with its alarm, the
 * Auditor may neither see nor lift it, a Read-write administrator lifts it (audited), its alarm clears and the address
 * joins again; a block that is not in force is {@code no_such_block}. The scanner's address is random in 198.18.0.0/15
 * so that no other test meets its block.
 */
@ExtendWith(ServerResolver.class)
class BreakInBlocksIT {

    @Test
    void aReadWriteAdministratorLiftsAScannersBlockAndItsAlarmClears(VestibuleServer server) {
        SecureRandom random = new SecureRandom();
        String scanner = "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String alias = "no-such-room-" + Integer.toHexString(random.nextInt());
        PortalClient scanning = server.newClient().from(scanner);
        ApiResponse last = null;
        for (int attempt = 1; attempt <= 21; attempt++) {
            last = join(scanning, alias);
        }
        assertThat(last.errorCode()).as(last.toString()).isEqualTo("blocked");
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());

        JsonObject block = blockOf(dave, scanner);
        assertThat(block.getJsonArray("sources").getString(0)).isEqualTo(scanner);
        String alarmId = block.getString("alarm");
        assertThat(alarm(dave, alarmId).getBoolean("active")).isTrue();
        assertThat(carol.get("/blocks").errorCode()).isEqualTo("forbidden");
        ApiResponse byAuditor = carol.post("/blocks/lift", lift("address", scanner));
        assertThat(byAuditor.status()).as(byAuditor.toString()).isEqualTo(403);
        assertThat(byAuditor.errorCode()).isEqualTo("forbidden");
        assertThat(join(scanning, alias).errorCode()).as("the Auditor's refusal lifted nothing").isEqualTo("blocked");

        ApiResponse lifted = dave.post("/blocks/lift", lift("address", scanner));
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().getString("until")).isEqualTo(block.getString("until"));

        assertThat(join(scanning, alias).errorCode()).as("the address joins again").isNotEqualTo("blocked");
        assertThat(alarm(dave, alarmId).getBoolean("active")).isFalse();
        assertThat(dave.get("/blocks").jsonArray().getValuesAs(JsonObject.class))
                .noneMatch(listed -> scanner.equals(listed.getString("subject", null)));
        List<JsonObject> audited = carol.get("/audit?type=admin.block.lift&actor=dave").jsonArray().getValuesAs(JsonObject.class);
        assertThat(audited).anySatisfy(event -> assertThat(event.getString("detail")).startsWith("address " + scanner + ", blocked until "));
        assertThat(refusedLifts(carol)).as("the Auditor's attempt is audited as refused").isNotEmpty();

        ApiResponse again = dave.post("/blocks/lift", lift("address", scanner));
        assertThat(again.status()).as(again.toString()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo("no_such_block");
        assertThat(dave.post("/blocks/lift", lift("room", "no-such-room")).errorCode()).isEqualTo("no_such_block");
        ApiResponse notAnAddress = dave.post("/blocks/lift", lift("address", "scanner.example"));
        assertThat(notAnAddress.status()).as(notAnAddress.toString()).isEqualTo(400);
        assertThat(notAnAddress.json().getString("field")).isEqualTo("subject");
        ApiResponse unknownKind = dave.post("/blocks/lift", lift("continent", "Europe"));
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.json().getString("field")).isEqualTo("kind");
    }

    private static ApiResponse join(PortalClient client, String alias) {
        return client.sendWithoutCsrf("POST", "/api/v1/join/" + alias, Json.createObjectBuilder().add("displayName", "Scanner").build().toString());
    }

    private static JsonObject lift(String kind, String subject) {
        return Json.createObjectBuilder().add("kind", kind).add("subject", subject).build();
    }

    private static JsonObject blockOf(AdminClient client, String address) {
        ApiResponse blocks = client.get("/blocks");
        assertThat(blocks.status()).as(blocks.toString()).isEqualTo(200);
        return blocks.jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(block -> block.getString("kind").equals("address") && address.equals(block.getString("subject", null)))
                .findFirst().orElseThrow(() -> new AssertionError("no block of " + address + " in " + blocks));
    }

    private static JsonObject alarm(AdminClient client, String id) {
        return client.get("/alarms").jsonArray().getValuesAs(JsonObject.class).stream().filter(alarm -> alarm.getString("id").equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no alarm " + id));
    }

    private static List<JsonObject> refusedLifts(AdminClient auditor) {
        return auditor.get("/audit?type=access.refused&actor=carol").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("detail").contains("blocks/lift needs lift_blocks")).toList();
    }
}
