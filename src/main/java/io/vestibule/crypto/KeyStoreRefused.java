package io.vestibule.crypto;

/**
 * The master key store or its passphrase cannot be used as configured: the message says what is missing or wrong and
 * what to restore or set. Nothing was written. The launcher prints it as one line and exits with status 2.
 */
public final class KeyStoreRefused extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public KeyStoreRefused(String message) {
        super(message);
    }
}
