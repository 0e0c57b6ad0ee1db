package io.vestibule.platform.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** VESTIBULE_FIPS against the build it is given to: a service believed to be in FIPS mode never runs outside it. */
class FipsModeTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private void apply(Map<String, String> environment) {
        FipsMode.apply(LauncherSettings.load(environment, new Properties()), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** Run on both builds (the FIPS one in the crypto tests' FIPS execution when chosen with -Dtest). */
    @Test
    void eachBuildRefusesTheSettingItCannotMeetNamingTheOtherJar() {
        boolean fips = CryptoModule.fips();
        String unmet = String.valueOf(!fips);
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> apply(Map.of("VESTIBULE_FIPS", unmet)))
                .withMessageContaining("VESTIBULE_FIPS=" + unmet).withMessageContaining(fips ? "start vestibule.jar" : "vestibule-fips.jar");
        assertThatCode(() -> apply(Map.of("VESTIBULE_FIPS", String.valueOf(fips)))).doesNotThrowAnyException();
        assertThatCode(() -> apply(Map.of())).doesNotThrowAnyException();
        assertThat(console.toString(StandardCharsets.UTF_8).contains("FIPS mode: cryptography through BCFIPS")).isEqualTo(fips);
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefusedNamingTheSetting() {
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> apply(Map.of("VESTIBULE_FIPS", "maybe")))
                .withMessageContaining("VESTIBULE_FIPS").withMessageContaining("maybe");
    }
}
