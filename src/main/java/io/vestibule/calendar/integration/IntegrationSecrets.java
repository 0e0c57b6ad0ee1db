package io.vestibule.calendar.integration;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.crypto.keys.DataKeyRing;

/**
 * Seals integration secrets for storage (AES-256-GCM under the data key of {@link #PURPOSE}), each bound to its
 * integration: a sealed secret copied to another integration's row does not open. The secret must be kept openable,
 * not hashed, because checking a callback's HMAC needs it.
 */
@ApplicationScoped
public class IntegrationSecrets {
    static final String PURPOSE = "calendar-integration-secrets";

    private DataKeyRing keys;

    @Inject
    public IntegrationSecrets(DataKeyRing keys) {
        this.keys = keys;
    }

    /** For CDI's client proxy only. */
    protected IntegrationSecrets() {
    }

    public byte[] seal(UUID integrationId, IntegrationSecret secret) {
        return keys.seal(PURPOSE, secret.text().getBytes(StandardCharsets.US_ASCII), context(integrationId));
    }

    public IntegrationSecret open(UUID integrationId, byte[] sealed) {
        return IntegrationSecret.of(keys.open(PURPOSE, sealed, context(integrationId)));
    }

    private static String context(UUID integrationId) {
        return "calendar-integration:" + integrationId;
    }
}
