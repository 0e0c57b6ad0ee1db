package io.vestibule.calendar.block;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a template takes a meeting's value, written {@code {{name}}}. A line of the text template, or the paragraph,
 * list item or other block of the HTML one, that names an optional placeholder the room has no value for (a room
 * without a guest PIN or numeric alias) is left out whole.
 */
public enum Placeholder {
    SUBJECT("subject", false),
    JOIN_URL("joinUrl", false),
    ALIAS("alias", false),
    NUMERIC_ALIAS("numericAlias", true),
    GUEST_PIN("guestPin", true),
    START("start", false),
    END("end", false);

    /** Anything written like a placeholder, known or not, with the name in group 1. */
    static final Pattern WRITTEN = Pattern.compile("\\{\\{([^{}]*)}}");

    private final String key;
    private final boolean optional;

    Placeholder(String key, boolean optional) {
        this.key = key;
        this.optional = optional;
    }

    /** The name between the braces. */
    public String key() {
        return key;
    }

    /** Whether a room may lack the value (the line that names it is then left out). */
    public boolean optional() {
        return optional;
    }

    /** How a template writes it. */
    public String written() {
        return "{{" + key + "}}";
    }

    public static Optional<Placeholder> byKey(String key) {
        return Arrays.stream(values()).filter(placeholder -> placeholder.key.equals(key)).findFirst();
    }
}
