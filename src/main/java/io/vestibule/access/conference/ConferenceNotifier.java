package io.vestibule.access.conference;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.vestibule.access.token.IssuedToken;

/**
 * Told of every change to a conference, one participant at a time, so connected clients learn of it (the conference
 * WebSocket). Called after the change, outside the conference's lock: {@link Conference#noticeOrder()} puts what is
 * told back in the order of the changes.
 */
public interface ConferenceNotifier {
    void joined(Conference conference, Participant participant);

    /** Left, removed or timed out, from the conference or from its lobby ({@link Participant#departedFromLobby()}). */
    void departed(Conference conference, Participant participant);

    /** Entered the lobby, or waits there for another reason now. */
    void waiting(Conference conference, Participant participant);

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
        public void waiting(Conference conference, Participant participant) {
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
