package io.vestibule.calendar.integration;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vestibule.platform.FieldRefused;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, finding and deleting integrations: the secret stored only sealed, handed out once, gone with its integration. */
class IntegrationsTest {
    private final Map<UUID, IntegrationRepository.StoredIntegration> stored = new LinkedHashMap<>();
    private final Integrations integrations = new Integrations(new InMemoryIntegrations(), new ReversingSecrets(), new SecureRandom(),
            new TestClock(Instant.parse("2026-12-05T10:00:00Z")));

    @Test
    void aCreatedIntegrationIsStoredWithItsSecretSealedAndFoundWithItOpened() {
        CreatedIntegration created = integrations.create("  Room booking ", List.of("Example.com"), "dave (ldap)");

        assertThat(created.integration().name()).isEqualTo("Room booking");
        assertThat(created.integration().organizerDomains().domains()).containsExactly("example.com");
        byte[] sealed = stored.get(created.integration().id()).sealedSecret();
        assertThat(new String(sealed, StandardCharsets.US_ASCII)).doesNotContain(created.secret().text());
        assertThat(integrations.find(created.integration().id())).get()
                .satisfies(key -> assertThat(key.secret().text()).isEqualTo(created.secret().text()));
        assertThat(integrations.all()).containsExactly(created.integration());
    }

    @Test
    void aNameIsRequiredAndTakenOnceWhateverItsCase() {
        integrations.create("Room booking", List.of("example.com"), "dave");

        assertThatThrownBy(() -> integrations.create("ROOM BOOKING", List.of("example.org"), "dave"))
                .isInstanceOf(Integrations.NameTaken.class).hasMessage("Another integration is called 'ROOM BOOKING'.");
        assertThatThrownBy(() -> integrations.create("  ", List.of("example.org"), "dave"))
                .isInstanceOfSatisfying(FieldRefused.class, refused -> assertThat(refused.reason()).isEqualTo("required"));
        assertThat(integrations.all()).hasSize(1);
    }

    @Test
    void aDeletedIntegrationHasNoSecretAnyMore() {
        CreatedIntegration created = integrations.create("Room booking", List.of("example.com"), "dave");

        assertThat(integrations.delete(created.integration().id())).contains(created.integration());
        assertThat(integrations.find(created.integration().id())).isEmpty();
        assertThat(integrations.delete(created.integration().id())).isEmpty();
    }

    /** Stands in for the data-key ring: what matters here is that the stored bytes are not the secret's text. */
    private static final class ReversingSecrets extends IntegrationSecrets {
        @Override
        public byte[] seal(UUID integrationId, IntegrationSecret secret) {
            return new StringBuilder(integrationId + ":" + secret.text()).reverse().toString().getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public IntegrationSecret open(UUID integrationId, byte[] sealed) {
            String text = new StringBuilder(new String(sealed, StandardCharsets.US_ASCII)).reverse().toString();
            assertThat(text).startsWith(integrationId + ":");
            return IntegrationSecret.of(text.substring(integrationId.toString().length() + 1).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final class InMemoryIntegrations implements IntegrationRepository {
        @Override
        public void add(StoredIntegration integration) {
            stored.put(integration.integration().id(), integration);
        }

        @Override
        public Optional<StoredIntegration> find(UUID id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        public List<CalendarIntegration> all() {
            return new ArrayList<>(stored.values().stream().map(StoredIntegration::integration).toList());
        }

        @Override
        public boolean remove(UUID id) {
            return stored.remove(id) != null;
        }
    }
}
