package io.vestibule.rooms;

import java.util.Arrays;
import java.util.Optional;

/** The two secure room types of seed 000 §100 (R-ROOM-2). */
public enum RoomType {
    /** Hosts enter the host PIN; anyone without it joins as a guest. */
    HOST_PIN_ONLY("host_pin_only"),
    /** Everyone needs a PIN: the host PIN makes a host, the guest PIN a guest. */
    HOST_AND_GUEST_PINS("host_and_guest_pins");

    private final String code;

    RoomType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<RoomType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }
}
