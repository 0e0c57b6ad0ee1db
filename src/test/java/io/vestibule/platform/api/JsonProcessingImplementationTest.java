package io.vestibule.platform.api;

import jakarta.json.Json;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests parse and write JSON with the implementation the service runs on: Payara Micro's Eclipse Parsson. */
class JsonProcessingImplementationTest {

    @Test
    void testsRunOnParssonAsPayaraDoes() {
        assertThat(JsonProvider.provider().getClass().getName()).startsWith("org.eclipse.parsson.");
        assertThat(Json.createObjectBuilder().build().getClass().getName()).startsWith("org.eclipse.parsson.");
    }
}
