package io.vestibule.access;

import java.time.Duration;
import java.time.Instant;

import io.vestibule.access.conference.Conference;
import io.vestibule.access.conference.Participant;
import io.vestibule.access.conference.WaitingReason;
import io.vestibule.access.token.IssuedToken;

/** Every answer the join endpoint gives (API.md "Joining"). */
public sealed interface JoinAnswer {
    /** The answer's name in the join metrics. */
    String outcome();

    /** In the conference, with a join token. */
    record Joined(IssuedToken token, Participant participant, Conference conference) implements JoinAnswer {
        @Override
        public String outcome() {
            return participant.role().code();
        }
    }

    /** In the lobby, with a lobby token that allows nothing but waiting. */
    record Waiting(IssuedToken token, WaitingReason reason, Participant participant, Conference conference) implements JoinAnswer {
        @Override
        public String outcome() {
            return "waiting";
        }
    }

    record PinRequired(PinCheck.PinRequired requirements) implements JoinAnswer {
        @Override
        public String outcome() {
            return "pin_required";
        }
    }

    record InvalidPin() implements JoinAnswer {
        @Override
        public String outcome() {
            return "invalid_pin";
        }
    }

    /** The booked meeting is not open: exactly one of the instants is set. */
    record OutsideWindow(Instant opensAt, Instant closedAt) implements JoinAnswer {
        @Override
        public String outcome() {
            return "outside_window";
        }
    }

    /** Unknown alias, cancelled meeting, or a room under break-in block: the same answer for all three. */
    record NotFound() implements JoinAnswer {
        @Override
        public String outcome() {
            return "not_found";
        }
    }

    /** The source address is blocked. */
    record Blocked(Duration retryAfter) implements JoinAnswer {
        @Override
        public String outcome() {
            return "blocked";
        }
    }

    record Full() implements JoinAnswer {
        @Override
        public String outcome() {
            return "full";
        }
    }

    /** The conference's lobby holds the service's lobby limit: nobody more waits until someone leaves it. */
    record LobbyFull() implements JoinAnswer {
        @Override
        public String outcome() {
            return "lobby_full";
        }
    }

    /** An invitation token was given and is not valid for this room. */
    record InvalidInvitation(String code) implements JoinAnswer {
        @Override
        public String outcome() {
            return "invalid_invitation";
        }
    }
}
