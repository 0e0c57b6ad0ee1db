package io.vestibule.identity.demo;

/** A demo user as printed at start: who it is for and its password. */
public record DemoAccount(String username, String displayName, String group, String purpose, String password) {
    @Override
    public String toString() {
        return "DemoAccount[" + username + "]";
    }
}
