package io.vestibule.calendar.integration;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Integrations with their sealed secrets; each change commits on its own. */
public interface IntegrationRepository {
    void add(StoredIntegration integration);

    Optional<StoredIntegration> find(UUID id);

    /** Oldest first. */
    List<CalendarIntegration> all();

    /** Deletes the integration and its sealed secret; false when there was none. */
    boolean remove(UUID id);

    /** An integration as kept: the secret sealed under the data key of {@link IntegrationSecrets#PURPOSE}. */
    record StoredIntegration(CalendarIntegration integration, byte[] sealedSecret) {
        public StoredIntegration {
            sealedSecret = sealedSecret.clone();
        }

        @Override
        public byte[] sealedSecret() {
            return sealedSecret.clone();
        }
    }
}
