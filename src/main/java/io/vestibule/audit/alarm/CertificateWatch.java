package io.vestibule.audit.alarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.vestibule.crypto.inventory.CertificatesInUse;

/**
 * Checks the service's certificates for expiry at start and then daily ({@link CertificateExpiryAlarms}), and at the
 * moment a certificate crosses 30 days, 7 days or its end when that comes sooner.
 */
@ApplicationScoped
public class CertificateWatch {
    private static final Duration DAILY = Duration.ofDays(1);
    private static final Logger LOG = Logger.getLogger(CertificateWatch.class.getName());

    @Inject
    CertificatesInUse inUse;

    @Inject
    Alarms alarms;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ServiceCertificates certificates;
    private CertificateExpiryAlarms expiry;
    private ScheduledFuture<?> next;
    private boolean stopped;

    synchronized void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        certificates = new ServiceCertificates(inUse);
        expiry = new CertificateExpiryAlarms(alarms, clock);
        next = scheduler.schedule(this::check, 0, TimeUnit.SECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** Checks, then schedules the next check in a day, or sooner when a certificate crosses a threshold before then. */
    private synchronized void check() {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        Instant nextCheck = now.plus(DAILY);
        try {
            Optional<Instant> nextChange = expiry.check(certificates.read());
            if (nextChange.isPresent() && nextChange.get().isBefore(nextCheck)) {
                nextCheck = nextChange.get().plusSeconds(1);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Checking the certificates' expiry failed; it runs again in a day", e);
        }
        next = scheduler.schedule(this::check, Duration.between(now, nextCheck).toMillis(), TimeUnit.MILLISECONDS);
    }
}
