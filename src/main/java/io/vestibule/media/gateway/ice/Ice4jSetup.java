package io.vestibule.media.gateway.ice;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ice4j.StackProperties;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.jitsi.config.JitsiConfig;
import org.jitsi.config.TypesafeConfigSource;

import com.typesafe.config.ConfigFactory;

/**
 * Puts ice4j's process-wide settings in place before any of its classes reads them: ice4j binds, advertises and
 * asks nothing we did not say. Its settings are global (static fields and a configuration read once and cached), so
 * they are applied once per process; a second, different consent timeout is refused rather than silently ignored.
 */
final class Ice4jSetup {
    /** RFC 7675 §5.1: consent checks every 5 seconds on average. */
    private static final Duration CONSENT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration CONSENT_RETRANSMISSION_WAIT = Duration.ofMillis(500);

    private static Optional<Duration> appliedConsentTimeout = Optional.empty();

    private Ice4jSetup() {
    }

    static synchronized void apply(Duration consentTimeout) {
        if (appliedConsentTimeout.isPresent()) {
            if (!appliedConsentTimeout.get().equals(consentTimeout)) {
                throw new IllegalStateException("ice4j's consent timeout is set once per process: "
                        + appliedConsentTimeout.get().toSeconds() + " s, not " + consentTimeout.toSeconds() + " s");
            }
            return;
        }
        // Payload reaches each participant's callback on the port's receiving thread: no queue and reading thread per participant.
        AbstractUdpListener.USE_PUSH_API = true;
        new DatagramBuffers().install();
        // A check without MESSAGE-INTEGRITY would otherwise be answered and make its sender a peer-reflexive candidate.
        System.setProperty(StackProperties.REQUIRE_MESSAGE_INTEGRITY, "true");
        JitsiConfig.Companion.useDebugNewConfig(new TypesafeConfigSource("vestibule media gateway",
                ConfigFactory.parseMap(settings(consentTimeout)).withFallback(ConfigFactory.defaultReference())));
        appliedConsentTimeout = Optional.of(consentTimeout);
    }

    private static Map<String, Object> settings(Duration consentTimeout) {
        Duration interval = CONSENT_INTERVAL.compareTo(consentTimeout.dividedBy(3)) < 0 ? CONSENT_INTERVAL : consentTimeout.dividedBy(3);
        // A consent check that goes unanswered through all its retransmissions fails the selected pair.
        long retransmissions = Math.max(1, consentTimeout.minus(interval).toMillis() / CONSENT_RETRANSMISSION_WAIT.toMillis());
        return Map.ofEntries(
                Map.entry("ice4j.harvest.use-ipv6", false),
                Map.entry("ice4j.harvest.use-link-local-addresses", false),
                Map.entry("ice4j.harvest.udp.use-dynamic-ports", false),
                // One socket per port: a pool binds the port several times with SO_REUSEADDR, which would let another
                // local process bind it too and take the participants' packets.
                Map.entry("ice4j.harvest.udp.socket-pool-size", 1),
                Map.entry("ice4j.harvest.mapping.aws.enabled", false),
                Map.entry("ice4j.harvest.mapping.aws.force", false),
                Map.entry("ice4j.harvest.mapping.stun.addresses", List.of()),
                Map.entry("ice4j.harvest.mapping.static-mappings", List.of()),
                Map.entry("ice4j.use-component-socket", false),
                Map.entry("ice4j.send-to-last-received-from-address", false),
                Map.entry("ice4j.redact-remote-addresses", true),
                // No SOFTWARE attribute: nothing on the wire names the library and its version.
                Map.entry("ice4j.software", ""),
                Map.entry("ice4j.consent-freshness.interval", interval.toMillis() + " ms"),
                Map.entry("ice4j.consent-freshness.original-wait-interval", CONSENT_RETRANSMISSION_WAIT.toMillis() + " ms"),
                Map.entry("ice4j.consent-freshness.max-wait-interval", CONSENT_RETRANSMISSION_WAIT.toMillis() + " ms"),
                Map.entry("ice4j.consent-freshness.max-retransmissions", (int) retransmissions),
                Map.entry("ice4j.consent-freshness.randomize-interval", true));
    }
}
