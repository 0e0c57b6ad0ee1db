package io.vestibule.platform.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads fields of a JSON request body with errors that name the field: a wrong type, a missing value, text
 * that is too long or holds control characters, and any field the endpoint does not know are each a 400
 * {@code invalid_request}.
 */
public final class JsonRequest {
    private final JsonObject body;

    private JsonRequest(JsonObject body) {
        this.body = body;
    }

    public static JsonRequest of(JsonValue structure, Set<String> knownFields) {
        if (!(structure instanceof JsonObject body)) {
            throw ApiProblem.invalidField("body", "not_object", "The request body must be a JSON object.");
        }
        for (String field : body.keySet()) {
            if (!knownFields.contains(field)) {
                throw ApiProblem.invalidField(field, "unknown_field", "Unknown field '" + truncate(field) + "'.");
            }
        }
        return new JsonRequest(body);
    }

    public boolean has(String field) {
        return body.containsKey(field);
    }

    /** Present and explicitly null: the caller asks to remove the value. */
    public boolean isNull(String field) {
        return has(field) && body.get(field).getValueType() == JsonValue.ValueType.NULL;
    }

    public String requiredText(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> required(field));
    }

    /** One line of text, trimmed; control characters are refused ({@link TypedText#oneLine}). */
    public Optional<String> optionalText(String field, int maxLength) {
        return trimmedText(field, maxLength).map(text -> TypedText.oneLine(field, text));
    }

    /** Text of several lines, trimmed: line breaks and tabs are kept, other control characters refused. */
    public Optional<String> optionalLines(String field, int maxLength) {
        return trimmedText(field, maxLength).map(text -> TypedText.lines(field, text));
    }

    private Optional<String> trimmedText(String field, int maxLength) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw ApiProblem.invalidField(field, "not_text", "'" + field + "' must be a string.");
        }
        String string = text.getString().strip();
        if (string.length() > maxLength) {
            throw ApiProblem.invalidField(field, "too_long", "'" + field + "' is longer than " + maxLength + " characters.")
                    .with("max", maxLength);
        }
        return string.isEmpty() ? Optional.empty() : Optional.of(string);
    }

    /** A password or code, taken as sent (never trimmed: spaces may be part of it), and never echoed in an error. */
    public char[] requiredSecret(String field, int maxLength) {
        return optionalSecret(field, maxLength).orElseThrow(() -> required(field));
    }

    public Optional<char[]> optionalSecret(String field, int maxLength) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw ApiProblem.invalidField(field, "not_text", "'" + field + "' must be a string.");
        }
        if (text.getString().length() > maxLength) {
            throw ApiProblem.invalidField(field, "too_long", "'" + field + "' is longer than " + maxLength + " characters.")
                    .with("max", maxLength);
        }
        return text.getString().isEmpty() ? Optional.empty() : Optional.of(text.getString().toCharArray());
    }

    public Optional<Integer> optionalWholeNumber(String field, int min, int max) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()
                || number.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0 || number.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
            throw ApiProblem.invalidField(field, "whole_number", "'" + field + "' must be a whole number from " + min + " to " + max + ".")
                    .with("min", min).with("max", max);
        }
        return Optional.of(number.intValue());
    }

    public Optional<Boolean> optionalFlag(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return Optional.of(true);
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return Optional.of(false);
        }
        throw ApiProblem.invalidField(field, "not_flag", "'" + field + "' must be true or false.");
    }

    public Optional<List<String>> optionalTextList(String field, int maxItems, int maxLength) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonArray array)) {
            throw ApiProblem.invalidField(field, "not_list", "'" + field + "' must be a list of strings.");
        }
        if (array.size() > maxItems) {
            throw ApiProblem.invalidField(field, "too_many", "'" + field + "' may hold at most " + maxItems + " entries.")
                    .with("max", maxItems);
        }
        List<String> items = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString text) || text.getString().strip().length() > maxLength) {
                throw ApiProblem.invalidField(field, "entry_too_long",
                        "Every entry of '" + field + "' must be a string of at most " + maxLength + " characters.").with("max", maxLength);
            }
            items.add(TypedText.oneLine(field, text.getString().strip()));
        }
        return Optional.of(items);
    }

    private static ApiProblem required(String field) {
        return ApiProblem.invalidField(field, "required", "'" + field + "' is required.");
    }

    private static String truncate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
