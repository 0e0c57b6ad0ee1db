package io.vestibule.calendar.integration;

/** A signed callback that was not accepted, with the rejection that decided it. */
public class CallbackRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final CallbackRejection rejection;

    public CallbackRefused(CallbackRejection rejection) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    public CallbackRejection rejection() {
        return rejection;
    }
}
