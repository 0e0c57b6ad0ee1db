package io.vestibule.access.token;

import java.util.Objects;
import java.util.Optional;

/**
 * What the caller requires of a token: its kind, optionally the conference being addressed (a token of another
 * conference is {@code token_room}), and whether presenting it uses it up (refresh: a second use is
 * {@code token_replayed}).
 */
public record Expectation(TokenKind kind, Optional<String> conferenceId, boolean consumeOnce) {

    public Expectation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(conferenceId, "conferenceId");
    }

    public static Expectation of(TokenKind kind) {
        return new Expectation(kind, Optional.empty(), false);
    }

    /** The token must be for this conference. */
    public Expectation inConference(String conferenceId) {
        return new Expectation(kind, Optional.of(conferenceId), consumeOnce);
    }

    /** The token is used up by this presentation. */
    public Expectation consumedOnce() {
        return new Expectation(kind, conferenceId, true);
    }
}
