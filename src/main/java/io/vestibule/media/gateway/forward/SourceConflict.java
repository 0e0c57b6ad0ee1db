package io.vestibule.media.gateway.forward;

/**
 * A participant announced a source (SSRC) that another participant of the conference already sends, or more
 * sources than a participant may have: the description is refused, so no one's packets can pass for another's.
 */
public final class SourceConflict extends Exception {
    public SourceConflict(String message) {
        super(message, null, false, false);
    }
}
