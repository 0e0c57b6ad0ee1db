package io.vestibule.admin.keys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditLog;
import io.vestibule.crypto.keys.DataKey;
import io.vestibule.crypto.keys.DataKeyRing;

/**
 * Data keys seal for a limited time (CCN-STIC-807 asks for key lifetimes): once a day, a data key older than
 * {@code VESTIBULE_KEYS_DATA_KEY_DAYS} (365) is retired, so its purpose gets a new key wrapped by the current
 * key-encryption key; the old one stays to open what it sealed. Each retirement is audited as {@code keys.retire}.
 */
@ApplicationScoped
public class DataKeyRetirement {
    private static final Logger LOG = Logger.getLogger(DataKeyRetirement.class.getName());

    private DataKeyRing dataKeys;
    private AuditLog audit;
    private Clock clock;
    private int lifetimeDays;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> daily;

    @Inject
    public DataKeyRetirement(DataKeyRing dataKeys, AuditLog audit, Clock clock,
                             @ConfigProperty(name = "vestibule.keys.data-key-days", defaultValue = "365") int lifetimeDays) {
        this.dataKeys = dataKeys;
        this.audit = audit;
        this.clock = clock;
        this.lifetimeDays = lifetimeDays;
    }

    /** For CDI's client proxy only. */
    protected DataKeyRetirement() {
    }

    void startAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (lifetimeDays < 1) {
            throw new IllegalStateException("VESTIBULE_KEYS_DATA_KEY_DAYS must be at least 1, not " + lifetimeDays);
        }
        daily = scheduler.scheduleWithFixedDelay(this::retireOldKeys, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        if (daily != null) {
            daily.cancel(false);
        }
    }

    /** Retires the data keys past their lifetime; returns them. */
    public List<DataKey> retireOldKeys() {
        try {
            List<DataKey> retired = dataKeys.retireActiveCreatedBefore(clock.instant().minus(Duration.ofDays(lifetimeDays)));
            for (DataKey key : retired) {
                audit.record(AuditEventType.KEYS_RETIRE, "system", "-", AuditEvent.Outcome.SUCCESS, "data key " + key.purpose() + " #" + key.id()
                        + " of " + key.createdAt() + " retired after " + lifetimeDays + " days");
            }
            return retired;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Retiring old data keys failed; it runs again in a day", e);
            return List.of();
        }
    }
}
