package io.vestibule.platform.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings the launcher needs before the application's MicroProfile Config exists, looked up the way
 * MicroProfile Config looks them up: a system property ({@code vestibule.https.port}) first, then the
 * environment ({@code VESTIBULE_HTTPS_PORT}), then the optional properties file named by
 * {@code VESTIBULE_CONFIG_FILE}.
 *
 * <p>{@link #entriesForTheApplication()} hands the file's entries to the application as system properties,
 * except those that the environment or a system property already sets, so both see the same precedence.
 */
public final class LauncherSettings {
    public static final String CONFIG_FILE = "vestibule.config.file";

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Properties file;

    private LauncherSettings(Map<String, String> environment, Properties systemProperties, Properties file) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.file = file;
    }

    public static LauncherSettings load(Map<String, String> environment, Properties systemProperties) {
        LauncherSettings withoutFile = new LauncherSettings(environment, systemProperties, new Properties());
        Properties file = new Properties();
        Optional<String> fileName = withoutFile.find(CONFIG_FILE);
        if (fileName.isPresent()) {
            Path path = Path.of(fileName.get());
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new LaunchFailure("Cannot read the configuration file " + path + " (VESTIBULE_CONFIG_FILE): " + e.getMessage());
            }
        }
        return new LauncherSettings(environment, systemProperties, file);
    }

    public Optional<String> find(String key) {
        String value = systemProperties.getProperty(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String text(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public int port(String key, int defaultValue) {
        String value = text(key, String.valueOf(defaultValue));
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchFailure(environmentName(key) + " must be a port number between 1 and 65535, not '" + value + "'");
        }
    }

    public boolean flag(String key, boolean defaultValue) {
        String value = text(key, String.valueOf(defaultValue)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new LaunchFailure(environmentName(key) + " must be true or false, not '" + value + "'");
        };
    }

    public Path path(String key, String defaultValue) {
        return Path.of(text(key, defaultValue)).toAbsolutePath().normalize();
    }

    /** File entries that neither a system property nor the environment overrides. */
    public Map<String, String> entriesForTheApplication() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            if (systemProperties.getProperty(key) == null && environment.get(environmentName(key)) == null) {
                entries.put(key, file.getProperty(key).strip());
            }
        }
        return entries;
    }

    /** MicroProfile Config's mapping: {@code vestibule.https.port} is {@code VESTIBULE_HTTPS_PORT}. */
    public static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
