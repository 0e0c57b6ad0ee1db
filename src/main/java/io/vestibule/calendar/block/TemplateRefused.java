package io.vestibule.calendar.block;

/**
 * A join-block template the allow-list does not accept: {@code part} names the template ({@code html} or
 * {@code text}), {@code reason} why in a code the console translates, and {@code refused} the element, attribute,
 * link or placeholder that was refused, as written (shortened), so that an administrator can find it.
 */
public final class TemplateRefused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int LONGEST_SHOWN = 80;

    /** Why a template is refused; each code has a message in the console's languages. */
    public enum Reason {
        REQUIRED("required"),
        TOO_LONG("too_long"),
        CONTROL_CHARACTERS("control_characters"),
        ELEMENT_NOT_ALLOWED("element_not_allowed"),
        ATTRIBUTE_NOT_ALLOWED("attribute_not_allowed"),
        LINK_NOT_ALLOWED("link_not_allowed"),
        UNKNOWN_PLACEHOLDER("unknown_placeholder"),
        NO_JOIN_LINK("no_join_link");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String part;
    private final Reason reason;
    private final String refused;

    TemplateRefused(String part, Reason reason, String refused, String message) {
        super(message);
        this.part = part;
        this.reason = reason;
        this.refused = refused.length() > LONGEST_SHOWN ? refused.substring(0, LONGEST_SHOWN) + "…" : refused;
    }

    public String part() {
        return part;
    }

    public Reason reason() {
        return reason;
    }

    public String refused() {
        return refused;
    }
}
