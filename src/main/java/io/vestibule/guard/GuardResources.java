package io.vestibule.guard;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.platform.net.AddressRanges;

/**
 * Assembles the break-in guard from configuration (see docs/admin-guide.md, "Joining and break-in resistance"). Where
 * a block is reported ({@link BreakInAlarms}) is chosen by a layer above: the alarms live with the audit trail.
 */
@ApplicationScoped
public class GuardResources {
    @Inject
    @ConfigProperty(name = "vestibule.breakin.room.failures", defaultValue = "20")
    int roomFailures;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.room.window-minutes", defaultValue = "10")
    int roomWindowMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.room.block-minutes", defaultValue = "10")
    int roomBlockMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.address.attempts", defaultValue = "20")
    int addressAttempts;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.address.window-minutes", defaultValue = "10")
    int addressWindowMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.address.block-minutes", defaultValue = "10")
    int addressBlockMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.login.failures", defaultValue = "10")
    int loginFailures;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.login.window-minutes", defaultValue = "15")
    int loginWindowMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.login.block-minutes", defaultValue = "15")
    int loginBlockMinutes;

    @Inject
    @ConfigProperty(name = "vestibule.breakin.allow-list")
    Optional<String> allowList;

    @Produces
    @Singleton
    BreakInGuard breakInGuard(BreakInAlarms alarms, Clock clock) {
        BreakInPolicy policy = new BreakInPolicy(
                AttemptLimit.of(roomFailures, Duration.ofMinutes(roomWindowMinutes), Duration.ofMinutes(roomBlockMinutes)),
                AttemptLimit.of(addressAttempts, Duration.ofMinutes(addressWindowMinutes), Duration.ofMinutes(addressBlockMinutes)),
                AttemptLimit.of(loginFailures, Duration.ofMinutes(loginWindowMinutes), Duration.ofMinutes(loginBlockMinutes)));
        return new BreakInGuard(new InMemoryAttemptLedger(), policy, AddressRanges.parse(allowList.orElse("")), alarms, clock);
    }
}
