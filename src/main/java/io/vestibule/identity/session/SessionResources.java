package io.vestibule.identity.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.crypto.CryptoPolicy;

/** The portal's sessions, keyed by the portal user's account id. */
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

    @Inject
    @ConfigProperty(name = "vestibule.portal.session.total-limit", defaultValue = "100000")
    int totalLimit;

    @Produces
    @Singleton
    Sessions<UUID> portalSessions(CryptoPolicy crypto, SecureRandom random, Clock clock) {
        SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(idleMinutes), Duration.ofHours(maximumHours), perUserLimit,
                totalLimit, SessionPolicy.WhenFull.END_OLDEST);
        return new Sessions<>(new InMemorySessionStore<>(), () -> policy, crypto, random, clock);
    }
}
