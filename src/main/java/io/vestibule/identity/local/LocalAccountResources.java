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
        return new PasswordPolicy(PasswordPolicy.Settings.standard(), hasher);
    }
}
