package io.vestibule.audit.syslog;

import java.nio.charset.StandardCharsets;

/**
 * RFC 5425 §4.3 framing: {@code MSG-LEN SP SYSLOG-MSG}, the length in octets as decimal digits without leading zeros.
 * Line-ending framing (what most libraries send over TLS) would split a message whose text holds a line break.
 */
public final class OctetCounting {
    private OctetCounting() {
    }

    public static byte[] frame(byte[] message) {
        if (message.length == 0) {
            throw new IllegalArgumentException("a syslog message is never empty");
        }
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[length.length + message.length];
        System.arraycopy(length, 0, frame, 0, length.length);
        System.arraycopy(message, 0, frame, length.length, message.length);
        return frame;
    }
}
