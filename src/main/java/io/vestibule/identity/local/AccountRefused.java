package io.vestibule.identity.local;

import java.util.List;

/** A change to a local account that is refused, with the reason an administrator is told. */
public class AccountRefused extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_USERNAME, USERNAME_TAKEN, PASSWORD_POLICY, INVALID_CREDENTIALS, UNKNOWN_ROLE, LAST_ADMINISTRATOR, NOT_FOUND
    }

    private final Reason reason;
    private final List<PasswordRule> failedRules;

    public AccountRefused(Reason reason, String message) {
        this(reason, message, List.of());
    }

    private AccountRefused(Reason reason, String message, List<PasswordRule> failedRules) {
        super(message, null, false, false);
        this.reason = reason;
        this.failedRules = List.copyOf(failedRules);
    }

    public static AccountRefused passwordPolicy(List<PasswordRule> failed) {
        return new AccountRefused(Reason.PASSWORD_POLICY, "The password does not meet the password policy.", failed);
    }

    public Reason reason() {
        return reason;
    }

    public List<PasswordRule> failedRules() {
        return failedRules;
    }
}
