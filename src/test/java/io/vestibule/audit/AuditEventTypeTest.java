package io.vestibule.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit event catalogue: one stable type each, and the admin guide's table of them complete and true. */
class AuditEventTypeTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (.+) \\| (alert|by outcome) \\|$", Pattern.MULTILINE);

    @Test
    void everyTypeIsUniqueFoundByItsNameAndSafeInALikePattern() {
        assertThat(Arrays.stream(AuditEventType.values()).map(AuditEventType::type)).doesNotHaveDuplicates()
                .allMatch(type -> type.matches("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+"), "lower-case words joined by dots (no LIKE wildcards)");
        for (AuditEventType type : AuditEventType.values()) {
            assertThat(AuditEventType.of(type.type())).contains(type);
            assertThat(type.description()).as(type.type()).isNotBlank().endsWith(".");
        }
        assertThat(AuditEventType.of("admin.nothing")).isEmpty();
        assertThat(AuditEventType.alertTypes()).containsExactly("alarm.raised");
    }

    @Test
    void theAdminGuideListsEveryTypeWithItsDescriptionAndSeverityAndNothingElse() throws IOException {
        String guide = Files.readString(Path.of("docs/admin-guide.md"), StandardCharsets.UTF_8);
        String section = guide.substring(guide.indexOf("#### Audit events"));
        section = section.substring(0, section.indexOf("\n\n", section.indexOf("| Type |")));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            assertThat(rows.put(row.group(1), row.group(2) + " | " + row.group(3))).as("listed twice: " + row.group(1)).isNull();
        }

        Map<String, String> catalogue = new LinkedHashMap<>();
        for (AuditEventType type : AuditEventType.values()) {
            catalogue.put(type.type(), type.description() + " | " + (type.alert() ? "alert" : "by outcome"));
        }
        assertThat(rows).containsExactlyEntriesOf(catalogue);
    }
}
