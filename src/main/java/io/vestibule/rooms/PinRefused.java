package io.vestibule.rooms;

import java.util.List;

/** A PIN chosen by the owner that breaks the PIN policy; names the field (hostPin/guestPin) and the rules. */
public final class PinRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final List<PinRule> rules;

    public PinRefused(String field, List<PinRule> rules) {
        super(rules.get(0).message(), null, false, false);
        this.field = field;
        this.rules = List.copyOf(rules);
    }

    public String field() {
        return field;
    }

    public List<PinRule> rules() {
        return rules;
    }
}
