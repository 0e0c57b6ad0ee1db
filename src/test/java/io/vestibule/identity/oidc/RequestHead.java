package io.vestibule.identity.oidc;

import java.io.IOException;
import java.io.InputStream;

/** For the tests' stand-in providers on a plain socket: an HTTP request is answered once its head is read. */
final class RequestHead {
    private RequestHead() {
    }

    /** Reads up to the blank line that ends the head; false when the client went away first. */
    static boolean readFrom(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            head.append((char) next);
        }
        return true;
    }
}
