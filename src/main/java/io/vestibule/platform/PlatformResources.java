package io.vestibule.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Shared resources every capability injects instead of reaching for statics, so tests can replace them. */
@ApplicationScoped
public class PlatformResources {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
