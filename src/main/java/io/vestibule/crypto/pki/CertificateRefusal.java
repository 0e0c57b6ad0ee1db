package io.vestibule.crypto.pki;

/**
 * Why a certificate, key or request was refused, under a stable code: {@code not_a_pair}, {@code policy_refused},
 * {@code chain_incomplete}, {@code wrong_passphrase}, {@code unreadable}, {@code no_such_request},
 * {@code no_such_certificate}, {@code in_use}, {@code not_assigned}, {@code not_served} (a listener did not present its
 * new certificate, and keeps its old one). The message never holds a key or a passphrase.
 */
public final class CertificateRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public CertificateRefusal(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static CertificateRefusal notAPair() {
        return new CertificateRefusal("not_a_pair", "certificate and private key are not a pair");
    }
}
