package io.vestibule.access.settings;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JoinSettingsTest {
    private static JoinSettings defaultsWith(int pinLength, int tokenLifetimeSeconds, List<String> allowList) {
        return new JoinSettings(pinLength, 6, 20, 10, 10, 20, 10, 10, allowList, 15, 15, 30, tokenLifetimeSeconds, 100);
    }

    @Test
    void theProductDefaultsAreWithinTheFloors() {
        JoinSettings defaults = defaultsWith(8, 120, List.of("127.0.0.1/32", "::1/128"));
        assertThat(defaults.withinFloors()).isSameAs(defaults);
    }

    @Test
    void aValueBelowAFloorIsRefusedNamingItsField() {
        assertThatThrownBy(() -> defaultsWith(5, 120, List.of()).withinFloors())
                .isInstanceOfSatisfying(JoinSettingRefused.class, refused -> assertThat(refused.field()).isEqualTo("pinLength"));
        assertThatThrownBy(() -> defaultsWith(8, 901, List.of()).withinFloors())
                .isInstanceOfSatisfying(JoinSettingRefused.class, refused -> assertThat(refused.field()).isEqualTo("tokenLifetimeSeconds"));
        assertThatThrownBy(() -> defaultsWith(8, 120, List.of("10.0.0.0/8", "::/0")).withinFloors())
                .isInstanceOfSatisfying(JoinSettingRefused.class, refused -> assertThat(refused.field()).isEqualTo("breakInAllowList"));
    }

    @Test
    void startUpSettingsOutsideTheConsolesBoundsAreStillShown() {
        assertThat(defaultsWith(8, 120, List.of("0.0.0.0/0")).breakInAllowList()).containsExactly("0.0.0.0/0");
    }
}
