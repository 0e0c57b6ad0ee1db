package io.vestibule.calendar.integration;

import java.util.Optional;
import java.util.UUID;

/** Where the callback check finds an integration's secret; a deleted integration has none. */
public interface IntegrationKeys {
    Optional<IntegrationKey> find(UUID integrationId);
}
