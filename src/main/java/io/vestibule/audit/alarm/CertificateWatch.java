package io.vestibule.audit.alarm;

import java.time.Clock;
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

import org.eclipse.microprofile.config.Config;

/** Checks the service's certificates for expiry at start and then daily ({@link CertificateExpiryAlarms}). */
@ApplicationScoped
public class CertificateWatch {
    private static final Logger LOG = Logger.getLogger(CertificateWatch.class.getName());

    @Inject
    Config config;

    @Inject
    Alarms alarms;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ServiceCertificates certificates;
    private CertificateExpiryAlarms expiry;
    private ScheduledFuture<?> checks;

    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        certificates = ServiceCertificates.from(config);
        expiry = new CertificateExpiryAlarms(alarms, clock);
        checks = scheduler.scheduleWithFixedDelay(this::check, 0, 1, TimeUnit.DAYS);
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    private void check() {
        try {
            expiry.check(certificates.read());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again.
            LOG.log(Level.WARNING, "Checking the certificates' expiry failed; it runs again in a day", e);
        }
    }
}
