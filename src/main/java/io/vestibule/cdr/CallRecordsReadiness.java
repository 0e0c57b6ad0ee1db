package io.vestibule.cdr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while call records cannot be written (the journal broke, or its writes have failed for longer than a join
 * waits, as on a full disk): joins are refused then, since none would have its record.
 */
@Readiness
@ApplicationScoped
public class CallRecordsReadiness implements HealthCheck {
    @Inject
    CallRecords records;

    @Override
    public HealthCheckResponse call() {
        return records.notWritingBecause()
                .map(reason -> HealthCheckResponse.named("call-records").down().withData("reason", reason).build())
                .orElseGet(() -> HealthCheckResponse.named("call-records").up().build());
    }
}
