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
                    request.abortWith(ErrorBodies.invalidBodyThenClose(TOO_LARGE_MESSAGE));
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
                refuse();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
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
