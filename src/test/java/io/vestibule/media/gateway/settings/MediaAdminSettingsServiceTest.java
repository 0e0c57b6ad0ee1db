package io.vestibule.media.gateway.settings;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.MapConfig;
import io.vestibule.testing.MemorySettingStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which AES-CM setting is in force: saved in the console, else the start-up setting, else allowed. */
class MediaAdminSettingsServiceTest {
    private final MemorySettingStore store = new MemorySettingStore();

    private MediaAdminSettingsService service(Map<String, String> startUp) {
        return new MediaAdminSettingsService(store, new MapConfig(startUp));
    }

    @Test
    void withNothingSavedNorSetAesCmIsAllowed() {
        assertThat(service(Map.of()).current().allowAesCm()).isTrue();
    }

    @Test
    void withNothingSavedTheStartUpSettingIsTheValue() {
        assertThat(service(Map.of("vestibule.media.allow-aes-cm", "false")).current().allowAesCm()).isFalse();
        assertThat(service(Map.of("vestibule.media.allow-aes-cm", " TRUE ")).current().allowAesCm()).isTrue();
        assertThat(service(Map.of("vestibule.media.allow-aes-cm", "off")).current().allowAesCm()).isFalse();
    }

    @Test
    void aSavedValueWinsOverTheStartUpSettingEitherWay() {
        store.rows.put("media.allow-aes-cm", "true");
        assertThat(service(Map.of("vestibule.media.allow-aes-cm", "false")).current().allowAesCm()).isTrue();

        store.rows.put("media.allow-aes-cm", "false");
        assertThat(service(Map.of("vestibule.media.allow-aes-cm", "true")).current().allowAesCm()).isFalse();
        assertThat(service(Map.of()).current().allowAesCm()).isFalse();
    }

    @Test
    void aChangeIsSavedWithItsAuthorAndInForceAtOnceWithoutReadingTheStoreAgain() {
        MediaAdminSettingsService service = service(Map.of("vestibule.media.allow-aes-cm", "true"));
        assertThat(service.current().allowAesCm()).isTrue();

        MediaAdminSettings changed = service.change(new MediaAdminSettings(false), "dave (ldap)");

        assertThat(changed.allowAesCm()).isFalse();
        assertThat(store.rows).containsEntry("media.allow-aes-cm", "false");
        assertThat(store.savedBy).containsEntry("media.allow-aes-cm", "dave (ldap)");
        for (int handshake = 0; handshake < 100; handshake++) {
            assertThat(service.current().allowAesCm()).isFalse();
        }
        assertThat(store.reads).as("the store is read once; handshakes read memory").isEqualTo(1);
        assertThat(service(Map.of("vestibule.media.allow-aes-cm", "true")).current().allowAesCm())
                .as("after a restart the saved value is in force").isFalse();
    }

    @Test
    void aStartUpValueThatIsNeitherTrueNorFalseStopsTheStartNamingTheVariable() {
        assertThatIllegalArgumentException().isThrownBy(() -> service(Map.of("vestibule.media.allow-aes-cm", "flase")).current())
                .withMessageContaining("VESTIBULE_MEDIA_ALLOW_AES_CM").withMessageContaining("flase");
    }

    @Test
    void aSavedValueThatIsNeitherTrueNorFalseIsNotTakenForEither() {
        store.rows.put("media.allow-aes-cm", "maybe");
        assertThatIllegalStateException().isThrownBy(() -> service(Map.of()).current())
                .withMessageContaining("media.allow-aes-cm").withMessageContaining("maybe");
    }
}
