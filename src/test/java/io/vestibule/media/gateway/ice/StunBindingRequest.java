package io.vestibule.media.gateway.ice;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN Binding request written byte by byte (RFC 5389, RFC 8445 §7.1.2), for tests that speak to the gateway's
 * port from a plain socket: signed with a password, or with no MESSAGE-INTEGRITY at all.
 */
final class StunBindingRequest {
    static final int SUCCESS_RESPONSE = 0x0101;
    private static final int MAGIC_COOKIE = 0x2112A442;

    private final byte[] transactionId = new byte[12];
    private final byte[] bytes;

    private StunBindingRequest(String username, String password) {
        new SecureRandom().nextBytes(transactionId);
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        attribute(attributes, 0x0006, username.getBytes(StandardCharsets.UTF_8));
        attribute(attributes, 0x0024, ByteBuffer.allocate(4).putInt(0x6E7F00FF).array());
        attribute(attributes, 0x802A, ByteBuffer.allocate(8).putLong(new SecureRandom().nextLong()).array());
        if (password == null) {
            bytes = message(attributes.toByteArray(), attributes.size());
            return;
        }
        byte[] signedPart = message(attributes.toByteArray(), attributes.size() + 24);
        attribute(attributes, 0x0008, hmacSha1(password, signedPart));
        bytes = message(attributes.toByteArray(), attributes.size());
    }

    /** A check as a peer that knows the password would send it. */
    static StunBindingRequest signed(String localUfrag, String password) {
        return new StunBindingRequest(localUfrag + ":tester", password);
    }

    /** A request that names the ufrag but proves nothing. */
    static StunBindingRequest unsigned(String localUfrag) {
        return new StunBindingRequest(localUfrag + ":rogue", null);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    boolean isAnsweredBy(byte[] response, int length) {
        return length >= 20 && Arrays.equals(Arrays.copyOfRange(response, 8, 20), transactionId);
    }

    static int messageType(byte[] response) {
        return ((response[0] & 0xFF) << 8) | (response[1] & 0xFF);
    }

    private byte[] message(byte[] attributes, int declaredLength) {
        return ByteBuffer.allocate(20 + attributes.length)
                .putShort((short) 0x0001).putShort((short) declaredLength).putInt(MAGIC_COOKIE).put(transactionId)
                .put(attributes).array();
    }

    private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
        int padded = (value.length + 3) / 4 * 4;
        out.writeBytes(ByteBuffer.allocate(4 + padded).putShort((short) type).putShort((short) value.length).put(value).array());
    }

    private static byte[] hmacSha1(String password, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
