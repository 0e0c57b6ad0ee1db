package io.vestibule.rooms;

/** A rule a PIN breaks, with the stable code the API reports. */
public enum PinRule {
    DIGITS_ONLY("digits_only", "A PIN may contain digits only."),
    TOO_SHORT("too_short", "A PIN is shorter than this service accepts (at least " + PinPolicy.MINIMUM_LENGTH
            + " digits, more where the operator asks for more)."),
    TOO_LONG("too_long", "A PIN may have at most " + PinPolicy.MAXIMUM_LENGTH + " digits."),
    REPEATED_DIGIT("repeated_digit", "A PIN may not repeat one digit (such as 000000)."),
    SEQUENCE("sequence", "A PIN may not be an ascending or descending run (such as 123456)."),
    REPEATED_PATTERN("repeated_pattern", "A PIN may not repeat a short pattern (such as 121212)."),
    SAME_AS_OTHER_PIN("same_as_other_pin", "The host PIN and the guest PIN must differ.");

    private final String code;
    private final String message;

    PinRule(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }
}
