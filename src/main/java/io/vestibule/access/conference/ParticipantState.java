package io.vestibule.access.conference;

public enum ParticipantState {
    /** In the lobby, holding a lobby token. */
    WAITING,
    /** In the conference, holding a join token. */
    ADMITTED,
    /** Released their token, or stopped refreshing it. */
    LEFT,
    /** Removed by a host. */
    REMOVED,
    /** Waited in the lobby longer than allowed. */
    TIMED_OUT,
    /** The conference ended while they were in it or waiting. */
    ENDED;

    public boolean departed() {
        return this != WAITING && this != ADMITTED;
    }
}
