package io.vestibule.identity.local;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The local administrator password policy (R-ADM-6, seed 000 §52): length and character classes, no reuse of the
 * recent passwords, expiry after a maximum age and no change before a minimum age.
 */
public final class PasswordPolicy {
    /** Bounds the cost of hashing and of checking the history, whatever the settings. */
    public static final int MAXIMUM_LENGTH = 1024;

    /**
     * The figures of the policy. {@code historySize} counts the current password: with 5, a new password may be
     * none of the current one and the four before it.
     */
    public record Settings(int minLength, int historySize, Duration maximumAge, Duration minimumAge) {
        public Settings {
            Objects.requireNonNull(maximumAge);
            Objects.requireNonNull(minimumAge);
            if (minLength < 1 || minLength > MAXIMUM_LENGTH || historySize < 1
                    || minimumAge.isNegative() || minimumAge.isZero() || minimumAge.compareTo(maximumAge) >= 0) {
                throw new IllegalArgumentException("Password settings need a length from 1 to " + MAXIMUM_LENGTH
                        + ", a history of at least 1, and a positive minimum age below the maximum age");
            }
        }

        /** Seed 000 §52: 12 characters, none of the last 5, changed every 60 days, not within 10 days. */
        public static Settings standard() {
            return new Settings(12, 5, Duration.ofDays(60), Duration.ofDays(10));
        }

        /** These settings with a longer minimum length if {@code floor} is above it. */
        public Settings withMinLengthAtLeast(int floor) {
            return floor <= minLength ? this : new Settings(floor, historySize, maximumAge, minimumAge);
        }
    }

    private final Settings settings;
    private final PasswordHasher hasher;

    public PasswordPolicy(Settings settings, PasswordHasher hasher) {
        this.settings = Objects.requireNonNull(settings);
        this.hasher = Objects.requireNonNull(hasher);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Every rule a new password breaks, in the enum's order; empty when it is accepted. A forced change (a new
     * account, a reset by another administrator, an expired password) is exempt from the minimum age. The caller
     * keeps, and clears, the candidate.
     */
    public List<PasswordRule> check(char[] candidate, PasswordHistory history, Instant now, boolean forcedChange) {
        Set<PasswordRule> failed = EnumSet.noneOf(PasswordRule.class);
        int length = Character.codePointCount(candidate, 0, candidate.length);
        if (length < settings.minLength()) {
            failed.add(PasswordRule.LENGTH);
        }
        if (length > MAXIMUM_LENGTH) {
            failed.add(PasswordRule.TOO_LONG);
        }
        failed.addAll(missingClasses(candidate));
        // An overlong candidate is not hashed against the history: that is the cost the cap is there to bound.
        if (length <= MAXIMUM_LENGTH && reused(candidate, history)) {
            failed.add(PasswordRule.HISTORY);
        }
        if (!forcedChange && !history.isEmpty() && now.isBefore(history.currentSetAt().plus(settings.minimumAge()))) {
            failed.add(PasswordRule.MINIMUM_AGE);
        }
        return List.copyOf(failed);
    }

    public Instant expiresAt(Instant passwordSetAt) {
        return passwordSetAt.plus(settings.maximumAge());
    }

    /** Expired from the very instant the maximum age is reached. */
    public boolean expired(Instant passwordSetAt, Instant now) {
        return !now.isBefore(expiresAt(passwordSetAt));
    }

    private static Set<PasswordRule> missingClasses(char[] candidate) {
        Set<PasswordRule> missing = EnumSet.of(PasswordRule.LOWERCASE, PasswordRule.UPPERCASE, PasswordRule.DIGIT, PasswordRule.SPECIAL);
        for (int i = 0; i < candidate.length; ) {
            int codePoint = Character.codePointAt(candidate, i);
            i += Character.charCount(codePoint);
            if (Character.isLowerCase(codePoint)) {
                missing.remove(PasswordRule.LOWERCASE);
            } else if (Character.isUpperCase(codePoint)) {
                missing.remove(PasswordRule.UPPERCASE);
            } else if (Character.isDigit(codePoint)) {
                missing.remove(PasswordRule.DIGIT);
            } else if (!Character.isLetter(codePoint)) {
                missing.remove(PasswordRule.SPECIAL);
            }
        }
        return missing;
    }

    private boolean reused(char[] candidate, PasswordHistory history) {
        return history.hashes().stream()
                .limit(settings.historySize())
                .anyMatch(stored -> hasher.matches(candidate, stored));
    }
}
