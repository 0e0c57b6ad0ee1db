package io.vestibule.rooms;

import java.util.Optional;

/** A room's PINs in clear, for its owner only. */
public record RoomPins(Pin host, Optional<Pin> guest) {
}
