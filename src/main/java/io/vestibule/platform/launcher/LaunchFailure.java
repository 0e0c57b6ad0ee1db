package io.vestibule.platform.launcher;

/** A reason the service cannot start that the operator can fix; printed as one line, without a stack trace. */
public final class LaunchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LaunchFailure(String message) {
        super(message);
    }

    public LaunchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
