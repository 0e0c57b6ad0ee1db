package io.vestibule.access;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The join flow's metrics (R-RUN-4), served in Prometheus format at /metrics: joins by outcome, failed PINs,
 * blocks by kind, and the participants present now.
 */
@ApplicationScoped
public class JoinMetrics {
    private MetricRegistry registry;

    @Inject
    public JoinMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** For CDI's client proxy only. */
    protected JoinMetrics() {
    }

    /** {@code outcome}: host, guest, waiting, pin_required, invalid_pin, outside_window, not_found, blocked, full, lobby_full. */
    public void joinAnswered(String outcome) {
        registry.counter("vestibule_joins", new Tag("outcome", outcome)).inc();
    }

    public void pinFailed() {
        registry.counter("vestibule_pin_failures").inc();
    }

    /** {@code kind}: room, address, account. */
    public void blocked(String kind) {
        registry.counter("vestibule_blocks", new Tag("kind", kind)).inc();
    }

    public void countPresentParticipants(Supplier<Long> present) {
        registry.gauge("vestibule_participants_active", present, Supplier::get);
    }
}
