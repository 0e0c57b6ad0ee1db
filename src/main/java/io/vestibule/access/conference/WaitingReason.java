package io.vestibule.access.conference;

/** Why a participant is in the lobby (API.md: the 202 answer's {@code reason}). */
public enum WaitingReason {
    /** The room's guests wait until a host is present (R-ROOM-5). */
    WAITING_FOR_HOST("waiting_for_host"),
    /** The conference is locked; a host must admit them or unlock (R-ROOM-6). */
    LOCKED("locked");

    private final String code;

    WaitingReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
