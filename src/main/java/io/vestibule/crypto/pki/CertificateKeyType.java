package io.vestibule.crypto.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** The key pairs a certificate signing request may be made for (R-TLS-4): all within the crypto policy. */
public enum CertificateKeyType {
    EC_P256("ec-p256", "EC", 256),
    EC_P384("ec-p384", "EC", 384),
    RSA_3072("rsa-3072", "RSA", 3072),
    RSA_4096("rsa-4096", "RSA", 4096);

    private final String apiName;
    private final String algorithm;
    private final int bits;

    CertificateKeyType(String apiName, String algorithm, int bits) {
        this.apiName = apiName;
        this.algorithm = algorithm;
        this.bits = bits;
    }

    public String apiName() {
        return apiName;
    }

    public static Optional<CertificateKeyType> fromApiName(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec(bits == 384 ? "secp384r1" : "secp256r1"), random);
            } else {
                generator.initialize(bits, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a " + apiName + " key pair", e);
        }
    }
}
