package io.vestibule.access;

/** No invitation link for a meeting that can no longer be joined; the reason is the API's error code. */
public final class InvitationRefused extends RuntimeException {
    public enum Reason {
        MEETING_CANCELLED("meeting_cancelled", "The meeting is cancelled; there is nothing to invite to."),
        MEETING_OVER("meeting_over", "The meeting is over; there is nothing to invite to.");

        private final String code;
        private final String message;

        Reason(String code, String message) {
            this.code = code;
            this.message = message;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
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
