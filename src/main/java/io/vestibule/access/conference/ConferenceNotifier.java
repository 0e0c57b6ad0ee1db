package io.vestibule.access.conference;

import java.util.List;

import io.vestibule.access.token.IssuedToken;

/** Told of every change to a conference, so connected clients learn of it (the conference WebSocket). */
public interface ConferenceNotifier {
    void joined(Conference conference, Participant participant);

    /** Left, removed or timed out. */
    void departed(Conference conference, Participant participant);

    void lobbyChanged(Conference conference);

    /** A waiting participant was let in; {@code token} is their join token. */
    void admitted(Conference conference, Participant participant, IssuedToken token);

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
        public void admitted(Conference conference, Participant participant, IssuedToken token) {
        }

        @Override
        public void lockChanged(Conference conference, boolean locked) {
        }

        @Override
        public void ended(Conference conference, List<Participant> everyone) {
        }
    };
}
