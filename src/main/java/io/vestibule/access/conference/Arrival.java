package io.vestibule.access.conference;

import java.util.List;

/** What happens to someone who arrives at a conference with a role already decided by their PIN. */
public sealed interface Arrival {
    /**
     * In the conference. A host's arrival may also let in guests who were waiting for a host.
     *
     * @param alsoAdmitted lobby participants admitted because this one arrived
     */
    record Admitted(Participant participant, List<Participant> alsoAdmitted) implements Arrival {
    }

    record Waiting(Participant participant, WaitingReason reason) implements Arrival {
    }

    /** The conference holds its participant limit already. */
    record Full() implements Arrival {
    }

    /** The lobby holds its limit already: a crowd of waiting guests cannot grow without bound. */
    record LobbyFull() implements Arrival {
    }
}
