package io.vestibule.platform.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListenerSettingsTest {
    private final Map<String, String> environment = new HashMap<>();

    private ListenerSettings settings() {
        return ListenerSettings.from(LauncherSettings.load(environment, new Properties()));
    }

    @Test
    void byDefaultThePortalIsOn8443AndTheAdminConsoleOn9443OfEveryInterface() {
        ListenerSettings settings = settings();
        assertThat(settings.portalPort()).isEqualTo(8443);
        assertThat(settings.adminPort()).isEqualTo(9443);
        assertThat(settings.portalAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.adminAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.adminClientCaFile()).isEmpty();
    }

    @Test
    void theAdminConsoleListensWhereThePortalDoesUnlessToldOtherwise() {
        environment.put("VESTIBULE_BIND_ADDRESS", "10.0.0.5");
        assertThat(settings().adminAddress()).isEqualTo("10.0.0.5");

        environment.put("VESTIBULE_ADMIN_BIND_ADDRESS", "10.1.0.5");
        environment.put("VESTIBULE_ADMIN_PORT", "443");
        assertThat(settings().adminAddress()).isEqualTo("10.1.0.5");
        assertThat(settings().adminPort()).isEqualTo(443);
        assertThat(settings().portalAddress()).isEqualTo("10.0.0.5");
    }

    @Test
    void oneSharedPortIsRefusedEvenOnDifferentAddresses() {
        environment.put("VESTIBULE_HTTPS_PORT", "9443");
        environment.put("VESTIBULE_ADMIN_BIND_ADDRESS", "10.1.0.5");

        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(this::settings)
                .withMessageContaining("VESTIBULE_ADMIN_PORT").withMessageContaining("VESTIBULE_HTTPS_PORT")
                .withMessageContaining("9443");
    }

    @Test
    void aBadAdminPortIsRefusedWithItsName() {
        environment.put("VESTIBULE_ADMIN_PORT", "70000");
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(this::settings).withMessageContaining("VESTIBULE_ADMIN_PORT");
    }

    @Test
    void theClientCaFileIsAnAbsolutePath() {
        environment.put("VESTIBULE_ADMIN_CLIENT_CA_FILE", "conf/admin-cas.pem");
        assertThat(settings().adminClientCaFile()).hasValueSatisfying(file -> {
            assertThat(file.isAbsolute()).isTrue();
            assertThat(file).isEqualTo(Path.of("conf/admin-cas.pem").toAbsolutePath().normalize());
        });
    }
}
