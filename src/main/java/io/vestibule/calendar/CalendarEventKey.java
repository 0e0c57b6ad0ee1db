package io.vestibule.calendar;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.platform.FieldRefused;

/**
 * What a calendar calls one of its events (an Outlook item id in REST form, a UUID, a Google event id): 1 to
 * {@value #MAX_LENGTH} characters of the URL-safe set, so that it travels as one path segment unchanged. It is kept
 * only as its SHA-256 hash: an item id says which mailbox an event lives in, which the service does not need to know.
 */
public final class CalendarEventKey {
    /** Google Calendar allows event ids of up to 1024 characters; Outlook's item ids are about 150. */
    public static final int MAX_LENGTH = 1024;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._~=+:@-]+");

    private final String value;

    private CalendarEventKey(String value) {
        this.value = value;
    }

    public static CalendarEventKey of(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || !ALLOWED.matcher(text).matches()) {
            throw new FieldRefused("key", "invalid_key", "The event key must be 1 to " + MAX_LENGTH
                    + " characters of A-Z, a-z, 0-9 and . _ ~ = + : @ - (an Outlook item id in REST form, or a UUID).");
        }
        return new CalendarEventKey(text);
    }

    /** The hash under which the key is stored, in hexadecimal. */
    public String hash(CryptoPolicy policy) {
        return HexFormat.of().formatHex(policy.digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "CalendarEventKey[" + value.length() + " characters]";
    }
}
