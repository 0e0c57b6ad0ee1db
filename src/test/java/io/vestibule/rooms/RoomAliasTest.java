package io.vestibule.rooms;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoomAliasTest {
    @ParameterizedTest
    @ValueSource(strings = {"abc-defg-hjk", "board.meeting", "room_42", "r2d"})
    void acceptsUrlSafeNames(String alias) {
        assertThat(RoomAlias.name(alias).value()).isEqualTo(alias);
        assertThat(RoomAlias.name(alias).kind()).isEqualTo(RoomAlias.Kind.NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Board", "room 42", "-abc", "1234", "../etc", "caf\u00e9"})
    void refusesNamesThatAreNotUrlSafeOrOnlyDigits(String alias) {
        assertThatIllegalArgumentException().isThrownBy(() -> RoomAlias.name(alias));
    }

    @ParameterizedTest
    @ValueSource(strings = {"refresh", "release", "wait"})
    void refusesTheJoinApisOwnPathsAsNames(String alias) {
        assertThat(RoomAlias.isWellFormed(alias)).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> RoomAlias.name(alias)).withMessageContaining(alias);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "12345678901234567890"})
    void acceptsDialPlanNumbers(String alias) {
        assertThat(RoomAlias.numeric(alias).kind()).isEqualTo(RoomAlias.Kind.NUMERIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "123456789012345678901", "12a4"})
    void refusesOtherNumbers(String alias) {
        assertThatIllegalArgumentException().isThrownBy(() -> RoomAlias.numeric(alias));
    }
}
