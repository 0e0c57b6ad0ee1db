package io.vestibule.rooms;

import java.util.Optional;

/**
 * What a room owner asks for: its type, whether guests wait for a host, and PINs of their own choosing
 * (generated when absent).
 */
public record RoomSettings(RoomType type, boolean guestsWaitForHost, Optional<String> hostPin, Optional<String> guestPin) {
    @Override
    public String toString() {
        return "RoomSettings[" + type + ", guestsWaitForHost=" + guestsWaitForHost + "]";
    }
}
