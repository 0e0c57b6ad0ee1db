package io.vestibule.crypto;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Pkcs11SettingsTest {
    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Pkcs11Settings.Token TOKEN = new Pkcs11Settings.Labelled("vestibule");

    @Test
    void thePinIsNeverPrinted() {
        Pkcs11Settings settings = new Pkcs11Settings(LIBRARY, TOKEN, "73914028".toCharArray(), "cdr-kek");
        assertThat(settings.toString()).doesNotContain("73914028").contains("pin=redacted").contains("token vestibule");
    }

    @Test
    void thePinIsCopiedInAndOut() {
        char[] pin = "73914028".toCharArray();
        Pkcs11Settings settings = new Pkcs11Settings(LIBRARY, TOKEN, pin, "cdr-kek");
        pin[0] = 'x';
        settings.pin()[1] = 'y';
        assertThat(settings.pin()).containsExactly("73914028".toCharArray());
    }

    @Test
    void theLibraryMustBeAnAbsolutePathSafeInSunPkcs11sConfiguration() {
        char[] pin = "1234".toCharArray();
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings(Path.of("libsofthsm2.so"), TOKEN, pin, "k"))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING);
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings(Path.of("/opt/${evil}/lib.so"), TOKEN, pin, "k"))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING);
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings(Path.of("/opt/a\"b/lib.so"), TOKEN, pin, "k"))
                .withMessageContaining(Pkcs11Settings.LIBRARY_SETTING);
    }

    @Test
    void anEmptyPinIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings(LIBRARY, TOKEN, new char[0], "cdr-kek"))
                .withMessageContaining(Pkcs11Settings.PIN_SETTING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-kek", "kek-", "kek 1", "kek/1", "abcdefghijklmnopqrstuvwxyz0123456789"})
    void aliasPrefixesAreShortWordsThatCannotBeMistakenForAVersion(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings(LIBRARY, TOKEN, "1234".toCharArray(), prefix))
                .withMessageContaining(Pkcs11Settings.ALIAS_PREFIX_SETTING);
    }

    @Test
    void tokensAreNamedByALabelOfUpTo32CharactersOrASlotId() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings.Labelled(" "))
                .withMessageContaining(Pkcs11Settings.TOKEN_LABEL_SETTING);
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings.Labelled("x".repeat(33)))
                .withMessageContaining(Pkcs11Settings.TOKEN_LABEL_SETTING);
        assertThatIllegalArgumentException().isThrownBy(() -> new Pkcs11Settings.InSlot(-1))
                .withMessageContaining(Pkcs11Settings.SLOT_SETTING);
        assertThat(new Pkcs11Settings.InSlot(0).slot()).isZero();
    }
}
