package io.vestibule.platform.api;

import java.util.Optional;

/**
 * The shape limits of a JSON request body, checked on its bytes before any parser builds it. The API's bodies are a
 * few levels deep and hold small numbers; an attacker's body nested a thousand levels deep, or a number of a thousand
 * digits, would otherwise reach the parser (whose own depth limit throws an unchecked error) or the code that reads
 * the number, and answer 500.
 */
public final class JsonShape {
    /** The deepest body of the API, a meeting's recurrence inside a booking, is three levels; this leaves room. */
    public static final int MAX_DEPTH = 16;
    /** A 64-bit integer with its sign, or a decimal with an exponent, fits with room to spare. */
    public static final int MAX_NUMBER_CHARACTERS = 32;

    private JsonShape() {
    }

    /** Why {@code body} is refused, if it is; a body that passes may still be malformed, which the parser says. */
    public static Optional<String> refusal(byte[] body) {
        int depth = 0;
        int numberRun = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : body) {
            char c = (char) (b & 0xff);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (isNumberCharacter(c)) {
                if (++numberRun > MAX_NUMBER_CHARACTERS) {
                    return Optional.of("A number in the request body is longer than " + MAX_NUMBER_CHARACTERS + " characters.");
                }
                continue;
            }
            numberRun = 0;
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return Optional.of("The request body is nested deeper than " + MAX_DEPTH + " levels.");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return Optional.empty();
    }

    private static boolean isNumberCharacter(char c) {
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }
}
