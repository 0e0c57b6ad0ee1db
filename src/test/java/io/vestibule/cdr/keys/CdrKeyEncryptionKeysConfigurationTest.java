package io.vestibule.cdr.keys;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.Pkcs11Settings;
import io.vestibule.testing.MapConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CdrKeyEncryptionKeysConfigurationTest {
    private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PIN = "73914028";

    private static Map<String, String> token(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "vestibule.cdr.kek-store", "pkcs11",
                "vestibule.cdr.pkcs11.library", LIBRARY,
                "vestibule.cdr.pkcs11.token-label", "vestibule",
                "vestibule.cdr.pkcs11.pin", PIN));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                settings.remove(more[i]);
            } else {
                settings.put(more[i], more[i + 1]);
            }
        }
        return settings;
    }

    private static Pkcs11Settings read(Map<String, String> settings) {
        return CdrKeyEncryptionKeysConfiguration.from(new MapConfig(settings)).orElseThrow();
    }

    @Test
    void theMasterKeyStoreIsTheDefault() {
        assertThat(CdrKeyEncryptionKeysConfiguration.from(new MapConfig(Map.of()))).isEmpty();
        assertThat(CdrKeyEncryptionKeysConfiguration.from(new MapConfig(Map.of("vestibule.cdr.kek-store", "PKCS12")))).isEmpty();
    }

    @Test
    void aTokenByLabel() {
        Pkcs11Settings settings = read(token());
        assertThat(settings.library()).isEqualTo(Path.of(LIBRARY));
        assertThat(settings.token()).isEqualTo(new Pkcs11Settings.Labelled("vestibule"));
        assertThat(settings.pin()).containsExactly(PIN.toCharArray());
        assertThat(settings.aliasPrefix()).isEqualTo("cdr-kek");
    }

    @Test
    void aTokenBySlotInDecimalOrHexadecimal() {
        assertThat(read(token("vestibule.cdr.pkcs11.token-label", null, "vestibule.cdr.pkcs11.slot", "129881745")).token())
                .isEqualTo(new Pkcs11Settings.InSlot(129881745));
        assertThat(read(token("vestibule.cdr.pkcs11.token-label", null, "vestibule.cdr.pkcs11.slot", "0x7bdd691")).token())
                .isEqualTo(new Pkcs11Settings.InSlot(0x7bdd691));
    }

    @Test
    void anAliasPrefixOfItsOwn() {
        assertThat(read(token("vestibule.cdr.pkcs11.alias-prefix", "records-kek")).aliasPrefix()).isEqualTo("records-kek");
    }

    @Test
    void anUnknownStoreIsNamedWithTheChoices() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CdrKeyEncryptionKeysConfiguration.from(new MapConfig(Map.of("vestibule.cdr.kek-store", "hsm"))))
                .withMessageContaining("VESTIBULE_CDR_KEK_STORE").withMessageContaining("pkcs12").withMessageContaining("pkcs11");
    }

    @Test
    void eachRequiredSettingIsNamedWhenMissing() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(token("vestibule.cdr.pkcs11.library", null)))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING);
        assertThatIllegalArgumentException().isThrownBy(() -> read(token("vestibule.cdr.pkcs11.pin", null)))
                .withMessageContaining(Pkcs11Settings.PIN_SETTING);
        assertThatIllegalArgumentException().isThrownBy(() -> read(token("vestibule.cdr.pkcs11.token-label", null)))
                .withMessageContaining(Pkcs11Settings.TOKEN_LABEL_SETTING).withMessageContaining(Pkcs11Settings.SLOT_SETTING);
    }

    @Test
    void labelAndSlotTogetherAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(token("vestibule.cdr.pkcs11.slot", "1")))
                .withMessageContaining(Pkcs11Settings.TOKEN_LABEL_SETTING).withMessageContaining(Pkcs11Settings.SLOT_SETTING)
                .withMessageContaining("not both");
    }

    @Test
    void aSlotThatIsNoNumberIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read(token("vestibule.cdr.pkcs11.token-label", null, "vestibule.cdr.pkcs11.slot", "first")))
                .withMessageContaining(Pkcs11Settings.SLOT_SETTING).withMessageContaining("first");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read(token("vestibule.cdr.pkcs11.token-label", null, "vestibule.cdr.pkcs11.slot", "-3")))
                .withMessageContaining(Pkcs11Settings.SLOT_SETTING);
    }

    @Test
    void aRelativeLibraryIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(token("vestibule.cdr.pkcs11.library", "libsofthsm2.so")))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING);
    }

    @Test
    void tokenSettingsWithoutTheTokenStoreAreRefusedRatherThanIgnored() {
        Map<String, String> settings = token("vestibule.cdr.kek-store", null);
        assertThatIllegalArgumentException().isThrownBy(() -> CdrKeyEncryptionKeysConfiguration.from(new MapConfig(settings)))
                .withMessageContaining("VESTIBULE_CDR_KEK_STORE").withMessageContaining(Pkcs11Settings.LIBRARY_SETTING)
                .withMessageNotContaining(PIN);
    }

    @Test
    void noMessageHoldsThePin() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(token("vestibule.cdr.pkcs11.alias-prefix", "bad prefix")))
                .withMessageNotContaining(PIN);
    }

    @Test
    void theSettingsNamesAreTheEnvironmentFormOfTheKeys() {
        assertThat(CdrKeyEncryptionKeysConfiguration.environmentName(CdrKeyEncryptionKeysConfiguration.LIBRARY)).isEqualTo(Pkcs11Settings.LIBRARY_SETTING);
        assertThat(CdrKeyEncryptionKeysConfiguration.environmentName(CdrKeyEncryptionKeysConfiguration.TOKEN_LABEL)).isEqualTo(Pkcs11Settings.TOKEN_LABEL_SETTING);
        assertThat(CdrKeyEncryptionKeysConfiguration.environmentName(CdrKeyEncryptionKeysConfiguration.SLOT)).isEqualTo(Pkcs11Settings.SLOT_SETTING);
        assertThat(CdrKeyEncryptionKeysConfiguration.environmentName(CdrKeyEncryptionKeysConfiguration.PIN)).isEqualTo(Pkcs11Settings.PIN_SETTING);
        assertThat(CdrKeyEncryptionKeysConfiguration.environmentName(CdrKeyEncryptionKeysConfiguration.ALIAS_PREFIX)).isEqualTo(Pkcs11Settings.ALIAS_PREFIX_SETTING);
        assertThat(CdrKeyEncryptionKeysConfiguration.environmentName(CdrKeyEncryptionKeysConfiguration.STORE)).isEqualTo("VESTIBULE_CDR_KEK_STORE");
    }
}
