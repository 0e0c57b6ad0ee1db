package io.vestibule.crypto;

/** A key, certificate or parameter that {@link CryptoPolicy} does not accept; the message says which rule. */
public final class CryptoPolicyViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoPolicyViolation(String message) {
        super(message);
    }
}
