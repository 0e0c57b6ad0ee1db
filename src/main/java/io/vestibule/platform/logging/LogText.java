package io.vestibule.platform.logging;

/** Text an attacker may choose (account names, display names), made safe to put in a log line. */
public final class LogText {
    private LogText() {
    }

    /** Quoted, with control characters, line separators, quotes and backslashes escaped: it cannot forge a line. */
    public static String quoted(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == '"' || c == '\\') {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.append('"').toString();
    }
}
