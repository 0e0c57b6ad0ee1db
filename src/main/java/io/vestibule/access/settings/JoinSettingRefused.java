package io.vestibule.access.settings;

import java.util.Map;

/**
 * A join setting outside what the product's security floors allow; {@code field} names it as the admin API does, and
 * {@code reason} with its {@code details} (bounds) say why in the codes the console translates.
 */
public final class JoinSettingRefused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;
    private final Map<String, Integer> details;

    public JoinSettingRefused(String field, String reason, Map<String, Integer> details, String message) {
        super(message);
        this.field = field;
        this.reason = reason;
        this.details = Map.copyOf(details);
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    public Map<String, Integer> details() {
        return details;
    }
}
