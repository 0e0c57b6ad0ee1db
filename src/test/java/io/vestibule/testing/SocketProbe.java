package io.vestibule.testing;

import java.io.StringReader;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A client of the conference WebSocket that records what it hears, for tests to wait on. */
public final class SocketProbe implements WebSocket.Listener, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";
    private volatile Throwable error;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static SocketProbe open(VestibuleServer server, String conferenceId) {
        SocketProbe probe = new SocketProbe();
        probe.socket = server.http().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create("wss://localhost:" + server.httpsPort() + "/ws/v1/conferences/" + conferenceId), probe)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        return probe;
    }

    public SocketProbe send(String text) {
        try {
            socket.sendText(text, true).join();
        } catch (CompletionException e) {
            throw new AssertionError("Could not send (" + e.getCause() + "); the socket "
                    + (closed.isDone() ? "was closed with " + closed.join() + " '" + closeReason + "'" : "was not closed by the server")
                    + (error == null ? "" : ", after the error " + error) + "; messages heard: " + messages, e);
        }
        return this;
    }

    public SocketProbe authenticate(String token) {
        return send(Json.createObjectBuilder().add("type", "auth").add("token", token).build().toString());
    }

    /** The next message of this type, skipping others; fails the test if none comes in time. */
    public JsonObject next(String type) {
        return next(message -> message.getString("type", "").equals(type), type);
    }

    public JsonObject next(Predicate<JsonObject> wanted, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonObject message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("No '" + description + "' message within " + WAIT + " (closed: " + closed.isDone() + ")");
                }
                if (wanted.test(message)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The close code, once the server has closed the socket. */
    public int awaitClosed() {
        return awaitClosed(WAIT);
    }

    public int awaitClosed(Duration within) {
        return closed.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The reason the close frame gave, for a failing assertion to show. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                messages.add(reader.readObject());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.error = error;
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }
}
