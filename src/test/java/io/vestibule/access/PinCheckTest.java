package io.vestibule.access;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.rooms.Pin;
import io.vestibule.rooms.RoomPins;

import static io.vestibule.rooms.RoomType.HOST_AND_GUEST_PINS;
import static io.vestibule.rooms.RoomType.HOST_PIN_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

class PinCheckTest {
    private static final RoomPins BOTH = new RoomPins(new Pin("48291736"), Optional.of(new Pin("95027314")));
    private static final RoomPins HOST_ONLY = new RoomPins(new Pin("48291736"), Optional.empty());

    @Test
    void theHostPinMakesAHostInEitherRoomType() {
        assertThat(PinCheck.evaluate(HOST_AND_GUEST_PINS, BOTH, Optional.of("48291736"))).isEqualTo(new PinCheck.Entered(ParticipantRole.HOST));
        assertThat(PinCheck.evaluate(HOST_PIN_ONLY, HOST_ONLY, Optional.of(" 48291736 "))).isEqualTo(new PinCheck.Entered(ParticipantRole.HOST));
    }

    @Test
    void theGuestPinMakesAGuest() {
        assertThat(PinCheck.evaluate(HOST_AND_GUEST_PINS, BOTH, Optional.of("95027314"))).isEqualTo(new PinCheck.Entered(ParticipantRole.GUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "none", "NONE"})
    void withoutAPinARoomWithTwoPinsSaysBothAreRequired(String entered) {
        assertThat(PinCheck.evaluate(HOST_AND_GUEST_PINS, BOTH, Optional.of(entered)))
                .isEqualTo(new PinCheck.PinRequired(PinCheck.Requirement.REQUIRED, PinCheck.Requirement.REQUIRED));
        assertThat(PinCheck.evaluate(HOST_AND_GUEST_PINS, BOTH, Optional.empty())).isInstanceOf(PinCheck.PinRequired.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "none"})
    void withoutAPinAHostPinOnlyRoomTakesAGuest(String entered) {
        assertThat(PinCheck.evaluate(HOST_PIN_ONLY, HOST_ONLY, Optional.of(entered))).isEqualTo(new PinCheck.Entered(ParticipantRole.GUEST));
        assertThat(PinCheck.evaluate(HOST_PIN_ONLY, HOST_ONLY, Optional.empty())).isEqualTo(new PinCheck.Entered(ParticipantRole.GUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"48291737", "4829173", "482917360", "95027314x", "abcdefgh", "' OR 1=1 --"})
    void anyOtherPinIsWrong(String entered) {
        assertThat(PinCheck.evaluate(HOST_AND_GUEST_PINS, BOTH, Optional.of(entered))).isInstanceOf(PinCheck.WrongPin.class);
        assertThat(PinCheck.evaluate(HOST_PIN_ONLY, HOST_ONLY, Optional.of(entered))).isInstanceOf(PinCheck.WrongPin.class);
    }

    @Test
    void aHostPinOnlyRoomIgnoresAGuestPinLeftOverFromItsPast() {
        RoomPins stale = new RoomPins(new Pin("48291736"), Optional.of(new Pin("95027314")));
        assertThat(PinCheck.evaluate(HOST_PIN_ONLY, stale, Optional.of("95027314"))).isInstanceOf(PinCheck.WrongPin.class);
    }
}
