package io.vestibule.identity.local;

/** A rule of the password policy (R-ADM-6); the code names it in the API's {@code password_policy} answer. */
public enum PasswordRule {
    LENGTH("length"),
    TOO_LONG("too_long"),
    LOWERCASE("lowercase"),
    UPPERCASE("uppercase"),
    DIGIT("digit"),
    SPECIAL("special"),
    HISTORY("history"),
    MINIMUM_AGE("minimum_age");

    private final String code;

    PasswordRule(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
