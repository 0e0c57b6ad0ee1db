package io.vestibule.platform.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Bounds every API request body: a declared length over the limit is refused before anything is read, and a
 * chunked body is cut off as soon as it passes the limit, so a large upload can never exhaust memory.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER - 100)
public class RequestBodyLimit implements ContainerRequestFilter {
    /** JSON requests of this API are small; the largest, a meeting with 100 invitees, is a few KiB. */
    public static final int MAX_BYTES = 64 * 1024;
    static final String TOO_LARGE_MESSAGE = "The request body is larger than 64 KiB.";

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > MAX_BYTES) {
                    request.abortWith(ErrorBodies.response(400, "invalid_request", TOO_LARGE_MESSAGE,
                            Map.of("field", "body"), Map.of("Connection", "close")));
                    return;
                }
            } catch (NumberFormatException e) {
                request.abortWith(ErrorBodies.response(400, "invalid_request", "The Content-Length header is not a number.",
                        Map.of("field", "Content-Length"), Map.of("Connection", "close")));
                return;
            }
        }
        request.setEntityStream(new Limited(request.getEntityStream(), MAX_BYTES));
    }

    /** Thrown while reading a body that passes the limit. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super(TOO_LARGE_MESSAGE);
        }
    }

    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw new BodyTooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                remaining -= count;
                if (remaining < 0) {
                    throw new BodyTooLarge();
                }
            }
            return count;
        }
    }
}
