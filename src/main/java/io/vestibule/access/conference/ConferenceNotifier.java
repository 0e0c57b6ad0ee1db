package io.vestibule.access.conference;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.vestibule.access.token.IssuedToken;

/** Told of every change to a conference, so connected clients learn of it (the conference WebSocket). */
public interface ConferenceNotifier {
    void joined(Conference conference, Participant participant);

    /** Left, removed or timed out. */
    void departed(Conference conference, Participant participant);

    void lobbyChanged(Conference conference);

    /**
     * A waiting participant was let in. {@code collectJoinToken} spends their lobby token for their join token (empty
     * if something else collected it first): call it only to hand the token to a socket of theirs that waits.
     */
    void admitted(Conference conference, Participant participant, Supplier<Optional<IssuedToken>> collectJoinToken);

    void lockChanged(Conference conference, boolean locked);

    void ended(Conference conference, List<Participant> everyone);

    ConferenceNotifier NONE = new ConferenceNotifier() {
        @Override
        public void joined(Conference conference, Participant participant) {
        }

        @Override
        public void departed(Conference conference, Participant participant) {
        }

        @Override
        public void lobbyChanged(Conference conference) {
        }

        @Override
        public void admitted(Conference conference, Participant participant, Supplier<Optional<IssuedToken>> collectJoinToken) {
        }

        @Override
        public void lockChanged(Conference conference, boolean locked) {
        }

        @Override
        public void ended(Conference conference, List<Participant> everyone) {
        }
    };
}
