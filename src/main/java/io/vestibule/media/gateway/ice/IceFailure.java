package io.vestibule.media.gateway.ice;

/** A transport that never connected, and why. */
public final class IceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final IceEnd reason;

    public IceFailure(IceEnd reason) {
        super("ICE did not connect: " + reason);
        this.reason = reason;
    }

    public IceEnd reason() {
        return reason;
    }
}
