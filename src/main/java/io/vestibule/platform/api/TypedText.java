package io.vestibule.platform.api;

/**
 * What text a person types may hold. Control characters (NUL, escape, line breaks in a one-line field) have no place
 * in a title or a name: they break pages, logs, calendar files and the systems other people read them in.
 */
public final class TypedText {
    private TypedText() {
    }

    /** Refuses {@code text} with a 400 naming {@code field} when it holds a control character. */
    public static String oneLine(String field, String text) {
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw refused(field);
        }
        return text;
    }

    /** As {@link #oneLine}, but line breaks and tabs are allowed: the console's banner has paragraphs. */
    public static String lines(String field, String text) {
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw refused(field);
        }
        return text;
    }

    private static ApiProblem refused(String field) {
        return ApiProblem.invalidField(field, "control_characters", "'" + field + "' may not hold control characters.");
    }
}
