package io.vestibule.identity.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PasswordHistoryTest {
    private static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T08:00:00Z");

    @Test
    void theNewestComesFirstAndSaysWhenItWasSet() {
        PasswordHistory history = PasswordHistory.empty().withNewest("$first", MONDAY, 5).withNewest("$second", TUESDAY, 5);
        assertThat(history.hashes()).containsExactly("$second", "$first");
        assertThat(history.currentSetAt()).isEqualTo(TUESDAY);
    }

    @Test
    void keepsOnlyTheNewest() {
        PasswordHistory history = PasswordHistory.empty();
        for (int i = 1; i <= 4; i++) {
            history = history.withNewest("$" + i, MONDAY, 3);
        }
        assertThat(history.hashes()).containsExactly("$4", "$3", "$2");
        assertThat(history.withNewest("$5", TUESDAY, 1).hashes()).containsExactly("$5");
        assertThatIllegalArgumentException().isThrownBy(() -> PasswordHistory.empty().withNewest("$1", MONDAY, 0));
    }

    @Test
    void aHistoryWithPasswordsSaysWhenTheNewestWasSetAndOnlyThen() {
        assertThat(PasswordHistory.empty().isEmpty()).isTrue();
        assertThat(new PasswordHistory(List.of("$1"), MONDAY).isEmpty()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHistory(List.of("$1"), null));
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordHistory(List.of(), MONDAY));
    }

    @Test
    void cannotBeChangedFromOutside() {
        List<String> hashes = new ArrayList<>(List.of("$1"));
        PasswordHistory history = new PasswordHistory(hashes, MONDAY);
        hashes.add("$2");
        assertThat(history.hashes()).containsExactly("$1");
    }

    @Test
    void itsTextLeavesTheHashesOut() {
        String hash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA";
        assertThat(new PasswordHistory(List.of(hash), MONDAY).toString())
                .doesNotContain("c29tZXNhbHRzb21lc2FsdA").doesNotContain("aGFzaGhhc2hoYXNoaGFzaA").contains("size=1");
    }
}
