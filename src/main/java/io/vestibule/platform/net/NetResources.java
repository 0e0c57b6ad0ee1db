package io.vestibule.platform.net;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The reverse proxies whose forwarded client address is believed (VESTIBULE_TRUSTED_PROXIES). */
@ApplicationScoped
public class NetResources {
    @Inject
    @ConfigProperty(name = "vestibule.trusted.proxies")
    Optional<String> trustedProxies;

    @Produces
    @Singleton
    TrustedProxies trustedProxies() {
        return new TrustedProxies(AddressRanges.parse(trustedProxies.orElse("")));
    }
}
