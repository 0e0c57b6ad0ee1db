package io.vestibule.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.vestibule.audit.AuditEvent;

class Rfc5424FormatTest {
    private final Rfc5424Format format = new Rfc5424Format("gw 1.example.org", 77);

    @Test
    void anEventBecomesHeaderStructuredDataAndUtf8TextWithItsBom() {
        byte[] message = format.format(new AuditEvent(42, Instant.parse("2026-12-05T10:11:12.123456789Z"), "admin.settings.change", "alice",
                "192.0.2.1", AuditEvent.Outcome.SUCCESS, "banner: \"old\" -> \"néw\""));

        String text = new String(message, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<109>1 2026-12-05T10:11:12.123456Z gw_1.example.org vestibule 77 admin.settings.change "
                + "[audit@32473 id=\"42\" actor=\"alice\" address=\"192.0.2.1\" outcome=\"success\"] \uFEFFbanner: \"old\" -> \"néw\"");
        int bom = text.indexOf("] ") + 2;
        byte[] utf8 = text.substring(0, bom).getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOfRange(message, utf8.length, utf8.length + 3)).containsExactly(0xEF, 0xBB, 0xBF);
    }

    @Test
    void parameterValuesEscapeQuoteBackslashAndClosingBracket() {
        assertThat(Rfc5424Format.escaped("a\"b\\c]d[e")).isEqualTo("a\\\"b\\\\c\\]d[e");
        String text = new String(format.format(new AuditEvent(1, Instant.EPOCH, "t", "x\"]", null, AuditEvent.Outcome.REFUSED, "")),
                StandardCharsets.UTF_8);
        assertThat(text).endsWith("[audit@32473 id=\"1\" actor=\"x\\\"\\]\" outcome=\"refused\"]");
    }

    @Test
    void headerFieldsArePrintableAsciiBoundedAndNeverEmpty() {
        assertThat(Rfc5424Format.printable("a b\tc\u00e9", 32)).isEqualTo("a_b_c_");
        assertThat(Rfc5424Format.printable("x".repeat(40), 32)).hasSize(32);
        assertThat(Rfc5424Format.printable("", 32)).isEqualTo("-");
    }

    @Test
    void severityFollowsTheOutcomeAndAlarmsAreAlerts() {
        assertThat(SyslogSeverity.of(event("admin.signin", AuditEvent.Outcome.SUCCESS))).isEqualTo(5);
        assertThat(SyslogSeverity.of(event("admin.signin", AuditEvent.Outcome.FAILURE))).isEqualTo(4);
        assertThat(SyslogSeverity.of(event("admin.users.create", AuditEvent.Outcome.REFUSED))).isEqualTo(4);
        assertThat(SyslogSeverity.of(event("alarm.raised", AuditEvent.Outcome.SUCCESS))).isEqualTo(1);
        assertThat(new String(format.format(event("alarm.raised", AuditEvent.Outcome.SUCCESS)), StandardCharsets.UTF_8)).startsWith("<105>1 ");
    }

    private static AuditEvent event(String type, AuditEvent.Outcome outcome) {
        return new AuditEvent(1, Instant.EPOCH, type, "a", "192.0.2.1", outcome, "d");
    }
}
