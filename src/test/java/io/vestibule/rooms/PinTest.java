package io.vestibule.rooms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PinTest {
    private final Pin pin = new Pin("48291736");

    @Test
    void matchesTheSameDigits() {
        assertThat(pin.matches("48291736")).isTrue();
        assertThat(pin.matches(new String("48291736".toCharArray()))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"48291737", "58291736", "84291736", "4829173", "482917360", "048291736", "", " 48291736",
            "48291736 ", "4829173６"})
    void doesNotMatchOtherDigitsOrLengths(String candidate) {
        assertThat(pin.matches(candidate)).isFalse();
    }

    @Test
    void doesNotMatchNull() {
        assertThat(pin.matches(null)).isFalse();
    }

    @Test
    void toStringNeverShowsTheDigits() {
        assertThat(pin.toString()).doesNotContain("48291736").doesNotContain("4829").doesNotContainPattern("\\d{3,}");
        assertThat(new Pin("000000").toString()).doesNotContain("000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12a4", "123456789012345678901", "１２３４５６"})
    void refusesWhatIsNotOneToTwentyDigits(String digits) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pin(digits));
    }

    @Test
    void refusesNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pin(null));
    }
}
