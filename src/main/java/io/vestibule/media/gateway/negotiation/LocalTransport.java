package io.vestibule.media.gateway.negotiation;

import java.util.List;

/**
 * The gateway's side of one participant's transport, as its answers describe it: ICE credentials and candidates
 * (without {@code a=}), whether it is an ICE-lite agent, and the fingerprint of its DTLS certificate
 * ({@code sha-256 AB:CD:...}). The password is a credential of the ICE checks, never logged.
 */
public record LocalTransport(String usernameFragment, String password, List<String> candidates, String fingerprint, boolean lite) {
    public LocalTransport {
        candidates = List.copyOf(candidates);
    }

    @Override
    public String toString() {
        return "LocalTransport[" + usernameFragment + ", " + candidates.size() + " candidates, lite=" + lite + "]";
    }
}
