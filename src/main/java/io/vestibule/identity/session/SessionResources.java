package io.vestibule.identity.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.crypto.CryptoPolicy;

@ApplicationScoped
public class SessionResources {
    @Inject
    @ConfigProperty(name = "vestibule.portal.session.idle-minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.portal.session.max-hours", defaultValue = "12")
    int maximumHours;

    @Inject
    @ConfigProperty(name = "vestibule.portal.session.per-user-limit", defaultValue = "20")
    int perUserLimit;

    @Produces
    @Singleton
    PortalSessions portalSessions(SessionStore store, CryptoPolicy crypto, SecureRandom random, Clock clock) {
        return new PortalSessions(store,
                new SessionPolicy(Duration.ofMinutes(idleMinutes), Duration.ofHours(maximumHours), perUserLimit),
                crypto, random, clock);
    }
}
