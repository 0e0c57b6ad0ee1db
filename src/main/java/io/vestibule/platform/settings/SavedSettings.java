package io.vestibule.platform.settings;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

/**
 * Settings an administrator may change while the service runs, by name: the value saved through the admin API, or
 * else the configuration's {@code vestibule.<name>} ({@code VESTIBULE_<NAME>}), or else the caller's default.
 *
 * <p>The saved values are read once and kept in memory, since some are asked for on every join; a save through this
 * instance replaces them at once. In a cluster another instance sees a change after its restart (R-BRUTE-5 lists
 * the shared state).
 */
@ApplicationScoped
public class SavedSettings {
    private SettingStore store;
    private Config config;
    private volatile Map<String, String> saved;

    @Inject
    public SavedSettings(SettingStore store, Config config) {
        this.store = store;
        this.config = config;
    }

    /** For CDI's client proxy only. */
    protected SavedSettings() {
    }

    /** The value in force, stripped; a blank one counts as not set. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(savedValues().get(name))
                .or(() -> config.getOptionalValue("vestibule." + name, String.class))
                .map(String::strip).filter(text -> !text.isEmpty());
    }

    /** A whole number in force, or {@code otherwise}; one that is not a number names its environment variable. */
    public int wholeNumber(String name, int otherwise) {
        Optional<String> text = text(name);
        try {
            return text.map(Integer::parseInt).orElse(otherwise);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable(name) + " must be a whole number, not '" + text.get() + "'", e);
        }
    }

    /** Saves settings together; every later read sees them. */
    public synchronized void save(Map<String, String> settings, String administrator) {
        store.save(settings, administrator);
        saved = Map.copyOf(store.all());
    }

    /** The environment variable that sets {@code name} at start-up, for messages to operators. */
    public static String variable(String name) {
        return "VESTIBULE_" + name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private Map<String, String> savedValues() {
        Map<String, String> values = saved;
        if (values == null) {
            synchronized (this) {
                if (saved == null) {
                    saved = Map.copyOf(store.all());
                }
                values = saved;
            }
        }
        return values;
    }
}
