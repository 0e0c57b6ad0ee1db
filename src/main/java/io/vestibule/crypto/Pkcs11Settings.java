package io.vestibule.crypto;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where the key-encryption keys of a PKCS#11 token are: the vendor's PKCS#11 library, the token (by label or
 * slot), the user PIN and the prefix of the keys' aliases ({@code <prefix>-1}, {@code <prefix>-2}, ...).
 * The PIN is copied in and out, and never printed.
 */
public record Pkcs11Settings(Path library, Token token, char[] pin, String aliasPrefix) {

    // The settings' names, for messages that tell an administrator which one to fix.
    public static final String LIBRARY_SETTING = "VESTIBULE_CDR_PKCS11_LIBRARY";
    public static final String TOKEN_LABEL_SETTING = "VESTIBULE_CDR_PKCS11_TOKEN_LABEL";
    public static final String SLOT_SETTING = "VESTIBULE_CDR_PKCS11_SLOT";
    public static final String PIN_SETTING = "VESTIBULE_CDR_PKCS11_PIN";
    public static final String ALIAS_PREFIX_SETTING = "VESTIBULE_CDR_PKCS11_ALIAS_PREFIX";

    private static final Pattern ALIAS_PREFIX = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,30}[A-Za-z0-9])?");
    // The path goes into SunPKCS11's configuration as a quoted string, which expands ${...}.
    private static final Pattern UNSAFE_IN_CONFIGURATION = Pattern.compile("[\"$\\r\\n]");

    public Pkcs11Settings {
        if (library == null || !library.isAbsolute() || UNSAFE_IN_CONFIGURATION.matcher(library.toString()).find()) {
            throw new IllegalArgumentException(LIBRARY_SETTING + " must be the absolute path of the PKCS#11 library"
                    + " (without quotes, '$' or line breaks)");
        }
        if (token == null) {
            throw new IllegalArgumentException("Name the token by " + TOKEN_LABEL_SETTING + " or " + SLOT_SETTING);
        }
        if (pin == null || pin.length == 0) {
            throw new IllegalArgumentException(PIN_SETTING + " is required: the token's user PIN");
        }
        if (aliasPrefix == null || !ALIAS_PREFIX.matcher(aliasPrefix).matches()) {
            throw new IllegalArgumentException(ALIAS_PREFIX_SETTING + " must be 1 to 32 letters, digits, '-' or '_',"
                    + " starting and ending with a letter or digit");
        }
        pin = pin.clone();
    }

    @Override
    public char[] pin() {
        return pin.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pkcs11Settings that && library.equals(that.library) && token.equals(that.token)
                && Arrays.equals(pin, that.pin) && aliasPrefix.equals(that.aliasPrefix);
    }

    @Override
    public int hashCode() {
        return library.hashCode() * 31 + token.hashCode();
    }

    @Override
    public String toString() {
        return "Pkcs11Settings[library=" + library + ", token=" + token + ", pin=redacted, aliasPrefix=" + aliasPrefix + "]";
    }

    /** Which token of the library holds the keys. */
    public sealed interface Token permits Labelled, InSlot {
    }

    /** The token whose label is this (the label given at {@code C_InitToken}, e.g. by softhsm2-util --init-token). */
    public record Labelled(String label) implements Token {
        public Labelled {
            if (label == null || label.isBlank() || label.length() > 32) {
                throw new IllegalArgumentException(TOKEN_LABEL_SETTING + " must be a token label of 1 to 32 characters");
            }
        }

        @Override
        public String toString() {
            return "token " + label;
        }
    }

    /** The token in the slot of this PKCS#11 slot id. */
    public record InSlot(long slot) implements Token {
        public InSlot {
            if (slot < 0) {
                throw new IllegalArgumentException(SLOT_SETTING + " must be a slot id, 0 or more");
            }
        }

        @Override
        public String toString() {
            return "token in slot " + slot;
        }
    }
}
