package io.vestibule.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A Set-Cookie header taken apart, so tests can check its attributes. */
public record SetCookie(String name, String value, Set<String> attributes) {
    public static SetCookie parse(String header) {
        if (header == null) {
            throw new AssertionError("No Set-Cookie header");
        }
        String[] parts = header.split(";");
        String[] nameValue = parts[0].trim().split("=", 2);
        Set<String> attributes = Arrays.stream(parts).skip(1).map(String::trim)
                .map(attribute -> attribute.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new SetCookie(nameValue[0], nameValue.length > 1 ? nameValue[1] : "", attributes);
    }

    public String nameValue() {
        return name + "=" + value;
    }
}
