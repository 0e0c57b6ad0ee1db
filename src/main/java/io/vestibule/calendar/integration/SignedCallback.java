package io.vestibule.calendar.integration;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A callback as a calendar system sent it: the four signing headers (each {@code null} when absent) and what the
 * signature covers besides them. The HMAC-SHA256 is over
 * {@code timestamp \n METHOD \n path \n organizer \n body}: the organizer is signed too, so a captured call cannot be
 * sent again for someone else before its signature reaches the replay cache.
 */
public record SignedCallback(String integration, String timestamp, String organizer, String signature, String method, String path,
                             byte[] body) {
    public static final String INTEGRATION_HEADER = "Vestibule-Integration";
    public static final String TIMESTAMP_HEADER = "Vestibule-Timestamp";
    public static final String ORGANIZER_HEADER = "Vestibule-Organizer";
    public static final String SIGNATURE_HEADER = "Vestibule-Signature";

    public SignedCallback {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The bytes the signature covers; only meaningful once every header is present. */
    byte[] signedContent() {
        ByteArrayOutputStream content = new ByteArrayOutputStream(body.length + 200);
        content.writeBytes((timestamp + "\n" + method + "\n" + path + "\n" + organizer + "\n").getBytes(StandardCharsets.UTF_8));
        content.writeBytes(body);
        return content.toByteArray();
    }
}
