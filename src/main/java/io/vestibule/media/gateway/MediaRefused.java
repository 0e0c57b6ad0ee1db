package io.vestibule.media.gateway;

/** An offer the gateway will not answer, with a stable code for the page and a reason that quotes nothing secret. */
public final class MediaRefused extends Exception {
    private final String code;

    public MediaRefused(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
