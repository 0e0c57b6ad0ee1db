package io.vestibule.platform.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bounds every API request body: nothing beyond {@link #MAX_BYTES} is ever kept. A body over the limit is read
 * on and thrown away, up to {@link #DRAIN_LIMIT}, before the refusal is sent: an HTTP/2 client that is still
 * uploading only sees the answer once its stream can finish. Past the drain limit the server stops reading and
 * answers at once; such a client may then wait for its own time-out.
 *
 * <p>On the routes of {@link #FIELD_NAMING_ROUTES} a body over the limit is refused naming the top-level field it grew
 * too large in ({@code "field": "subject", "reason": "too_large"}), as a field that is merely too long is named: what
 * was read of it (at most the limit) is scanned for that. Elsewhere it is {@code "field": "body"}.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER - 100)
public class RequestBodyLimit implements ContainerRequestFilter {
    /** JSON requests of this API are small; the largest, a meeting with 100 invitees, is a few KiB. */
    public static final int MAX_BYTES = 64 * 1024;
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    static final String TOO_LARGE_MESSAGE = "The request body is larger than 64 KiB.";
    static final String TOO_SLOW_MESSAGE = "The request body did not arrive in time.";
    /**
     * Routes, below the application's path, whose callers are told which field is too long even when it is far too
     * long: calendar systems send what their users typed, and an integrator must learn that the subject is at fault.
     */
    static final List<String> FIELD_NAMING_ROUTES = List.of("calendar/events/");

    /**
     * How long a whole body may take to arrive (penetration test, finding 1: bodies trickled a byte every 10 s held
     * the worker threads). A read that waits without progress is cut sooner by the listeners' read time-out.
     */
    private final Duration bodyTimeout;

    public RequestBodyLimit() {
        this(Duration.ofSeconds(ConfigProvider.getConfig().getOptionalValue("vestibule.http.body-timeout-seconds", Integer.class)
                .orElse(20)));
    }

    RequestBodyLimit(Duration bodyTimeout) {
        if (bodyTimeout.compareTo(Duration.ofSeconds(1)) < 0 || bodyTimeout.compareTo(Duration.ofSeconds(300)) > 0) {
            throw new IllegalArgumentException("VESTIBULE_HTTP_BODY_TIMEOUT_SECONDS must be between 1 and 300");
        }
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean namesField = namesField(request.getUriInfo().getPath());
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.strip());
                if (length > MAX_BYTES) {
                    byte[] read = length <= DRAIN_LIMIT ? drain(request.getEntityStream(), namesField ? MAX_BYTES : 0) : new byte[0];
                    request.abortWith(tooLarge(read));
                    return;
                }
            } catch (NumberFormatException e) {
                request.abortWith(ErrorBodies.response(400, "invalid_request", "The Content-Length header is not a number.",
                        Map.of("field", "Content-Length", "reason", "content_length"), Map.of("Connection", "close")));
                return;
            }
        }
        request.setEntityStream(new Limited(request.getEntityStream(), MAX_BYTES, System.nanoTime() + bodyTimeout.toNanos(), namesField));
    }

    static boolean namesField(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return FIELD_NAMING_ROUTES.stream().anyMatch(relative::startsWith);
    }

    /** The refusal of a body over the limit, naming the field it was in when {@code read} (its start) shows one. */
    static Response tooLarge(byte[] read) {
        return OversizedField.in(read)
                .map(field -> ErrorBodies.response(400, "invalid_request", "'" + field + "' is too long: the request body passed 64 KiB within it.",
                        Map.of("field", field, "reason", "too_large"), Map.of("Connection", "close")))
                .orElseGet(() -> ErrorBodies.invalidBodyThenClose("too_large", TOO_LARGE_MESSAGE));
    }

    /** Reads and discards the rest of a refused body, up to the drain limit, keeping its first {@code keep} bytes. */
    static byte[] drain(InputStream body, int keep) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(keep, 16 * 1024));
        byte[] discard = new byte[16 * 1024];
        long read = 0;
        try {
            for (int count = body.read(discard); count >= 0 && read < DRAIN_LIMIT; count = body.read(discard)) {
                kept.write(discard, 0, (int) Math.max(0, Math.min(count, keep - read)));
                read += count;
            }
        } catch (IOException e) {
            // The client went away; there is nobody left to answer.
        }
        return kept.toByteArray();
    }

    /** Thrown while reading a body that passes the limit. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        private final byte[] read;

        BodyTooLarge(byte[] read) {
            super(TOO_LARGE_MESSAGE);
            this.read = read;
        }

        /** The answer to send: 400 naming the body, or on field-naming routes the field it grew too large in. */
        public Response refusal() {
            return tooLarge(read);
        }

        /** The field the body grew too large in, when it was read on a field-naming route and shows one. */
        Optional<String> field() {
            return OversizedField.in(read);
        }
    }

    /** Thrown while reading a body that is not complete by its deadline, or whose connection failed meanwhile. */
    public static final class BodyNotReceived extends IOException {
        private static final long serialVersionUID = 1L;

        BodyNotReceived(Throwable cause) {
            super(TOO_SLOW_MESSAGE, cause);
        }
    }

    static final class Limited extends FilterInputStream {
        private final long deadline;
        private final int limit;
        private long remaining;
        /** A copy of what was read, up to the limit, on field-naming routes only; otherwise null. */
        private final ByteArrayOutputStream kept;

        Limited(InputStream in, int limit, long deadline) {
            this(in, limit, deadline, false);
        }

        Limited(InputStream in, int limit, long deadline, boolean keep) {
            super(in);
            this.limit = limit;
            this.remaining = limit;
            this.deadline = deadline;
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (System.nanoTime() - deadline > 0) {
                throw new BodyNotReceived(null);
            }
            int count;
            try {
                count = super.read(buffer, offset, length);
            } catch (IOException readFailed) {
                // The listener's read time-out (no byte for a while) or a broken connection: either way, no body.
                throw new BodyNotReceived(readFailed);
            }
            if (count > 0) {
                if (kept != null) {
                    kept.write(buffer, offset, Math.max(0, Math.min(count, limit - kept.size())));
                }
                remaining -= count;
                if (remaining < 0) {
                    refuse();
                }
            }
            return count;
        }

        private void refuse() throws BodyTooLarge {
            drain(in, 0);
            throw new BodyTooLarge(kept == null ? new byte[0] : kept.toByteArray());
        }
    }
}
