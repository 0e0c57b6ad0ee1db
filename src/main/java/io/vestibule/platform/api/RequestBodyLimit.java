package io.vestibule.platform.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Bounds every API request body: nothing beyond {@link #MAX_BYTES} is ever kept. A body over the limit is read
 * on and thrown away, up to {@link #DRAIN_LIMIT}, before the refusal is sent: an HTTP/2 client that is still
 * uploading only sees the answer once its stream can finish. Past the drain limit the server stops reading and
 * answers at once; such a client may then wait for its own time-out.
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
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.strip());
                if (length > MAX_BYTES) {
                    if (length <= DRAIN_LIMIT) {
                        drain(request.getEntityStream());
                    }
                    request.abortWith(ErrorBodies.invalidBodyThenClose("too_large", TOO_LARGE_MESSAGE));
                    return;
                }
            } catch (NumberFormatException e) {
                request.abortWith(ErrorBodies.response(400, "invalid_request", "The Content-Length header is not a number.",
                        Map.of("field", "Content-Length", "reason", "content_length"), Map.of("Connection", "close")));
                return;
            }
        }
        request.setEntityStream(new Limited(request.getEntityStream(), MAX_BYTES, System.nanoTime() + bodyTimeout.toNanos()));
    }

    /** Reads and discards the rest of a refused body, up to the drain limit. */
    static void drain(InputStream body) {
        byte[] discard = new byte[16 * 1024];
        long read = 0;
        try {
            for (int count = body.read(discard); count >= 0 && read < DRAIN_LIMIT; count = body.read(discard)) {
                read += count;
            }
        } catch (IOException e) {
            // The client went away; there is nobody left to answer.
        }
    }

    /** Thrown while reading a body that passes the limit. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super(TOO_LARGE_MESSAGE);
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
        private long remaining;

        Limited(InputStream in, long limit, long deadline) {
            super(in);
            this.remaining = limit;
            this.deadline = deadline;
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
                remaining -= count;
                if (remaining < 0) {
                    refuse();
                }
            }
            return count;
        }

        private void refuse() throws BodyTooLarge {
            drain(in);
            throw new BodyTooLarge();
        }
    }
}
