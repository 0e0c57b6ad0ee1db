package io.vestibule.access.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;

/** Seals with AES-256-GCM under one random key and the kid as associated data, as the data-key ring does. */
final class AeadSealer implements PrivateKeySealer {
    private final Aead aead;
    private final SecretKey key;

    AeadSealer(CryptoPolicy policy, SecureRandom random) throws Exception {
        this.aead = new Aead(policy, random);
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(policy.aeadKeyBits(), random);
        this.key = generator.generateKey();
    }

    @Override
    public byte[] seal(byte[] pkcs8, String kid) {
        return aead.seal(key, pkcs8, associatedData(kid));
    }

    @Override
    public byte[] open(byte[] sealed, String kid) {
        return aead.open(key, sealed, associatedData(kid));
    }

    private static byte[] associatedData(String kid) {
        return ("join-token signing key " + kid).getBytes(StandardCharsets.UTF_8);
    }
}
