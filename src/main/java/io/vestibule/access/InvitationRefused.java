package io.vestibule.access;

import java.util.Locale;

/** No invitation link for a meeting that can no longer be joined. */
public final class InvitationRefused extends RuntimeException {
    public enum Reason {
        MEETING_CANCELLED, MEETING_OVER;

        /** The API's error code. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public InvitationRefused(Reason reason) {
        super(reason.code(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
