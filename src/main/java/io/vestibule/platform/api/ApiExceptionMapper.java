package io.vestibule.platform.api;

import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.vestibule.platform.logging.RepeatedFailures;

/**
 * Every failure of the API becomes the one error shape with a stable code. Bad input is a 4xx naming what was
 * wrong; anything unexpected is a 500 with an incident id, its details only in the server log, never a stack
 * trace in the response.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());
    /** One for the process: both applications' mappers answer the same floods. */
    private static final RepeatedFailures REPEATED = new RepeatedFailures(Clock.systemUTC());

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return ErrorBodies.response(problem.status(), problem.code(), problem.getMessage(), problem.details(), problem.headers());
        }
        if (causedBy(failure, RequestBodyLimit.BodyTooLarge.class)) {
            return ErrorBodies.invalidBody("too_large", RequestBodyLimit.TOO_LARGE_MESSAGE);
        }
        if (causedBy(failure, RequestBodyLimit.BodyNotReceived.class)) {
            return ErrorBodies.bodyNotReceived();
        }
        if (causedBy(failure, JsonException.class)) {
            return ErrorBodies.invalidBody("not_json", "The request body is not well-formed JSON.");
        }
        if (causedBy(failure, NoContentException.class)) {
            return ErrorBodies.invalidBody("required", "A JSON body is required.");
        }
        if (failure instanceof NotFoundException) {
            return simple(404, "not_found", "Nothing was found at this address.");
        }
        if (failure instanceof NotAllowedException) {
            return simple(405, "method_not_allowed", "This method is not allowed here.");
        }
        if (failure instanceof NotSupportedException) {
            return simple(415, "unsupported_media_type", "Send the request body as application/json.");
        }
        if (failure instanceof NotAcceptableException) {
            return simple(406, "not_acceptable", "This resource cannot answer in the requested media type.");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return status == 400
                    ? ErrorBodies.response(400, "invalid_request", "The request was refused.", Map.of("reason", "refused"), Map.of())
                    : simple(status, "http_" + status, "The request was refused.");
        }
        RepeatedFailures.Verdict verdict = REPEATED.failed(failure);
        if (verdict.log()) {
            String repeats = verdict.unlogged().map(unlogged -> "; the same failure as incident " + unlogged.incident()
                    + " came " + unlogged.count() + " more times, not logged").orElse("");
            LOG.log(Level.SEVERE, "Unexpected failure, incident " + verdict.incident() + repeats, failure);
        }
        return ErrorBodies.response(500, "internal_error", "Something went wrong on our side.",
                Map.of("incident", verdict.incident()), Map.of());
    }

    private static Response simple(int status, String code, String message) {
        return ErrorBodies.response(status, code, message, Map.of(), Map.of());
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
