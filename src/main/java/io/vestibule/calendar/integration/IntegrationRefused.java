package io.vestibule.calendar.integration;

/** An integration that cannot be created as asked: the field and a stable reason say why. */
public class IntegrationRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public IntegrationRefused(String field, String reason, String message) {
        super(message, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
