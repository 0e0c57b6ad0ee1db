package io.vestibule.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditCsvTest {
    @Test
    void aCellASpreadsheetWouldReadAsAFormulaIsPrefixedWithAnApostrophe() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(AuditCsv.cell("carol")).isEqualTo("carol");
        assertThat(AuditCsv.cell("")).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedSoARowStaysOneRecord() {
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("one\ntwo")).isEqualTo("\"one\ntwo\"");
    }

    @Test
    void aRowNamesEveryFieldWithTheEventsSeverity() {
        AuditEvent event = new AuditEvent(7, Instant.parse("2026-12-05T10:00:00Z"), "access.refused", "=dave", null,
                AuditEvent.Outcome.REFUSED, "GET audit needs view_logs");

        assertThat(AuditCsv.HEADER).isEqualTo("id,at,type,actor,source,outcome,severity,detail\r\n");
        assertThat(AuditCsv.row(event)).isEqualTo("7,2026-12-05T10:00:00Z,access.refused,'=dave,,refused,warning,GET audit needs view_logs\r\n");
    }
}
