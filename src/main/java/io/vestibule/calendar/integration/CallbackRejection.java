package io.vestibule.calendar.integration;

/** Why a signed callback was refused: each its own status and stable code. */
public enum CallbackRejection {
    /** The timestamp is more than the window away from the service's clock, in either direction. */
    STALE(401, "callback_stale", "The callback's timestamp is outside the 5-minute window; check the calendar system's clock."),
    /** This signature was accepted once already within the window. */
    REPLAYED(401, "callback_replayed", "This signed callback was received before; sign each call afresh."),
    /** A signing header is missing or malformed, the integration is unknown or deleted, or the signature does not match. */
    SIGNATURE_INVALID(401, "callback_signature_invalid", "The callback's signature is missing or does not match."),
    /** The integration may not act for the organizer's e-mail domain. */
    ORGANIZER_NOT_ALLOWED(403, "callback_organizer_not_allowed", "This integration may not act for that organizer."),
    /** No portal user, or more than one, has the organizer's e-mail address. */
    ORGANIZER_UNKNOWN(403, "callback_organizer_unknown",
            "No portal user is known by that organizer address; the organizer signs in to the portal once first."),
    /** The replay cache is full of signatures still inside their window: refusing is safer than forgetting one. */
    BUSY(503, "callback_busy", "Too many signed callbacks in the last minutes; try again shortly.");

    private final int status;
    private final String code;
    private final String message;

    CallbackRejection(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
