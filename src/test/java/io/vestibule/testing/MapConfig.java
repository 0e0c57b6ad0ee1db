package io.vestibule.testing;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * MicroProfile Config over a map of property-form keys, for testing classes that read settings. Like the
 * server's implementation it treats an empty value as absent; it converts to String, Boolean, Integer and Long.
 */
public final class MapConfig implements Config {
    private final Map<String, String> values;

    public MapConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        Optional<String> value = Optional.ofNullable(values.get(name)).filter(text -> !text.isEmpty());
        if (type == String.class) {
            return value.map(type::cast);
        }
        if (type == Boolean.class) {
            return value.map(Boolean::valueOf).map(type::cast);
        }
        if (type == Integer.class) {
            return value.map(Integer::valueOf).map(type::cast);
        }
        if (type == Long.class) {
            return value.map(Long::valueOf).map(type::cast);
        }
        throw new UnsupportedOperationException("MapConfig converts to String, Boolean, Integer and Long only, not " + type.getName());
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException("MapConfig unwraps to nothing");
    }
}
