package io.vestibule.platform.logging;

import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Installs the log filters on the server's log handlers before anything of the application logs: the one that keeps
 * the container's own request failures from flooding the log, then the redacting one.
 */
@ApplicationScoped
public class LogRedaction {
    void installAtStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) @Initialized(ApplicationScoped.class) Object started) {
        RepeatedFailures repeated = new RepeatedFailures(Clock.systemUTC());
        RedactingLogFilter.install(handlersFilter -> new ContainerRequestFailures(handlersFilter, repeated));
    }
}
