package io.vestibule.cdr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the call-record journal broke: joins are refused then, since none would have its record. */
@Readiness
@ApplicationScoped
public class CallRecordsReadiness implements HealthCheck {
    @Inject
    CallRecords records;

    @Override
    public HealthCheckResponse call() {
        return records.brokenBecause()
                .map(reason -> HealthCheckResponse.named("call-records").down().withData("reason", "journal broken").build())
                .orElseGet(() -> HealthCheckResponse.named("call-records").up().build());
    }
}
