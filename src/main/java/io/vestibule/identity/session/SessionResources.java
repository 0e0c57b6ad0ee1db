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
import io.vestibule.identity.AdminPrincipal;
import io.vestibule.identity.PortalPrincipal;
import io.vestibule.identity.settings.AdminSettingsService;

/**
 * The portal's sessions, keyed by the portal user's account id, and the admin console's (R-ADM-7): idle timeout
 * from the admin settings, at most 10 per administrator and 100 in all, refused rather than replaced.
 */
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

    @Inject
    @ConfigProperty(name = "vestibule.admin.session.max-hours", defaultValue = "12")
    int adminMaximumHours;

    @Inject
    @ConfigProperty(name = "vestibule.admin.session.per-user-limit", defaultValue = "10")
    int adminPerUserLimit;

    @Inject
    @ConfigProperty(name = "vestibule.admin.session.total-limit", defaultValue = "100")
    int adminTotalLimit;

    @Produces
    @Singleton
    Sessions<AdminPrincipal> adminSessions(AdminSettingsService settings, CryptoPolicy crypto, SecureRandom random, Clock clock) {
        Duration lifetime = Duration.ofHours(adminMaximumHours);
        return new Sessions<>(new InMemorySessionStore<>(), () -> new SessionPolicy(settings.current().sessionIdleTimeout(), lifetime,
                adminPerUserLimit, adminTotalLimit, SessionPolicy.WhenFull.REFUSE), crypto, random, clock);
    }

    @Produces
    @Singleton
    Sessions<PortalPrincipal> portalSessions(CryptoPolicy crypto, SecureRandom random, Clock clock) {
        SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(idleMinutes), Duration.ofHours(maximumHours), perUserLimit,
                totalLimit, SessionPolicy.WhenFull.END_OLDEST);
        return new Sessions<>(new InMemorySessionStore<>(), () -> policy, crypto, random, clock);
    }
}
