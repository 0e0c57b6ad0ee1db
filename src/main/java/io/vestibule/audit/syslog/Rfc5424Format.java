package io.vestibule.audit.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.vestibule.audit.AuditEvent;

/**
 * Audit events as RFC 5424 messages: facility 13 ("log audit", RFC 5424 Table 1), the severity from
 * {@link SyslogSeverity}, the time in UTC to the microsecond, APP-NAME {@code vestibule}, MSGID the event's type,
 * STRUCTURED-DATA {@code [audit@32473 id actor address outcome]} and MSG the event's detail as UTF-8 with the byte
 * order mark RFC 5424 §6.4 asks of Unicode text.
 *
 * <p>32473 is the private enterprise number IANA reserves for examples (RFC 5612); a deployment that registers its
 * own changes {@link #SD_ID} in this one place.
 */
public final class Rfc5424Format {
    public static final int FACILITY_LOG_AUDIT = 13;
    public static final String APP_NAME = "vestibule";
    public static final String SD_ID = "audit@32473";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String hostName;
    private final String processId;

    /** {@code hostName}: this service's name as the syslog servers should show it; anything outside printable ASCII becomes '_'. */
    public Rfc5424Format(String hostName, long processId) {
        this.hostName = printable(hostName, 255);
        this.processId = Long.toString(processId);
    }

    public byte[] format(AuditEvent event) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("id", Long.toString(event.id()));
        if (event.actor() != null) {
            parameters.put("actor", event.actor());
        }
        if (event.sourceAddress() != null) {
            parameters.put("address", event.sourceAddress());
        }
        parameters.put("outcome", event.outcome().name().toLowerCase(Locale.ROOT));
        return format(SyslogSeverity.of(event), event.occurredAt(), event.type(), parameters, event.detail());
    }

    /** A message of the service's own about forwarding (a test message, a gap in the forwarded events). */
    public byte[] format(int severity, Instant time, String messageId, Map<String, String> parameters, String text) {
        StringBuilder header = new StringBuilder(200)
                .append('<').append(FACILITY_LOG_AUDIT * 8 + severity).append(">1 ")
                .append(TIMESTAMP.format(time.truncatedTo(ChronoUnit.MICROS))).append(' ')
                .append(hostName).append(' ')
                .append(APP_NAME).append(' ')
                .append(processId).append(' ')
                .append(printable(messageId, 32)).append(' ')
                .append('[').append(SD_ID);
        parameters.forEach((name, value) -> header.append(' ').append(name).append("=\"").append(escaped(value)).append('"'));
        header.append(']');
        ByteArrayOutputStream message = new ByteArrayOutputStream(header.length() + 100);
        message.writeBytes(header.toString().getBytes(StandardCharsets.UTF_8));
        if (text != null && !text.isEmpty()) {
            message.write(' ');
            message.writeBytes(BOM);
            message.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        return message.toByteArray();
    }

    /** PARAM-VALUE escaping (RFC 5424 §6.3.3): '"', '\' and ']' take a backslash. */
    static String escaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** A header field: PRINTUSASCII only (33 to 126), at most {@code longest} characters, never empty (NILVALUE "-"). */
    static String printable(String value, int longest) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        StringBuilder printable = new StringBuilder(Math.min(value.length(), longest));
        for (int i = 0; i < value.length() && printable.length() < longest; i++) {
            char c = value.charAt(i);
            printable.append(c >= 33 && c <= 126 ? c : '_');
        }
        return printable.toString();
    }
}
