package io.vestibule.media.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.vestibule.access.JoinService;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.media.gateway.dtls.DtlsFailure;
import io.vestibule.media.gateway.dtls.DtlsServerSettings;
import io.vestibule.media.gateway.dtls.GatewayCertificate;
import io.vestibule.media.gateway.forward.DropReason;
import io.vestibule.media.gateway.ice.IcePorts;
import io.vestibule.media.gateway.ice.MediaSettings;
import io.vestibule.media.gateway.settings.MediaAdminSettingsService;

/**
 * Assembles the media gateway from its settings ({@code VESTIBULE_MEDIA_*}, docs/admin-guide.md "Media gateway") at
 * deployment, so that ports that cannot be bound stop the start instead of failing the first participant.
 */
@ApplicationScoped
public class GatewayResources {
    private static final Logger LOG = Logger.getLogger(GatewayResources.class.getName());
    private static final String CONFERENCE_PARTICIPANTS = "vestibule_media_conference_participants";
    private static final String CONFERENCE_STREAMS = "vestibule_media_conference_streams";
    /** Each handshake holds a thread until it ends (at most the deadline); more wait their turn. */
    private static final int HANDSHAKE_THREADS = 4;
    private static final int HANDSHAKES_WAITING = 1000;
    private static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

    @Inject
    Config config;

    private ExecutorService handshakes;

    @Produces
    @Singleton
    MediaGateway mediaGateway(GatewayMessages messages, JoinService joins, CryptoPolicy policy, SecureRandom random, Clock clock,
                              CallRecorder calls, MetricRegistry metrics, MediaAdminSettingsService adminSettings) {
        MediaSettings settings = MediaSettings.from(config);
        // Read here, at deployment, so that handshakes later find the settings in memory.
        boolean allowAesCm = adminSettings.current().allowAesCm();
        IcePorts ports;
        try {
            ports = IcePorts.bind(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("The media gateway cannot bind UDP " + settings.bindAddress().getHostAddress() + " port(s) "
                    + settings.firstPort() + (settings.portCount() > 1 ? "-" + settings.lastPort() : "")
                    + " (" + e.getMessage() + "); free them or set VESTIBULE_MEDIA_PORT", e);
        }
        handshakes = new ThreadPoolExecutor(HANDSHAKE_THREADS, HANDSHAKE_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(HANDSHAKES_WAITING), daemonThreads("vestibule-dtls-"));
        LOG.info(() -> "The media gateway listens on UDP " + ports.localAddresses() + ", advertised as "
                + settings.candidateAddress().getHostAddress() + "; SRTP profiles " + policy.srtpProfiles(allowAesCm)
                + " until an administrator changes AES-CM");
        MediaGateway gateway = new MediaGateway(ports, GatewayCertificate.generate(policy, random, clock),
                DtlsServerSettings.following(policy, () -> adminSettings.current().allowAesCm(), HANDSHAKE_DEADLINE), handshakes, messages,
                bindingsOf(joins), policy, random, calls, clock, conferenceGauges(metrics));
        registerMetrics(metrics, gateway);
        return gateway;
    }

    /** Media bound to certificates as the conferences keep them. */
    private static MediaBindings bindingsOf(JoinService joins) {
        return new MediaBindings() {
            @Override
            public boolean bind(UUID conference, UUID participant, String certificate) {
                return joins.bindMedia(conference, participant, certificate);
            }

            @Override
            public Optional<String> bound(UUID conference, UUID participant) {
                return joins.mediaCertificateOf(conference, participant);
            }
        };
    }

    /** The gateway's metrics (R-RUN-4), at /metrics on the admin port with the others. */
    private static void registerMetrics(MetricRegistry metrics, MediaGateway gateway) {
        metrics.gauge("vestibule_media_conferences", gateway, MediaGateway::conferences);
        metrics.gauge("vestibule_media_participants", gateway, MediaGateway::participants);
        metrics.gauge("vestibule_media_streams", gateway, MediaGateway::streams);
        metrics.gauge("vestibule_media_packets_received", gateway, g -> g.forwarding().packetsIn());
        metrics.gauge("vestibule_media_packets_forwarded", gateway, g -> g.forwarding().packetsOut());
        metrics.gauge("vestibule_media_bytes_forwarded", gateway, g -> g.forwarding().bytesOut());
        for (DropReason reason : DropReason.values()) {
            metrics.gauge("vestibule_media_packets_dropped", gateway, g -> g.forwarding().dropped().get(reason),
                    new Tag("reason", reason.name().toLowerCase(Locale.ROOT)));
        }
        for (DtlsFailure failure : DtlsFailure.values()) {
            String reason = failure.name().toLowerCase(Locale.ROOT);
            metrics.gauge("vestibule_media_dtls_failures", gateway, g -> g.dtlsFailures().getOrDefault(reason, 0L),
                    new Tag("reason", reason));
        }
    }

    /**
     * Participants and streams of each conference the gateway carries, labelled with the conference's id, for as long
     * as it carries it.
     */
    private static ConferenceWatcher conferenceGauges(MetricRegistry metrics) {
        return new ConferenceWatcher() {
            @Override
            public void opened(UUID conference, IntSupplier participants, IntSupplier streams) {
                Tag id = new Tag("conference", conference.toString());
                metrics.gauge(CONFERENCE_PARTICIPANTS, participants, IntSupplier::getAsInt, id);
                metrics.gauge(CONFERENCE_STREAMS, streams, IntSupplier::getAsInt, id);
            }

            @Override
            public void closed(UUID conference) {
                Tag id = new Tag("conference", conference.toString());
                metrics.remove(new MetricID(CONFERENCE_PARTICIPANTS, id));
                metrics.remove(new MetricID(CONFERENCE_STREAMS, id));
            }
        };
    }

    void close(@Disposes MediaGateway gateway) {
        gateway.close();
    }

    /**
     * Binds the ports at deployment: asking for the gateway makes it, so a port taken by another process ends the start
     * with one line naming the setting instead of failing the first participant.
     */
    void startAtDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 200) @Initialized(ApplicationScoped.class) Object started,
                           MediaGateway gateway) {
        // Nothing more: a @Singleton is injected as itself, not as a proxy, so being injected here is being made.
    }

    @PreDestroy
    void stopHandshakes() {
        if (handshakes != null) {
            handshakes.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
