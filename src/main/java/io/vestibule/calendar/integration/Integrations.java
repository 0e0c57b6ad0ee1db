package io.vestibule.calendar.integration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.calendar.integration.IntegrationRepository.StoredIntegration;
import io.vestibule.platform.FieldRefused;

/**
 * Creates, lists and deletes calendar integrations. A secret is drawn from the service's {@link SecureRandom}, sealed
 * before it is stored and handed out once; deleting an integration revokes its secret at once.
 */
@ApplicationScoped
public class Integrations implements IntegrationKeys {
    private IntegrationRepository repository;
    private IntegrationSecrets secrets;
    private SecureRandom random;
    private Clock clock;

    @Inject
    public Integrations(IntegrationRepository repository, IntegrationSecrets secrets, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected Integrations() {
    }

    /** Another integration has the name, whatever its case: a conflict with what exists, not a field to correct. */
    public static final class NameTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameTaken(String message) {
            super(message, null, false, false);
        }
    }

    public CreatedIntegration create(String name, List<String> organizerDomains, String createdBy) throws FieldRefused, NameTaken {
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new FieldRefused("name", "required", "Give the integration a name.");
        }
        if (trimmed.length() > CalendarIntegration.LONGEST_NAME) {
            throw new FieldRefused("name", "too_long", "An integration's name has at most " + CalendarIntegration.LONGEST_NAME + " characters.");
        }
        if (repository.all().stream().anyMatch(existing -> existing.name().equalsIgnoreCase(trimmed))) {
            throw new NameTaken("Another integration is called '" + trimmed + "'.");
        }
        CalendarIntegration integration = new CalendarIntegration(UUID.randomUUID(), trimmed, OrganizerDomains.parse(organizerDomains),
                clock.instant(), createdBy);
        IntegrationSecret secret = IntegrationSecret.generate(random);
        repository.add(new StoredIntegration(integration, secrets.seal(integration.id(), secret)));
        return new CreatedIntegration(integration, secret);
    }

    public List<CalendarIntegration> all() {
        return repository.all();
    }

    /** The deleted integration, or empty when there was none of that id. */
    public Optional<CalendarIntegration> delete(UUID id) {
        Optional<CalendarIntegration> existing = repository.find(id).map(StoredIntegration::integration);
        if (existing.isPresent() && !repository.remove(id)) {
            return Optional.empty();
        }
        return existing;
    }

    @Override
    public Optional<IntegrationKey> find(UUID integrationId) {
        return repository.find(integrationId)
                .map(stored -> new IntegrationKey(stored.integration(), secrets.open(integrationId, stored.sealedSecret())));
    }
}
