package io.vestibule.platform;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UuidsTest {
    @ParameterizedTest
    @ValueSource(strings = {"3f2504e0-4f89-11d3-9a0c-0305e82c3301", "3F2504E0-4F89-11D3-9A0C-0305E82C3301"})
    void readsTheCanonicalForm(String text) {
        assertThat(Uuids.parse(text)).contains(UUID.fromString(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1-1-1-1-1", "3f2504e0-4f89-11d3-9a0c-0305e82c33011", "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
        "3f2504e0+4f89-11d3-9a0c-0305e82c3301", "gateway"})
    void namesNothingOtherwise(String text) {
        assertThat(Uuids.parse(text)).isEmpty();
    }
}
