package io.vestibule.platform.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names the top-level field of a JSON object in whose value a body grew past its size limit, from the part of the body
 * that was read (at most the limit). A scan of structure only: strings are skipped, not kept, and nothing is parsed.
 */
final class OversizedField {
    // A field name goes back in the error; anything but a plain identifier is not worth echoing.
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final int MAX_NAME = 64;

    private OversizedField() {
    }

    /** The field the body was inside when it ended, when that is a member of the top-level object. */
    static Optional<String> in(byte[] prefix) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean expectingName = false;
        boolean readingName = false;
        StringBuilder name = new StringBuilder();
        String member = null;
        for (byte b : prefix) {
            char c = (char) (b & 0xff);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                    readingName = false;
                    name.setLength(MAX_NAME + 1);
                } else if (c == '"') {
                    inString = false;
                    readingName = false;
                } else if (readingName && name.length() <= MAX_NAME) {
                    name.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    if (depth == 1 && expectingName) {
                        readingName = true;
                        expectingName = false;
                        name.setLength(0);
                    }
                }
                case '{', '[' -> {
                    depth++;
                    if (depth == 1 && c == '[') {
                        return Optional.empty();
                    }
                    expectingName = depth == 1;
                }
                case '}', ']' -> {
                    depth--;
                    if (depth < 1) {
                        return Optional.empty();
                    }
                }
                case ':' -> {
                    if (depth == 1) {
                        member = name.toString();
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        member = null;
                        expectingName = true;
                    }
                }
                default -> {
                    // Whitespace and the characters of numbers, true, false and null say nothing about structure.
                }
            }
        }
        return Optional.ofNullable(member).filter(field -> NAME.matcher(field).matches());
    }
}
