package io.vestibule.identity.ldap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.vestibule.identity.DirectoryService;

/** Ready when the configured directory answers; a service without a directory reports that, and is ready. */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {
    @Inject
    DirectoryService directories;

    @Override
    public HealthCheckResponse call() {
        return directories.directory()
                .map(directory -> HealthCheckResponse.named("directory").status(directory.reachable()).build())
                .orElseGet(() -> HealthCheckResponse.named("directory").up().withData("configured", false).build());
    }
}
