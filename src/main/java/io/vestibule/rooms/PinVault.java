package io.vestibule.rooms;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.crypto.keys.DataKeyRing;

/**
 * Seals PINs for storage and opens them for their owner or a join check. Each sealed PIN is bound to its room
 * and role, so a host PIN copied into a guest column, or into another room, does not open.
 */
@ApplicationScoped
public class PinVault {
    static final String PURPOSE = "room-pins";

    public enum Role {
        HOST, GUEST
    }

    private DataKeyRing keys;

    @Inject
    public PinVault(DataKeyRing keys) {
        this.keys = keys;
    }

    /** For CDI's client proxy only. */
    protected PinVault() {
    }

    public byte[] seal(UUID roomId, Role role, Pin pin) {
        return keys.seal(PURPOSE, pin.digits().getBytes(StandardCharsets.US_ASCII), context(roomId, role));
    }

    public Pin open(UUID roomId, Role role, byte[] sealed) {
        return new Pin(new String(keys.open(PURPOSE, sealed, context(roomId, role)), StandardCharsets.US_ASCII));
    }

    private static String context(UUID roomId, Role role) {
        return "room:" + roomId + ":" + role.name().toLowerCase(Locale.ROOT) + "-pin";
    }
}
