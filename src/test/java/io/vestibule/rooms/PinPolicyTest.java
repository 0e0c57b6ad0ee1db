package io.vestibule.rooms;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PinPolicyTest {
    private static final int DRAWS = 2000;

    private final PinPolicy policy = new PinPolicy(PinPolicy.DEFAULT_LENGTH);
    private final SecureRandom random = CryptoPolicy.standard().newSecureRandom();

    @ParameterizedTest
    @ValueSource(strings = {"48291736", "482917", "93071846205938271640"})
    void acceptsStrongPins(String candidate) {
        assertThat(policy.violations(candidate)).isEmpty();
        assertThat(policy.accept(candidate)).hasValueSatisfying(pin -> assertThat(pin.digits()).isEqualTo(candidate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4829a736", "4829 736", " 48291736", "48291736\n", "+48291736", "-4829173", "4829.736",
            "٤٨٢٩١٧٣٦", "", "abcdefgh"})
    void refusesAnythingButAsciiDigits(String candidate) {
        assertThat(policy.violations(candidate)).containsExactly(PinRule.DIGITS_ONLY);
        assertThat(policy.accept(candidate)).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(policy.violations(null)).containsExactly(PinRule.DIGITS_ONLY);
        assertThat(policy.accept(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4", "48", "48291", "93715"})
    void refusesFewerThanSixDigits(String candidate) {
        assertThat(policy.violations(candidate)).contains(PinRule.TOO_SHORT);
        assertThat(policy.accept(candidate)).isEmpty();
    }

    @Test
    void anOperatorMayAskForLongerChosenPinsButNeverShorterThanSixNorLongerThanGeneratedOnes() {
        PinPolicy longer = new PinPolicy(10, 9);
        assertThat(longer.violations("48291736")).containsExactly(PinRule.TOO_SHORT);
        assertThat(longer.violations("482917365")).isEmpty();
        assertThat(longer.generate(CryptoPolicy.standard().newSecureRandom()).digits()).hasSize(10);
        assertThatIllegalArgumentException().isThrownBy(() -> new PinPolicy(8, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new PinPolicy(8, 9));
    }

    @Test
    void refusesMoreThanTwentyDigits() {
        String twentyOne = "930718462059382716405";
        assertThat(twentyOne).hasSize(21);
        assertThat(policy.violations(twentyOne)).containsExactly(PinRule.TOO_LONG);
        assertThat(policy.accept(twentyOne)).isEmpty();
        assertThat(policy.violations(twentyOne.substring(0, 20))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"000000", "77777777", "99999999999999999999"})
    void refusesOneRepeatedDigit(String candidate) {
        assertThat(policy.violations(candidate)).containsExactly(PinRule.REPEATED_DIGIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456", "654321", "890123", "210987", "0123456789", "9876543210", "78901234567890123456"})
    void refusesAscendingAndDescendingRunsIncludingWrapAround(String candidate) {
        assertThat(policy.violations(candidate)).containsExactly(PinRule.SEQUENCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"121212", "123123", "12341234", "1212121", "9090909090", "48294829", "4829148291"})
    void refusesShortBlocksRepeated(String candidate) {
        assertThat(policy.violations(candidate)).containsExactly(PinRule.REPEATED_PATTERN);
    }

    @Test
    void aBlockLongerThanHalfThePinIsNotAPattern() {
        // "48291" followed by "48": the repeated block is five digits of seven, more than half.
        assertThat(policy.violations("4829148")).isEmpty();
        assertThat(policy.violations("4829148291")).containsExactly(PinRule.REPEATED_PATTERN);
    }

    @ParameterizedTest
    @ValueSource(ints = {6, PinPolicy.DEFAULT_LENGTH, 20})
    void generatedPinsAlwaysHaveTheConfiguredLengthAndPassThePolicy(int length) {
        PinPolicy sized = new PinPolicy(length);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            String digits = sized.generate(random).digits();
            assertThat(digits).hasSize(length).containsOnlyDigits();
            assertThat(digits.chars()).allMatch(c -> c >= '0' && c <= '9');
            assertThat(sized.violations(digits)).isEmpty();
            seen.add(digits);
        }
        // 2000 draws from at least 10^6 values: a handful of repeats at most, unless the generator is broken.
        assertThat(seen).hasSizeGreaterThan(DRAWS - 20);
    }

    @Test
    void everyDigitAppearsInEveryPositionOfGeneratedPins() {
        List<Set<Character>> digitsAt = new ArrayList<>();
        for (int i = 0; i < PinPolicy.DEFAULT_LENGTH; i++) {
            digitsAt.add(new HashSet<>());
        }
        for (int i = 0; i < DRAWS; i++) {
            String digits = policy.generate(random).digits();
            for (int position = 0; position < digits.length(); position++) {
                digitsAt.get(position).add(digits.charAt(position));
            }
        }
        assertThat(digitsAt).allSatisfy(seen -> assertThat(seen).hasSize(10));
    }

    @Test
    void defaultGeneratedLengthIsEight() {
        assertThat(PinPolicy.DEFAULT_LENGTH).isEqualTo(8);
        assertThat(policy.generate(random).digits()).hasSize(8);
    }

    @Test
    void secondPinNeverEqualsTheFirst() {
        PinPolicy shortest = new PinPolicy(PinPolicy.MINIMUM_LENGTH);
        for (int i = 0; i < DRAWS; i++) {
            Pin host = shortest.generate(random);
            Pin guest = shortest.generateDifferentFrom(host, random);
            assertThat(guest.digits()).isNotEqualTo(host.digits());
            assertThat(shortest.violations(guest.digits())).isEmpty();
        }
    }

    @Test
    void secondPinIsDrawnAgainWhenTheDrawEqualsTheFirst() {
        Pin host = new Pin("482917");
        // The first draw reproduces the host PIN; the policy must draw again rather than return it.
        ScriptedRandom scripted = new ScriptedRandom("482917" + "930718");
        Pin guest = new PinPolicy(6).generateDifferentFrom(host, scripted);
        assertThat(guest.digits()).isEqualTo("930718");
    }

    @Test
    void weakDrawsAreDrawnAgain() {
        ScriptedRandom scripted = new ScriptedRandom("123456" + "111111" + "121212" + "930718");
        assertThat(new PinPolicy(6).generate(scripted).digits()).isEqualTo("930718");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, 0, 5, 21, 100})
    void refusesAGeneratedLengthOutsideSixToTwenty(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PinPolicy(length));
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 20})
    void acceptsTheBoundaryLengths(int length) {
        assertThat(new PinPolicy(length).generate(random).digits()).hasSize(length);
    }

    @Test
    void everyRuleHasACodeAndAMessage() {
        assertThat(PinRule.values()).allSatisfy(rule -> {
            assertThat(rule.code()).matches("[a-z_]+");
            assertThat(rule.message()).isNotBlank();
        });
    }

    /** Hands out the given digits, one per {@code nextInt(10)}: lets a test choose what "random" draws yield. */
    private static final class ScriptedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final String digits;
        private int next;

        ScriptedRandom(String digits) {
            this.digits = digits;
        }

        @Override
        public int nextInt(int bound) {
            if (bound != 10 || next >= digits.length()) {
                throw new IllegalStateException("unexpected draw " + next + " with bound " + bound);
            }
            return digits.charAt(next++) - '0';
        }
    }
}
