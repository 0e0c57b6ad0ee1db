package io.vestibule.cdr;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;

import io.vestibule.access.events.CallEvent;
import io.vestibule.platform.json.JsonBuilders;

/** A call event's plaintext form: the JSON that is sealed into a record and shown to auditors. */
public final class CallEventJson {
    private CallEventJson() {
    }

    public static JsonObject toJson(CallEvent event) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("type", event.type().apiName())
                .add("occurredAt", event.occurredAt().toString())
                .add("outcome", event.outcome());
        event.conferenceId().ifPresent(value -> json.add("conferenceId", value));
        event.roomId().ifPresent(value -> json.add("roomId", value));
        event.participantId().ifPresent(value -> json.add("participantId", value));
        event.role().ifPresent(value -> json.add("role", value));
        event.displayName().ifPresent(value -> json.add("displayName", value));
        event.identity().ifPresent(value -> json.add("identity", value));
        event.remoteAddress().ifPresent(value -> json.add("remoteAddress", value));
        event.remotePort().ifPresent(value -> json.add("remotePort", value));
        event.userAgent().ifPresent(value -> json.add("userAgent", value));
        event.durationSeconds().ifPresent(value -> json.add("durationSeconds", value));
        event.encryption().ifPresent(value -> json.add("encryption", value));
        event.detail().ifPresent(value -> json.add("detail", value));
        return json.build();
    }

    public static byte[] toBytes(CallEvent event) {
        return toJson(event).toString().getBytes(StandardCharsets.UTF_8);
    }

    public static CallEvent fromBytes(byte[] bytes) {
        JsonObject json;
        try (JsonReader reader = JsonBuilders.reader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            json = reader.readObject();
        }
        CallEvent.Type type = CallEvent.Type.fromApiName(json.getString("type"))
                .orElseThrow(() -> new IllegalArgumentException("Unknown call event type"));
        return new CallEvent(type, Instant.parse(json.getString("occurredAt")), text(json, "conferenceId"), text(json, "roomId"),
                text(json, "participantId"), text(json, "role"), text(json, "displayName"), text(json, "identity"),
                text(json, "remoteAddress"), json.containsKey("remotePort") ? Optional.of(json.getInt("remotePort")) : Optional.empty(),
                text(json, "userAgent"),
                json.containsKey("durationSeconds") ? Optional.of(json.getJsonNumber("durationSeconds").longValue()) : Optional.empty(),
                text(json, "encryption"), json.getString("outcome"), text(json, "detail"));
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.containsKey(name) ? Optional.of(json.getString(name)) : Optional.empty();
    }
}
