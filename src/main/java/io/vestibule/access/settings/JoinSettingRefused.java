package io.vestibule.access.settings;

/** A join setting outside what the product's security floors allow; {@code field} names it as the admin API does. */
public final class JoinSettingRefused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public JoinSettingRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
