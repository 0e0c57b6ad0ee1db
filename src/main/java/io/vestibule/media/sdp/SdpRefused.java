package io.vestibule.media.sdp;

/**
 * A session description the gateway will not pass on, naming the rule it breaks. The reason is for people and
 * quotes nothing of the description beyond names of the protocol (rule, attribute, codec), so it is safe to send
 * back to the page and to log. Refusals are routine: no stack trace is filled in.
 */
public final class SdpRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final SdpRule rule;

    public SdpRefused(SdpRule rule, String reason) {
        super(reason, null, false, false);
        this.rule = rule;
    }

    public SdpRule rule() {
        return rule;
    }

    public String reason() {
        return getMessage();
    }
}
