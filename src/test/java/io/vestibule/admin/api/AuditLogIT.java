package io.vestibule.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

/**
 * Issue 18 on the built jar: an operator without "view logs" is refused the audit log and its export, and each refusal
 * is an event the Auditor then finds with the filters (actor, type, severity, outcome, pages); the export returns the
 * filtered events as CSV or JSON lines and is itself audited with its filter.
 */
@ExtendWith(ServerResolver.class)
class AuditLogIT {
    @Test
    void refusalsAreRecordedAndTheAuditorFiltersPagesAndExportsThem(VestibuleServer server) {
        String since = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
        AdminClient dave = server.newAdminClient().signIn("dave", server.demoPassword());
        AdminClient carol = server.newAdminClient().signIn("carol", server.demoPassword());

        ApiResponse read = dave.get("/audit");
        ApiResponse exported = dave.get("/audit/export?format=csv");
        assertThat(read.status()).as(read.toString()).isEqualTo(403);
        assertThat(exported.status()).as(exported.toString()).isEqualTo(403);
        assertThat(exported.errorCode()).isEqualTo("forbidden");

        List<JsonObject> refusals = events(carol, "from=" + since + "&actor=dave&type=access.*");
        assertThat(refusals).hasSize(2).allSatisfy(event -> {
            assertThat(event.getString("actor")).startsWith("dave (");
            assertThat(event.getString("type")).isEqualTo("access.refused");
            assertThat(event.getString("outcome")).isEqualTo("refused");
            assertThat(event.getString("severity")).isEqualTo("warning");
            assertThat(event.getString("detail")).contains("view_logs");
        });
        assertThat(refusals.get(0).getString("detail")).contains("audit/export");
        assertThat(refusals.get(0).getJsonNumber("id").longValue()).isGreaterThan(refusals.get(1).getJsonNumber("id").longValue());

        List<JsonObject> firstPage = events(carol, "from=" + since + "&actor=dave&type=access.refused&limit=1");
        List<JsonObject> nextPage = events(carol, "from=" + since + "&actor=dave&type=access.refused&limit=1&before="
                + firstPage.get(0).getJsonNumber("id"));
        assertThat(firstPage).extracting(event -> event.getJsonNumber("id")).containsExactly(refusals.get(0).getJsonNumber("id"));
        assertThat(nextPage).extracting(event -> event.getJsonNumber("id")).containsExactly(refusals.get(1).getJsonNumber("id"));

        List<JsonObject> severe = events(carol, "from=" + since + "&severity=warning");
        assertThat(severe).extracting(event -> event.getString("severity")).isNotEmpty().allMatch(value -> value.equals("warning")
                || value.equals("alert"));
        assertThat(severe).extracting(event -> event.getJsonNumber("id")).containsAll(refusals.stream().map(e -> e.getJsonNumber("id")).toList());
        List<JsonObject> carolsReadings = events(carol, "from=" + since + "&actor=carol&outcome=success&type=audit.view");
        assertThat(carolsReadings).hasSizeGreaterThanOrEqualTo(4).allSatisfy(event -> assertThat(event.getString("severity")).isEqualTo("notice"));
        assertThat(carolsReadings.get(carolsReadings.size() - 1).getString("detail")).contains("actor=dave").contains("type=access.*");

        ApiResponse csv = carol.get("/audit/export?format=csv&actor=dave&type=access.refused&from=" + since);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).matches("attachment; filename=\"vestibule-audit-\\d{8}T\\d{6}Z\\.csv\"");
        List<String> lines = Arrays.asList(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("id,at,type,actor,source,outcome,severity,detail");
        assertThat(lines.subList(1, lines.size())).hasSize(2).allSatisfy(line -> assertThat(line).contains(",access.refused,dave (ldap),")
                .contains(",refused,warning,"));

        ApiResponse jsonLines = carol.get("/audit/export?format=jsonl&actor=dave&severity=warning&from=" + since);
        assertThat(jsonLines.status()).as(jsonLines.toString()).isEqualTo(200);
        assertThat(jsonLines.body().lines().map(line -> Json.createReader(new StringReader(line)).readObject()).toList())
                .extracting(event -> event.getJsonNumber("id"))
                .containsExactlyElementsOf(refusals.stream().map(e -> e.getJsonNumber("id")).toList());

        List<JsonObject> exports = events(carol, "from=" + since + "&type=audit.export");
        assertThat(exports).hasSize(2).allSatisfy(event -> assertThat(event.getString("actor")).startsWith("carol ("));
        assertThat(exports.get(0).getString("detail")).contains("format=jsonl").contains("actor=dave");
        assertThat(exports.get(1).getString("detail")).contains("format=csv").contains("type=access.refused");

        ApiResponse bad = carol.get("/audit/export?severity=critical");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().getString("field")).isEqualTo("severity");
        assertThat(bad.json().getString("reason")).isEqualTo("one_of");
    }

    private static List<JsonObject> events(AdminClient client, String query) {
        ApiResponse response = client.get("/audit?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.jsonArray().getValuesAs(JsonObject.class);
    }
}
