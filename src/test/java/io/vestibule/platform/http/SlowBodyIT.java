package io.vestibule.platform.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.Meetings;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies sent a byte at a time do not take the portal down (penetration test, finding 1): 300 connections from one
 * address that each announce 60,000 bytes and send one hold at most VESTIBULE_HTTP_MAX_UPLOADS_PER_ADDRESS worker
 * threads, and those only until the body's time is up; the rest are refused before their body is read, and everyone
 * else is served.
 */
@ExtendWith(ServerResolver.class)
class SlowBodyIT {
    private static final int SLOW_CONNECTIONS = 300;
    /** Another loopback address than the test's own, so that the slow client is a client of its own. */
    private static final String SLOW_CLIENT = "127.0.0.2";

    @Test
    void threeHundredTricklingBodiesLeaveHealthAndJoinsServed(VestibuleServer server) throws Exception {
        String alias = Meetings.alias(Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                slow.add(startTrickling(server, alias));
            }

            HttpResponse<String> ready = server.http().send(HttpRequest.newBuilder(server.baseUri().resolve("/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("/health/ready within 2 s").isEqualTo(200);
            assertThat(Meetings.join(server, "192.0.2.99", alias, "Punctual", Meetings.HOST_PIN).getString("role")).isEqualTo("host");
            String answer = answerOf(slow.get(slow.size() - 1));
            assertThat(answer).as("the slow client's last request, refused before its body is read")
                    .startsWith("HTTP/1.1 503").contains("\"busy\"");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * A body that stops arriving is given up on: the listener's read time-out (10 s without a byte) or the body's
     * deadline (VESTIBULE_HTTP_BODY_TIMEOUT_SECONDS, 20 s) ends the read, the request is answered 408 and the
     * connection closed, so the worker thread it held is free again.
     */
    @Test
    void aBodyThatStopsArrivingIsAnsweredRequestTimeoutAndItsConnectionClosed(VestibuleServer server) throws Exception {
        String alias = Meetings.alias(Meetings.openNow(server.newClient().signIn("alice", server.demoPassword()), "host_pin_only", false));
        try (Socket stalled = startTrickling(server, alias, "127.0.0.3")) {
            stalled.setSoTimeout(40_000);

            assertThat(answerOf(stalled)).startsWith("HTTP/1.1 408").contains("\"request_timeout\"");
            assertThat(stalled.getInputStream().read()).as("the connection is closed after the 408").isEqualTo(-1);
        }
    }

    /** The answer's head and JSON body; the connection may stay open while the server skips the announced body. */
    private static String answerOf(Socket socket) throws IOException {
        if (socket.getSoTimeout() == 0) {
            socket.setSoTimeout(5000);
        }
        StringBuilder answer = new StringBuilder();
        byte[] chunk = new byte[4096];
        for (int read = socket.getInputStream().read(chunk); read > 0; read = socket.getInputStream().read(chunk)) {
            answer.append(new String(chunk, 0, read, StandardCharsets.US_ASCII));
            if (answer.indexOf("}") > answer.indexOf("\r\n\r\n") && answer.indexOf("\r\n\r\n") > 0) {
                break;
            }
        }
        return answer.toString();
    }

    private static Socket startTrickling(VestibuleServer server, String alias) throws IOException {
        return startTrickling(server, alias, SLOW_CLIENT);
    }

    private static Socket startTrickling(VestibuleServer server, String alias, String from) throws IOException {
        SSLSocket socket = (SSLSocket) server.trustingServer().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.httpsPort(), InetAddress.getByName(from), 0);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/join/" + alias + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpsPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
