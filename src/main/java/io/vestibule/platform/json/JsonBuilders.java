package io.vestibule.platform.json;

import java.io.Reader;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;

/**
 * JSON builders and readers from a provider looked up once. Each {@code jakarta.json.Json.create…} call looks the
 * provider up again, which inside the application server scans every class loader's resources: a quarter of the
 * join path's CPU before this class existed (docs/performance.md).
 */
public final class JsonBuilders {
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonBuilders() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder starting with the members of {@code object}. */
    public static JsonObjectBuilder object(JsonObject object) {
        return PROVIDER.createObjectBuilder(object);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader reader(Reader reader) {
        return PROVIDER.createReader(reader);
    }
}
