package io.vestibule.audit.chain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one-line JSON objects of the audit files: flat, with string and integer values only. Written and read here
 * because the verifier runs in the boot layer, which has no JSON library; the reader is strict, so an edited line
 * that is no longer such an object is reported rather than half-read.
 */
public final class FlatJson {
    private FlatJson() {
    }

    /** Values are {@link String} or {@link Long}; the order of the map is the order on the line. */
    public static String write(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder(128).append('{');
        fields.forEach((name, value) -> {
            if (line.length() > 1) {
                line.append(',');
            }
            quote(name, line);
            line.append(':');
            if (value instanceof Long || value instanceof Integer) {
                line.append(value);
            } else {
                quote(String.valueOf(value), line);
            }
        });
        return line.append('}').toString();
    }

    /** @throws IllegalArgumentException when the text is not exactly one flat object of strings and integers */
    public static Map<String, Object> read(String text) {
        return new Reader(text).object();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control and line-separator characters escaped: a record is always one line, whatever an actor typed.
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            Map<String, Object> fields = new LinkedHashMap<>();
            expect('{');
            if (peek() != '}') {
                do {
                    String name = string();
                    expect(':');
                    Object value = peek() == '"' ? string() : number();
                    if (fields.put(name, value) != null) {
                        throw new IllegalArgumentException("field " + name + " twice");
                    }
                } while (take(','));
            }
            expect('}');
            if (at != text.length()) {
                throw new IllegalArgumentException("text after the object");
            }
            return fields;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("control character in a string");
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("short \\u escape");
                        }
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + escaped);
                }
            }
        }

        private Long number() {
            int start = at;
            take('-');
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 19) {
                at++;
            }
            if (at == start || text.charAt(at - 1) == '-') {
                throw new IllegalArgumentException("a value is neither a string nor an integer");
            }
            return Long.parseLong(text.substring(start, at));
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!take(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw new IllegalArgumentException("the line ends early");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }
    }
}
