package io.vestibule.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The pages' message bundles as the browser loads them: the portal's ({@code webapp/i18n}) and the console's. */
public final class MessageBundles {
    public static final Path PORTAL = Path.of("webapp/i18n");
    public static final Path CONSOLE = Path.of("webapp/admin/i18n");

    private MessageBundles() {
    }

    /** The messages of one language in one of the two places, by key. */
    public static JsonObject messages(Path place, String language) {
        try (Reader reader = Files.newBufferedReader(place.resolve(language + ".json")); var json = Json.createReader(reader)) {
            return json.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
