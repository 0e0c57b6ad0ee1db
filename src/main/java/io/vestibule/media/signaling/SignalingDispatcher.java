package io.vestibule.media.signaling;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import io.vestibule.platform.api.JsonShape;
import io.vestibule.platform.json.JsonBuilders;

/**
 * What becomes of each message a socket receives: over the rate, malformed or of an unknown type it is answered
 * with an error; the first must authenticate; then {@code ping} is answered and media messages go to the negotiation with the gateway.
 */
final class SignalingDispatcher {
    private final SocketAuthenticator authenticator;
    private final MediaNegotiation negotiation;
    private final Clock clock;

    SignalingDispatcher(SocketAuthenticator authenticator, MediaNegotiation negotiation, Clock clock) {
        this.authenticator = authenticator;
        this.negotiation = negotiation;
        this.clock = clock;
    }

    void received(SocketClient client, String text) {
        if (!client.allowMessage(clock.instant())) {
            client.send(SignalingMessages.error("rate_limited", "too many messages; slow down"));
            return;
        }
        Optional<JsonObject> message = parse(text);
        String type = message.map(json -> json.get("type")).filter(JsonString.class::isInstance)
                .map(value -> ((JsonString) value).getString()).orElse("");
        if (message.isEmpty() || type.isEmpty()) {
            client.send(SignalingMessages.error("bad_message", "each message is a JSON object with a \"type\""));
            return;
        }
        if (client.stage() == SocketClient.Stage.UNAUTHENTICATED) {
            if (type.equals("auth")) {
                authenticator.authenticate(client, message.get());
            } else {
                SocketAuthenticator.refuse(client, "the first message must be {\"type\":\"auth\",\"token\":...}");
            }
            return;
        }
        if (type.equals("ping")) {
            client.send(SignalingMessages.bare("pong"));
            return;
        }
        if (MediaNegotiation.handles(type)) {
            negotiate(client, type, message.get());
            return;
        }
        client.send(SignalingMessages.error("bad_message", "unknown message type"));
    }

    private void negotiate(SocketClient client, String type, JsonObject message) {
        MediaNegotiation.Outcome outcome = negotiation.negotiate(client, type, message);
        if (outcome instanceof MediaNegotiation.Reply reply) {
            reply.messages().forEach(client::send);
        } else if (outcome instanceof MediaNegotiation.Refuse refuse) {
            client.send(SignalingMessages.error(refuse.code(), refuse.rule(), refuse.reason()));
        }
    }

    private static Optional<JsonObject> parse(String text) {
        if (JsonShape.refusal(text.getBytes(StandardCharsets.UTF_8)).isPresent()) {
            return Optional.empty();
        }
        try (var reader = JsonBuilders.reader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
