package io.vestibule.rooms;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What makes a PIN acceptable (R-ROOM-3, seed 000 §98): 6 to 20 digits (an operator may ask for more than 6, never
 * fewer), and not trivially guessable — not one
 * repeated digit, not an ascending or descending run (wrapping past 9 counts), not a short block repeated.
 * Generated PINs come from the DRBG and are drawn again until they pass.
 */
public final class PinPolicy {
    public static final int MINIMUM_LENGTH = 6;
    public static final int MAXIMUM_LENGTH = 20;
    public static final int DEFAULT_LENGTH = 8;

    private final int generatedLength;
    private final int shortestAccepted;

    public PinPolicy(int generatedLength) {
        this(generatedLength, MINIMUM_LENGTH);
    }

    /** Generated PINs have {@code generatedLength} digits; chosen ones at least {@code shortestAccepted}. */
    public PinPolicy(int generatedLength, int shortestAccepted) {
        if (generatedLength < MINIMUM_LENGTH || generatedLength > MAXIMUM_LENGTH) {
            throw new IllegalArgumentException("Generated PINs must have " + MINIMUM_LENGTH + " to " + MAXIMUM_LENGTH + " digits");
        }
        if (shortestAccepted < MINIMUM_LENGTH || shortestAccepted > generatedLength) {
            throw new IllegalArgumentException("The shortest PIN accepted must have " + MINIMUM_LENGTH
                    + " digits or more, and no more than generated PINs (" + generatedLength + ")");
        }
        this.generatedLength = generatedLength;
        this.shortestAccepted = shortestAccepted;
    }

    public int generatedLength() {
        return generatedLength;
    }

    public int shortestAccepted() {
        return shortestAccepted;
    }

    /** Every rule the candidate breaks; empty when it is acceptable. */
    public List<PinRule> violations(String candidate) {
        List<PinRule> broken = new ArrayList<>();
        if (candidate == null || candidate.isEmpty() || !candidate.chars().allMatch(c -> c >= '0' && c <= '9')) {
            broken.add(PinRule.DIGITS_ONLY);
            return broken;
        }
        if (candidate.length() < shortestAccepted) {
            broken.add(PinRule.TOO_SHORT);
        }
        if (candidate.length() > MAXIMUM_LENGTH) {
            broken.add(PinRule.TOO_LONG);
            return broken;
        }
        if (candidate.chars().distinct().count() == 1) {
            broken.add(PinRule.REPEATED_DIGIT);
        } else if (isRun(candidate, 1) || isRun(candidate, -1)) {
            broken.add(PinRule.SEQUENCE);
        } else if (repeatsShortBlock(candidate)) {
            broken.add(PinRule.REPEATED_PATTERN);
        }
        return broken;
    }

    /** The PIN if it passes every rule. */
    public Optional<Pin> accept(String candidate) {
        return violations(candidate).isEmpty() ? Optional.of(new Pin(candidate)) : Optional.empty();
    }

    public Pin generate(SecureRandom random) {
        while (true) {
            StringBuilder digits = new StringBuilder(generatedLength);
            for (int i = 0; i < generatedLength; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            Optional<Pin> pin = accept(digits.toString());
            if (pin.isPresent()) {
                return pin.get();
            }
        }
    }

    /** A generated PIN that differs from {@code other}, for the second PIN of a room. */
    public Pin generateDifferentFrom(Pin other, SecureRandom random) {
        while (true) {
            Pin pin = generate(random);
            if (!pin.digits().equals(other.digits())) {
                return pin;
            }
        }
    }

    private static boolean isRun(String digits, int step) {
        for (int i = 1; i < digits.length(); i++) {
            if (Math.floorMod(digits.charAt(i) - digits.charAt(i - 1), 10) != Math.floorMod(step, 10)) {
                return false;
            }
        }
        return true;
    }

    /** True when the PIN is some block of at most half its length, repeated (the last copy may be cut short). */
    private static boolean repeatsShortBlock(String digits) {
        for (int period = 1; period <= digits.length() / 2; period++) {
            boolean repeats = true;
            for (int i = period; i < digits.length() && repeats; i++) {
                repeats = digits.charAt(i) == digits.charAt(i - period);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }
}
