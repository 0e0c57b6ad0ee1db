package io.vestibule.access.conference;

/** Why a participant is in the lobby (API.md: the 202 answer's {@code reason}). */
public enum WaitingReason {
    /** The room's guests wait until a host is present (R-ROOM-5). */
    WAITING_FOR_HOST("waiting_for_host"),
    /** The conference is locked; a host must admit them or unlock (R-ROOM-6). */
    LOCKED("locked"),
    /**
     * They come from the address or under the name of someone a host removed from this conference lately: only a
     * host's admit lets them in, never an unlock or a host's arrival.
     */
    ADMISSION_REQUIRED("admission_required");

    private final String code;

    WaitingReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
