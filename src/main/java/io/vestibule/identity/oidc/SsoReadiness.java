package io.vestibule.identity.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the OpenID provider's discovery document can be read (R-RUN-4); a service without single sign-on
 * reports that, and is ready. The answer is at most a few seconds old ({@link OpenIdProvider#FRESH}), so probes do
 * not become load on the provider. While the provider is down, sessions already started and PIN joins keep working:
 * only new single sign-ons wait.
 */
@Readiness
@ApplicationScoped
public class SsoReadiness implements HealthCheck {
    @Inject
    SingleSignOn sso;

    @Override
    public HealthCheckResponse call() {
        if (!sso.enabled()) {
            return HealthCheckResponse.named("sso").up().withData("configured", false).build();
        }
        return HealthCheckResponse.named("sso").status(sso.reachable())
                .withData("issuer", sso.settings().orElseThrow().issuerId())
                .build();
    }
}
