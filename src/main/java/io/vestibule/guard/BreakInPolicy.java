package io.vestibule.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * The break-in rules (R-BRUTE, seed 000 §103–104).
 *
 * <ul>
 * <li>{@code room}: failed PIN attempts on one room (R-BRUTE-1). Default: more than 20 within 10 minutes block
 * the room for 10 minutes.</li>
 * <li>{@code address}: attempts from one source address (R-BRUTE-2, "VoIP scanner"). Every join attempt and every
 * single sign-on start counts, successful or not, and so does every failed password login: one budget per address
 * for the whole service, so a scanner cannot spend 20 attempts on joins and another 20 on logins. A blocked address is refused joins and
 * logins alike. Default: more than 20 within 10 minutes block the address for 10 minutes.</li>
 * <li>{@code account}: failed password logins for one account (R-BRUTE-4, as Keycloak's permanent-lockout-off
 * mode). Default: more than 10 within 15 minutes lock the account for 15 minutes; a successful login clears
 * the count.</li>
 * </ul>
 */
public record BreakInPolicy(AttemptLimit room, AttemptLimit address, AttemptLimit account) {
    public static final AttemptLimit DEFAULT_ROOM = AttemptLimit.of(20, Duration.ofMinutes(10), Duration.ofMinutes(10));
    public static final AttemptLimit DEFAULT_ADDRESS = AttemptLimit.of(20, Duration.ofMinutes(10), Duration.ofMinutes(10));
    public static final AttemptLimit DEFAULT_ACCOUNT = AttemptLimit.of(10, Duration.ofMinutes(15), Duration.ofMinutes(15));

    public BreakInPolicy {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(account, "account");
    }

    public static BreakInPolicy defaults() {
        return new BreakInPolicy(DEFAULT_ROOM, DEFAULT_ADDRESS, DEFAULT_ACCOUNT);
    }
}
