package io.vestibule.audit;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Audit events as CSV (RFC 4180, CRLF line ends) for an auditor's spreadsheet. A cell that a spreadsheet would read
 * as a formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, so an actor or
 * detail an attacker chose cannot run in the auditor's spreadsheet (CSV injection).
 */
public final class AuditCsv {
    public static final String HEADER = line(List.of("id", "at", "type", "actor", "source", "outcome", "severity", "detail"));

    private AuditCsv() {
    }

    public static String row(AuditEvent event) {
        return line(List.of(Long.toString(event.id()), event.occurredAt().toString(), event.type(), event.actor(),
                event.sourceAddress() == null ? "" : event.sourceAddress(), event.outcome().name().toLowerCase(Locale.ROOT),
                AuditSeverity.of(event).apiName(), event.detail()));
    }

    static String cell(String value) {
        String defused = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return defused.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')
                ? '"' + defused.replace("\"", "\"\"") + '"'
                : defused;
    }

    private static String line(List<String> cells) {
        return cells.stream().map(AuditCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
