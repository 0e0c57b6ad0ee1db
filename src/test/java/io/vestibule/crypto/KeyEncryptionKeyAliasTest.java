package io.vestibule.crypto;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeyEncryptionKeyAliasTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewKeyFollowsTheNewestWithATagOfItsOwn() {
        KeyEncryptionKeyAlias first = KeyEncryptionKeyAlias.next("kek", Optional.empty(), random);
        KeyEncryptionKeyAlias second = KeyEncryptionKeyAlias.next("kek", Optional.of(first), random);

        assertThat(first.toString()).matches("kek-1-[0-9a-f]{12}");
        assertThat(second.toString()).matches("kek-2-[0-9a-f]{12}");
        assertThat(KeyEncryptionKeyAlias.parse("kek", second.toString())).contains(second);
    }

    @Test
    void twoFirstKeysNeverShareAName() {
        assertThat(Stream.generate(() -> KeyEncryptionKeyAlias.next("kek", Optional.empty(), random).toString()).limit(1000))
                .doesNotHaveDuplicates();
    }

    @Test
    void aNameFromBeforeTagsIsRead() {
        assertThat(KeyEncryptionKeyAlias.parse("kek", "kek-7")).hasValueSatisfying(alias -> {
            assertThat(alias.version()).isEqualTo(7);
            assertThat(alias.tag()).isEmpty();
            assertThat(alias).hasToString("kek-7");
        });
    }

    @Test
    void aPrefixWithHyphensAndDigitsIsMatchedWhole() {
        assertThat(KeyEncryptionKeyAlias.parse("hsm-2", "hsm-2-3-0123456789ab"))
                .contains(new KeyEncryptionKeyAlias("hsm-2", 3, "0123456789ab"));
        assertThat(KeyEncryptionKeyAlias.parse("hsm", "hsm-2-3-0123456789ab")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kek", "kek-", "kek-0", "kek-01", "kek-1-", "kek-1-0123456789a", "kek-1-0123456789ABC", "kek-1-0123456789abc",
            "kek-1-0123456789ab-x", "tls-https", "other-1-0123456789ab", "kek-1234567890"})
    void anythingElseIsNotAKeyName(String alias) {
        assertThat(KeyEncryptionKeyAlias.parse("kek", alias)).isEmpty();
    }

    @Test
    void versionsOrderAsNumbers() {
        KeyEncryptionKeyAlias nine = new KeyEncryptionKeyAlias("kek", 9, "ffffffffffff");
        KeyEncryptionKeyAlias ten = new KeyEncryptionKeyAlias("kek", 10, "000000000000");
        assertThat(Stream.of(ten, nine).sorted()).containsExactly(nine, ten);
    }
}
