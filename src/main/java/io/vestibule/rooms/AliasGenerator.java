package io.vestibule.rooms;

import java.security.SecureRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Aliases for new rooms: a link alias of ten characters from an alphabet without look-alikes (about 49 bits,
 * so rooms cannot be found by guessing their names), and a ten-digit numeric alias for dial plans.
 */
final class AliasGenerator {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int ATTEMPTS = 20;

    private final SecureRandom random;

    AliasGenerator(SecureRandom random) {
        this.random = random;
    }

    RoomAlias name(Predicate<String> taken) {
        return unique(() -> {
            StringBuilder alias = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                if (i == 3 || i == 7) {
                    alias.append('-');
                }
                alias.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return RoomAlias.name(alias.toString());
        }, taken);
    }

    RoomAlias numeric(Predicate<String> taken) {
        return unique(() -> RoomAlias.numeric(String.valueOf(random.nextLong(1_000_000_000L, 10_000_000_000L))), taken);
    }

    private static RoomAlias unique(Supplier<RoomAlias> candidates, Predicate<String> taken) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RoomAlias alias = candidates.get();
            if (!taken.test(alias.value())) {
                return alias;
            }
        }
        throw new IllegalStateException("No free alias after " + ATTEMPTS + " attempts");
    }
}
