package io.vestibule.identity.local;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vestibule.crypto.CryptoPolicy;

@ApplicationScoped
public class LocalAccountResources {
    @Produces
    @Singleton
    PasswordHasher passwordHasher(CryptoPolicy policy, SecureRandom random) {
        return new PasswordHasher(policy, random);
    }

    @Produces
    @Singleton
    PasswordPolicy passwordPolicy(PasswordHasher hasher) {
        // FIPS mode's PBKDF2 refuses passwords under 112 bits, so the policy asks for at least that many characters.
        return new PasswordPolicy(PasswordPolicy.Settings.standard().withMinLengthAtLeast(hasher.shortestPassword()), hasher);
    }
}
