package io.vestibule.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLSocket;

import jakarta.json.Json;

/**
 * A conference WebSocket that the test reads only when it says so: a TLS socket with a small receive buffer that
 * does the WebSocket upgrade by hand, so that while the test does not read, the server's frames pile up in the
 * network as they would for a browser that has stopped reading. Loopback only.
 */
public final class UnreadSocket implements AutoCloseable {
    private static final int RECEIVE_BUFFER_BYTES = 4096;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SecureRandom random = new SecureRandom();

    /** What the server sent, frame by frame, once the test reads. */
    public sealed interface Frame {
    }

    public record Text(String text) implements Frame {
    }

    public record Close(int code, String reason) implements Frame {
    }

    private UnreadSocket(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects, upgrades to the conference's WebSocket and sends the auth message; reads nothing yet. */
    public static UnreadSocket open(VestibuleServer server, String conferenceId, String token) {
        try {
            SSLSocket socket = (SSLSocket) server.trustingServer().getSocketFactory().createSocket();
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            socket.connect(new InetSocketAddress("127.0.0.1", server.httpsPort()), 10_000);
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.startHandshake();
            UnreadSocket client = new UnreadSocket(socket);
            client.upgrade("localhost:" + server.httpsPort(), "/ws/v1/conferences/" + conferenceId);
            client.sendText(Json.createObjectBuilder().add("type", "auth").add("token", token).build().toString());
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void upgrade(String host, String path) throws IOException {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        out.write(("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: https://" + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed during the upgrade: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String response = head.toString(StandardCharsets.US_ASCII);
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("The server refused the upgrade: " + response);
        }
    }

    /** One masked text frame, as a client sends it. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) (0x80 | OP_TEXT));
        if (payload.length < 126) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        out.write(frame.array(), 0, frame.position());
        out.flush();
    }

    /** The next text or close frame the server sent (pings go unanswered: this peer does not keep up). */
    public Frame read() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame != null) {
                return frame;
            }
        }
    }

    private Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0 || (first & 0x80) == 0 || length > 1 << 20) {
            throw new IOException("Unexpected frame from the server: " + Integer.toHexString(first) + " " + Integer.toHexString(second));
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        int opcode = first & 0x0f;
        if (opcode == OP_CLOSE) {
            int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
            return new Close(code, reason);
        }
        if (opcode == OP_PING) {
            return null;
        }
        if (opcode != OP_TEXT) {
            throw new IOException("Unexpected opcode " + opcode);
        }
        return new Text(new String(payload, StandardCharsets.UTF_8));
    }

    /** The server's close frame and how many text frames came before it. */
    public record Closed(int code, String reason, int textFramesBefore) {
    }

    /** Reads on until the server's close frame; fails if none comes within the read timeout. */
    public Closed readUntilClosed() throws IOException {
        int texts = 0;
        try {
            while (true) {
                if (read() instanceof Close close) {
                    return new Closed(close.code(), close.reason(), texts);
                }
                texts++;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server sent no close frame within " + socket.getSoTimeout() + " ms after "
                    + texts + " text frames", e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
