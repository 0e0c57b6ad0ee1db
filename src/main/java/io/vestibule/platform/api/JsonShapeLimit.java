package io.vestibule.platform.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Holds a JSON request body to {@link JsonShape}'s depth and number limits before the JSON parser sees it. It runs
 * after {@link RequestBodyLimit}, so what it reads into memory is at most that filter's 64 KiB.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER - 90)
public class JsonShapeLimit implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (!request.hasEntity() || type != null && !isJson(type)) {
            return;
        }
        byte[] body;
        try {
            body = request.getEntityStream().readAllBytes();
        } catch (RequestBodyLimit.BodyTooLarge tooLarge) {
            request.abortWith(tooLarge.refusal());
            return;
        } catch (RequestBodyLimit.BodyNotReceived notReceived) {
            request.abortWith(ErrorBodies.bodyNotReceived());
            return;
        } catch (IOException unreadable) {
            request.abortWith(ErrorBodies.invalidBodyThenClose("unreadable", "The request body could not be read."));
            return;
        }
        Optional<String> refusal = JsonShape.refusal(body);
        if (refusal.isPresent()) {
            request.abortWith(ErrorBodies.invalidBody("body_shape", refusal.get()));
            return;
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    /** A body without a type is checked too: a resource may still read it as JSON. */
    private static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }
}
