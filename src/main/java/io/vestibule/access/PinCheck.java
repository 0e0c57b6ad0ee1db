package io.vestibule.access;

import java.util.Locale;
import java.util.Optional;

import io.vestibule.rooms.RoomPins;
import io.vestibule.rooms.RoomType;

/**
 * Decides a newcomer's role from the PIN they gave (R-ROOM-2, R-JOIN-1, seed 000 §100). In a host-PIN-only room a
 * participant without a PIN is a guest; in a room with host and guest PINs everyone needs one of them. The entered
 * PIN is compared with both PINs every time, in constant time, so the answer's timing says nothing about either.
 */
public final class PinCheck {
    /** What the join answer says about the PINs a room accepts. */
    public enum Requirement {
        REQUIRED("required"), OPTIONAL("optional"), NONE("none");

        private final String code;

        Requirement(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public sealed interface Result {
    }

    public record Entered(ParticipantRole role) implements Result {
    }

    /** No PIN was given where one is needed; says which PINs the room takes. */
    public record PinRequired(Requirement host, Requirement guest) implements Result {
    }

    public record WrongPin() implements Result {
    }

    private PinCheck() {
    }

    /** {@code entered} is empty when no PIN was given; "none" means the same (the Pexip clients' convention). */
    public static Result evaluate(RoomType type, RoomPins pins, Optional<String> entered) {
        Optional<String> pin = entered.map(String::strip).filter(text -> !text.isEmpty() && !text.toLowerCase(Locale.ROOT).equals("none"));
        if (pin.isEmpty()) {
            return type == RoomType.HOST_PIN_ONLY
                    ? new Entered(ParticipantRole.GUEST)
                    : new PinRequired(Requirement.REQUIRED, Requirement.REQUIRED);
        }
        boolean host = pins.host().matches(pin.get());
        boolean guest = pins.guest().map(guestPin -> guestPin.matches(pin.get())).orElse(false);
        if (host) {
            return new Entered(ParticipantRole.HOST);
        }
        if (guest && type == RoomType.HOST_AND_GUEST_PINS) {
            return new Entered(ParticipantRole.GUEST);
        }
        return new WrongPin();
    }
}
