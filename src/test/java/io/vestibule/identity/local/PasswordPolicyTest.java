package io.vestibule.identity.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicy.PasswordHashing;
import io.vestibule.testing.TestClock;
import io.vestibule.testing.TestCertificates;

import static io.vestibule.identity.local.PasswordRule.DIGIT;
import static io.vestibule.identity.local.PasswordRule.HISTORY;
import static io.vestibule.identity.local.PasswordRule.LENGTH;
import static io.vestibule.identity.local.PasswordRule.LOWERCASE;
import static io.vestibule.identity.local.PasswordRule.MINIMUM_AGE;
import static io.vestibule.identity.local.PasswordRule.SPECIAL;
import static io.vestibule.identity.local.PasswordRule.TOO_LONG;
import static io.vestibule.identity.local.PasswordRule.UPPERCASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Tag(TestCertificates.NEEDS_BCPROV)
class PasswordPolicyTest {
    private static final Instant SET_AT = Instant.parse("2026-03-02T08:00:00Z");

    private final TestClock clock = new TestClock(SET_AT);
    private final SecureRandom random = CryptoPolicy.standard().newSecureRandom();
    // The cost does not matter to the policy; a cheap one keeps the history checks quick.
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHashing(64, 1, 1, 16, 32), random);
    private final PasswordPolicy policy = new PasswordPolicy(PasswordPolicy.Settings.standard(), hasher);

    /** A change on an account whose password was set long ago, so that only the rules on the text apply. */
    private List<PasswordRule> check(String candidate) {
        return policy.check(candidate.toCharArray(), PasswordHistory.empty(), clock.instant(), false);
    }

    /** The history after setting these passwords, oldest first, ten days apart, the last at {@link #SET_AT}. */
    private PasswordHistory historyOf(String... oldestFirst) {
        PasswordHistory history = PasswordHistory.empty();
        for (int i = 0; i < oldestFirst.length; i++) {
            Instant setAt = SET_AT.minus(Duration.ofDays(10L * (oldestFirst.length - 1 - i)));
            // Keeps one more than the policy looks at, so that it is the policy that lets the oldest go.
            history = history.withNewest(hasher.hash(oldestFirst[i].toCharArray()), setAt, oldestFirst.length);
        }
        return history;
    }

    @Test
    void aPasswordMeetingEveryRuleIsAccepted() {
        assertThat(check("Vestibule-2026")).isEmpty();
    }

    @Test
    void twelveCharactersAreNeededElevenAreTooFew() {
        assertThat(check("Vestibule-26")).isEmpty();
        assertThat(check("Vestibule-2")).containsExactly(LENGTH);
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // Eleven characters, twelve UTF-16 units: the key is one character written as two.
        assertThat("Vestibul-2🔑").hasSize(12);
        assertThat(check("Vestibul-2🔑")).containsExactly(LENGTH);
        assertThat(check("Vestibule-2🔑")).isEmpty();
    }

    @Test
    void atMost1024Characters() {
        String longest = "Vestibule-1" + "x".repeat(1013);
        assertThat(longest).hasSize(1024);
        assertThat(check(longest)).isEmpty();
        assertThat(check(longest + "x")).containsExactly(TOO_LONG);
    }

    @Test
    void aLowerCaseLetterIsNeeded() {
        assertThat(check("VESTIBULE-2026")).containsExactly(LOWERCASE);
        assertThat(check("VESTIBULe-2026")).isEmpty();
    }

    @Test
    void anUpperCaseLetterIsNeeded() {
        assertThat(check("vestibule-2026")).containsExactly(UPPERCASE);
        assertThat(check("vestibulE-2026")).isEmpty();
    }

    @Test
    void aDigitIsNeeded() {
        assertThat(check("Vestibule-door")).containsExactly(DIGIT);
        assertThat(check("Vestibule-doo7")).isEmpty();
    }

    @Test
    void aSpecialCharacterIsNeeded() {
        assertThat(check("Vestibule2026")).containsExactly(SPECIAL);
        assertThat(check("Vestibule2026!")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Vestibule 2026", "Vestibule€2026", "Vestibule_2026", "Vestibule🔑2026"})
    void anythingButALetterOrDigitIsSpecial(String candidate) {
        assertThat(check(candidate)).isEmpty();
    }

    @Test
    void lettersAndDigitsBeyondAsciiCount() {
        assertThat(check("ñandú-ÁRBOL-٣")).isEmpty();
        assertThat(check("日本語のパスワード-Aa1")).isEmpty();
        assertThat(check("日本語のパスワード-1!")).containsExactly(LOWERCASE, UPPERCASE);
    }

    @Test
    void everyFailureIsReportedAtOnce() {
        assertThat(check("abc")).containsExactly(LENGTH, UPPERCASE, DIGIT, SPECIAL);
        assertThat(check("")).containsExactly(LENGTH, LOWERCASE, UPPERCASE, DIGIT, SPECIAL);

        PasswordHistory history = historyOf("abc");
        clock.advance(Duration.ofDays(1));
        assertThat(policy.check("abc".toCharArray(), history, clock.instant(), false))
                .containsExactly(LENGTH, UPPERCASE, DIGIT, SPECIAL, HISTORY, MINIMUM_AGE);
    }

    @Test
    void theCurrentPasswordCannotBeSetAgain() {
        PasswordHistory history = historyOf("Vestibule-2021", "Vestibule-2022");
        clock.advance(Duration.ofDays(30));
        assertThat(policy.check("Vestibule-2022".toCharArray(), history, clock.instant(), false)).containsExactly(HISTORY);
        assertThat(policy.check("Vestibule-2023".toCharArray(), history, clock.instant(), false)).isEmpty();
    }

    @Test
    void noneOfTheLastFiveCountingTheCurrentOneCanBeReused() {
        PasswordHistory history = historyOf("Vestibule-2020", "Vestibule-2021", "Vestibule-2022",
                "Vestibule-2023", "Vestibule-2024", "Vestibule-2025");
        clock.advance(Duration.ofDays(30));
        assertThat(history.hashes()).hasSize(6);
        // Vestibule-2025 is the current password, Vestibule-2021 the fifth most recent, Vestibule-2020 the sixth.
        assertThat(policy.check("Vestibule-2021".toCharArray(), history, clock.instant(), false)).containsExactly(HISTORY);
        assertThat(policy.check("Vestibule-2020".toCharArray(), history, clock.instant(), false)).isEmpty();
    }

    @Test
    void aForcedChangeStillMayNotReuseAPassword() {
        PasswordHistory history = historyOf("Vestibule-2025");
        assertThat(policy.check("Vestibule-2025".toCharArray(), history, clock.instant(), true)).containsExactly(HISTORY);
    }

    @Test
    void anUnreadableHashInTheHistoryIsNotAMatch() {
        PasswordHistory history = new PasswordHistory(List.of("not a hash"), SET_AT);
        clock.advance(Duration.ofDays(30));
        assertThat(policy.check("Vestibule-2026".toCharArray(), history, clock.instant(), false)).isEmpty();
    }

    @Test
    void noChangeWithinTenDaysOfTheLast() {
        PasswordHistory history = historyOf("Vestibule-2025");
        clock.advance(Duration.ofDays(10).minusSeconds(1));
        assertThat(policy.check("Vestibule-2026".toCharArray(), history, clock.instant(), false)).containsExactly(MINIMUM_AGE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.check("Vestibule-2026".toCharArray(), history, clock.instant(), false)).isEmpty();
    }

    @Test
    void aForcedChangeIsExemptFromTheMinimumAge() {
        PasswordHistory history = historyOf("Vestibule-2025");
        clock.advance(Duration.ofMinutes(1));
        assertThat(policy.check("Vestibule-2026".toCharArray(), history, clock.instant(), false)).containsExactly(MINIMUM_AGE);
        assertThat(policy.check("Vestibule-2026".toCharArray(), history, clock.instant(), true)).isEmpty();
    }

    @Test
    void aNewAccountHasNoMinimumAge() {
        assertThat(policy.check("Vestibule-2026".toCharArray(), PasswordHistory.empty(), clock.instant(), true)).isEmpty();
    }

    @Test
    void aPasswordExpiresSixtyDaysAfterItWasSet() {
        assertThat(policy.expiresAt(SET_AT)).isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
        clock.advance(Duration.ofDays(60).minusSeconds(1));
        assertThat(policy.expired(SET_AT, clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.expired(SET_AT, clock.instant())).isTrue();
    }

    @Test
    void theCandidateIsLeftToTheCaller() {
        char[] candidate = "Vestibule-2026".toCharArray();
        policy.check(candidate, historyOf("Vestibule-2025"), clock.instant().plus(Duration.ofDays(30)), false);
        assertThat(candidate).containsExactly("Vestibule-2026".toCharArray());
    }

    @Test
    void theStandardSettingsAreThoseOfTheRequirement() {
        assertThat(PasswordPolicy.Settings.standard())
                .isEqualTo(new PasswordPolicy.Settings(12, 5, Duration.ofDays(60), Duration.ofDays(10)));
    }

    @Test
    void everyFigureCanBeChanged() {
        PasswordPolicy relaxed = new PasswordPolicy(new PasswordPolicy.Settings(8, 2, Duration.ofDays(30), Duration.ofDays(1)), hasher);
        PasswordHistory history = historyOf("Vestibule-2024", "Vestibule-2025");
        Instant later = SET_AT.plus(Duration.ofDays(1));

        assertThat(relaxed.check("Vesti-26".toCharArray(), history, later, false)).isEmpty();
        assertThat(relaxed.check("Vestibule-2024".toCharArray(), history, later, false)).containsExactly(HISTORY);
        assertThat(relaxed.check("Vestibule-2026".toCharArray(), history, later.minusSeconds(1), false)).containsExactly(MINIMUM_AGE);
        assertThat(relaxed.expired(SET_AT, SET_AT.plus(Duration.ofDays(30)))).isTrue();

        PasswordPolicy forgetful = new PasswordPolicy(new PasswordPolicy.Settings(8, 1, Duration.ofDays(30), Duration.ofDays(1)), hasher);
        assertThat(forgetful.check("Vestibule-2024".toCharArray(), history, later, false)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "0, 5, 60, 10",
            "1025, 5, 60, 10",
            "12, 0, 60, 10",
            "12, 5, 0, 10",
            "12, 5, 60, 0",
            "12, 5, 60, -1",
            "12, 5, 10, 10",
            "12, 5, 10, 60"})
    void settingsOutOfRangeAreRefused(int minLength, int historySize, int maximumDays, int minimumDays) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PasswordPolicy.Settings(
                minLength, historySize, Duration.ofDays(maximumDays), Duration.ofDays(minimumDays)));
    }

    @Test
    void theRuleCodesAreThoseOfTheApi() {
        assertThat(Arrays.stream(PasswordRule.values()).map(PasswordRule::code)).containsExactly(
                "length", "too_long", "lowercase", "uppercase", "digit", "special", "history", "minimum_age");
    }
}
