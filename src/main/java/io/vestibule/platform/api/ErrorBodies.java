package io.vestibule.platform.api;

import java.util.Collection;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.platform.json.JsonBuilders;

/** Builds the one error shape of the API: {@code {"error", "message", ...details}}. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static Response response(int status, String code, String message, Map<String, ?> details, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(code, message, details).toString());
        headers.forEach(builder::header);
        return builder.build();
    }

    /** A 400 about the request body as a whole ({@code "field": "body"}), {@code reason} saying why. */
    public static Response invalidBody(String reason, String message) {
        return response(400, "invalid_request", message, Map.of("field", "body", "reason", reason), Map.of());
    }

    /** The same, ending the connection: what is left of the body was not read, and must not be taken for a request. */
    public static Response invalidBodyThenClose(String reason, String message) {
        return response(400, "invalid_request", message, Map.of("field", "body", "reason", reason), Map.of("Connection", "close"));
    }

    /** A 408 for a body that did not arrive in time, ending the connection: the rest of the body must not be taken for a request. */
    public static Response bodyNotReceived() {
        return response(408, "request_timeout", RequestBodyLimit.TOO_SLOW_MESSAGE, Map.of(), Map.of("Connection", "close"));
    }

    public static JsonObject body(String code, String message, Map<String, ?> details) {
        JsonObjectBuilder body = JsonBuilders.object().add("error", code).add("message", message);
        details.forEach((name, value) -> add(body, name, value));
        return body.build();
    }

    @SuppressWarnings("unchecked")
    private static void add(JsonObjectBuilder body, String name, Object value) {
        if (value instanceof Number number) {
            body.add(name, number.longValue());
        } else if (value instanceof Boolean flag) {
            body.add(name, flag);
        } else if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder nested = JsonBuilders.object();
            ((Map<String, ?>) map).forEach((key, item) -> add(nested, key, item));
            body.add(name, nested);
        } else if (value instanceof Collection<?> items) {
            JsonArrayBuilder array = JsonBuilders.array();
            items.forEach(item -> array.add(String.valueOf(item)));
            body.add(name, array);
        } else {
            body.add(name, String.valueOf(value));
        }
    }
}
