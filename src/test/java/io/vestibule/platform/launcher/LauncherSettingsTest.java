package io.vestibule.platform.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LauncherSettingsTest {
    @TempDir
    Path directory;

    private final Map<String, String> environment = new HashMap<>();
    private final Properties system = new Properties();

    private Path configFile(String content) throws Exception {
        Path file = Files.writeString(directory.resolve("vestibule.properties"), content);
        environment.put("VESTIBULE_CONFIG_FILE", file.toString());
        return file;
    }

    private LauncherSettings load() {
        return LauncherSettings.load(environment, system);
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertThat(LauncherSettings.environmentName("vestibule.https.port")).isEqualTo("VESTIBULE_HTTPS_PORT");
        assertThat(LauncherSettings.environmentName("vestibule.ldap.allow-insecure-transport"))
                .isEqualTo("VESTIBULE_LDAP_ALLOW_INSECURE_TRANSPORT");
        assertThat(LauncherSettings.environmentName(LauncherSettings.CONFIG_FILE)).isEqualTo("VESTIBULE_CONFIG_FILE");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheFile() throws Exception {
        configFile("vestibule.https.port=1111\nvestibule.bind.address=10.0.0.1\nvestibule.public.url=https://file.example.org\n");
        environment.put("VESTIBULE_HTTPS_PORT", "2222");
        environment.put("VESTIBULE_BIND_ADDRESS", "10.0.0.2");
        system.setProperty("vestibule.https.port", "3333");

        LauncherSettings settings = load();
        assertThat(settings.port("vestibule.https.port", 8443)).isEqualTo(3333);
        assertThat(settings.text("vestibule.bind.address", "0.0.0.0")).isEqualTo("10.0.0.2");
        assertThat(settings.text("vestibule.public.url", "https://localhost")).isEqualTo("https://file.example.org");
        assertThat(settings.text("vestibule.unset", "fallback")).isEqualTo("fallback");
        assertThat(settings.find("vestibule.unset")).isEmpty();
    }

    @Test
    void theConfigFileCanAlsoBeNamedByASystemProperty() throws Exception {
        Path file = Files.writeString(directory.resolve("other.properties"), "vestibule.https.port=9443\n");
        system.setProperty(LauncherSettings.CONFIG_FILE, file.toString());
        assertThat(load().port("vestibule.https.port", 8443)).isEqualTo(9443);
    }

    @Test
    void theApplicationGetsOnlyTheFileEntriesNothingElseOverrides() throws Exception {
        configFile("vestibule.https.port=1111\nvestibule.bind.address=10.0.0.1\nvestibule.ldap.url = ldap://dc1 \n"
                + "vestibule.hsts.preload=true\n");
        environment.put("VESTIBULE_BIND_ADDRESS", "10.0.0.2");
        system.setProperty("vestibule.hsts.preload", "false");

        Map<String, String> entries = load().entriesForTheApplication();
        assertThat(entries).containsOnly(Map.entry("vestibule.https.port", "1111"),
                Map.entry("vestibule.ldap.url", "ldap://dc1"));
    }

    @Test
    void withoutAFileThereAreNoEntriesForTheApplication() {
        environment.put("VESTIBULE_HTTPS_PORT", "2222");
        assertThat(load().entriesForTheApplication()).isEmpty();
    }

    @Test
    void aMissingConfigFileIsALaunchFailure() {
        environment.put("VESTIBULE_CONFIG_FILE", directory.resolve("missing.properties").toString());
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(this::load).withMessageContaining("VESTIBULE_CONFIG_FILE");
    }

    @Test
    void valuesAreTrimmedAndBlankValuesCountAsUnset() {
        environment.put("VESTIBULE_HTTPS_PORT", " 9443 ");
        environment.put("VESTIBULE_BIND_ADDRESS", "   ");
        LauncherSettings settings = load();
        assertThat(settings.port("vestibule.https.port", 8443)).isEqualTo(9443);
        assertThat(settings.find("vestibule.bind.address")).isEmpty();
        assertThat(settings.text("vestibule.bind.address", "0.0.0.0")).isEqualTo("0.0.0.0");
    }

    @Test
    void theDefaultPortIsUsedWhenNoneIsSet() {
        assertThat(load().port("vestibule.https.port", 8443)).isEqualTo(8443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "70000", "0", "-1", "65536", "8443.0", "0x1F"})
    void aBadPortIsALaunchFailureNamingTheVariable(String value) {
        environment.put("VESTIBULE_HTTPS_PORT", value);
        LauncherSettings settings = load();
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> settings.port("vestibule.https.port", 8443))
                .withMessageContaining("VESTIBULE_HTTPS_PORT").withMessageContaining(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 443, 65535})
    void portsFromOneTo65535AreAccepted(int port) {
        environment.put("VESTIBULE_HTTPS_PORT", String.valueOf(port));
        assertThat(load().port("vestibule.https.port", 8443)).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "on", "1", " True "})
    void trueFlags(String value) {
        environment.put("VESTIBULE_CLUSTER_ENABLED", value);
        assertThat(load().flag("vestibule.cluster.enabled", false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "no", "off", "0"})
    void falseFlags(String value) {
        environment.put("VESTIBULE_CLUSTER_ENABLED", value);
        assertThat(load().flag("vestibule.cluster.enabled", true)).isFalse();
    }

    @Test
    void flagsDefaultWhenUnset() {
        assertThat(load().flag("vestibule.cluster.enabled", false)).isFalse();
        assertThat(load().flag("vestibule.cluster.enabled", true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "enabled", "y"})
    void anUnclearFlagIsALaunchFailureNamingTheVariable(String value) {
        environment.put("VESTIBULE_CLUSTER_ENABLED", value);
        LauncherSettings settings = load();
        assertThatExceptionOfType(LaunchFailure.class).isThrownBy(() -> settings.flag("vestibule.cluster.enabled", false))
                .withMessageContaining("VESTIBULE_CLUSTER_ENABLED");
    }

    @Test
    void pathsAreAbsoluteAndNormalised() {
        environment.put("VESTIBULE_DATA_DIR", directory.resolve("a/../data").toString());
        assertThat(load().path("vestibule.data.dir", "vestibule-data")).isEqualTo(directory.resolve("data"));
        Path relative = load().path("vestibule.other.dir", "relative");
        assertThat(relative.isAbsolute()).isTrue();
        assertThat(relative).isEqualTo(Path.of("relative").toAbsolutePath());
    }
}
