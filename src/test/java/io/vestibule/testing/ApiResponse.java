package io.vestibule.testing;

import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** A response of the service, with its body readable as JSON; printed in full when an assertion fails. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

    public JsonObject json() {
        return (JsonObject) structure();
    }

    public JsonArray jsonArray() {
        return (JsonArray) structure();
    }

    public String errorCode() {
        return json().getString("error");
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public List<String> allHeaders(String name) {
        return headers.allValues(name);
    }

    private JsonStructure structure() {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        } catch (RuntimeException e) {
            throw new AssertionError("Not JSON (status " + status + "): " + body, e);
        }
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + headers.map() + "\n" + body;
    }
}
