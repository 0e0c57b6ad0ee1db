package io.vestibule.platform.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * A refusal with a stable error code, answered as {@code {"error": code, "message": ..., ...details}}.
 * Resources and services throw it; {@link ApiExceptionMappers} turns it into the response.
 */
public class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(Response.Status status, String code, String message) {
        this(status.getStatusCode(), code, message);
    }

    public ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /**
     * A 400 {@code invalid_request} naming the refused field and, in {@code reason}, why: a stable code pages translate
     * (the message is for people reading the API), with any numbers the translation needs added by {@link #with}.
     */
    public static ApiProblem invalidField(String field, String reason, String message) {
        return new ApiProblem(Response.Status.BAD_REQUEST, "invalid_request", message).with("field", field).with("reason", reason);
    }

    public static ApiProblem notFound() {
        return new ApiProblem(Response.Status.NOT_FOUND, "not_found", "Nothing was found at this address.");
    }

    public ApiProblem with(String name, Object value) {
        details.put(name, value);
        return this;
    }

    public ApiProblem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return Map.copyOf(details);
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
