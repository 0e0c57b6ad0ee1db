package io.vestibule.platform.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads query parameters with errors that name the parameter, as {@link JsonRequest} does for bodies. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** An ISO-8601 instant, or empty when the parameter is absent or blank. */
    public static Optional<Instant> instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "instant", "'" + name + "' is an ISO-8601 instant such as 2026-11-22T09:00:00Z.");
        }
    }

    /** How many results to give: {@code otherwise} when absent, else a whole number from 1 to {@code most}. */
    public static int limit(String name, String text, int otherwise, int most) {
        int limit = text == null || text.isBlank() ? otherwise : text.strip().matches("\\d{1,9}") ? Integer.parseInt(text.strip()) : -1;
        if (limit < 1 || limit > most) {
            throw ApiProblem.invalidField(name, "whole_number", "'" + name + "' is 1 to " + most + ".")
                    .with("min", 1).with("max", most);
        }
        return limit;
    }
}
