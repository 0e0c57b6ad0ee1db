package io.vestibule.guard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.guard.AttemptLedger.Blocked;
import io.vestibule.guard.AttemptLedger.Blocking;
import io.vestibule.guard.AttemptLedger.Tally;
import io.vestibule.platform.net.AddressRanges;
import io.vestibule.platform.net.IpLiteral;

/**
 * Break-in resistance (R-BRUTE): counts join attempts per source address, failed PINs per room and failed
 * password logins per account, and blocks whatever exceeds its {@link BreakInPolicy} rule — the (threshold + 1)-th
 * attempt within the window is the first one refused. Addresses on the allow-list are never counted or blocked
 * (R-BRUTE-3); a failed login from one still counts against the account, since the allow-list is there for
 * gateways and NAT addresses that join many meetings, not for guessing passwords.
 *
 * <p>The caller turns the answers into responses: a refused {@link Verdict} into {@code 429} with
 * {@code Retry-After}; a blocked room into the same answer as a room that does not exist. An administrator may list the
 * blocks in force and lift one before its end ({@link #lift}).
 */
public class BreakInGuard {
    /** Keys are chosen by attackers (account names, room ids): longer ones are cut and made unique by a hash. */
    static final int LONGEST_KEY_TEXT = 128;
    private static final int KEPT_PREFIX = LONGEST_KEY_TEXT - 1 - 64; // "#" and 64 hex digits follow
    private static final String ROOM = "room:";
    private static final String ADDRESS = "address:";
    private static final String ACCOUNT = "account:";
    private static final String IPV6_PREFIX = "/64";

    private final AttemptLedger ledger;
    private final BreakInRules rules;
    private final BreakInAlarms alarms;
    private final Clock clock;

    public BreakInGuard(AttemptLedger ledger, BreakInPolicy policy, AddressRanges allowList, BreakInAlarms alarms, Clock clock) {
        this(ledger, BreakInRules.fixed(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(allowList, "allowList")),
                alarms, clock);
    }

    /** A guard that follows the rules in force at each attempt: a change applies to the next attempt counted. */
    public BreakInGuard(AttemptLedger ledger, BreakInRules rules, BreakInAlarms alarms, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.alarms = Objects.requireNonNull(alarms, "alarms");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- joins (R-BRUTE-2) ------------------------------------------------------------------------------

    /** Counts a join attempt from the address, successful or not, and refuses it if the address is or becomes blocked. */
    public Verdict admitJoinAttempt(InetAddress source) {
        return admitAttempt(source);
    }

    // ---- single sign-on starts (R-BRUTE-2) --------------------------------------------------------------

    /**
     * Counts the start of a single sign-on from the address, as a join attempt: a start is unauthenticated and sends
     * a browser to the provider, so a scanner's starts draw on the address's one budget too.
     */
    public Verdict admitSignInStart(InetAddress source) {
        return admitAttempt(source);
    }

    private Verdict admitAttempt(InetAddress source) {
        Objects.requireNonNull(source, "source");
        if (rules.allowList().contains(source)) {
            return Verdict.admitted();
        }
        Instant now = clock.instant();
        String key = addressKey(source);
        Optional<Instant> blocked = ledger.blockedUntil(key, now);
        if (blocked.isPresent()) {
            return Verdict.refused(Verdict.Reason.ADDRESS_BLOCKED, Duration.between(now, blocked.get()));
        }
        return countAgainstAddress(key, source, now);
    }

    // ---- calendar feeds ---------------------------------------------------------------------------------

    /**
     * Refuses a calendar feed fetch while the source address is blocked; counts nothing, since calendar services
     * fetch many users' feeds from few addresses: only unknown tokens count ({@link #feedTokenUnknown}).
     */
    public Verdict admitFeedFetch(InetAddress source) {
        Objects.requireNonNull(source, "source");
        if (rules.allowList().contains(source)) {
            return Verdict.admitted();
        }
        Instant now = clock.instant();
        Optional<Instant> blocked = ledger.blockedUntil(addressKey(source), now);
        return blocked.isPresent()
                ? Verdict.refused(Verdict.Reason.ADDRESS_BLOCKED, Duration.between(now, blocked.get()))
                : Verdict.admitted();
    }

    /** Counts a feed fetch with an unknown, revoked or malformed token against the source address, as a failed attempt. */
    public void feedTokenUnknown(InetAddress source) {
        Objects.requireNonNull(source, "source");
        if (!rules.allowList().contains(source)) {
            countAgainstAddress(addressKey(source), source, clock.instant());
        }
    }

    // ---- PINs (R-BRUTE-1) -------------------------------------------------------------------------------

    public boolean roomBlocked(String roomId) {
        return ledger.blockedUntil(roomKey(roomId), clock.instant()).isPresent();
    }

    /** Counts a wrong PIN for the room; the failure that exceeds the threshold blocks the room and raises the alarm. */
    public void pinFailed(String roomId, InetAddress source) {
        Objects.requireNonNull(source, "source");
        String key = roomKey(roomId);
        if (rules.allowList().contains(source)) {
            return;
        }
        Instant now = clock.instant();
        AttemptLimit limit = rules.policy().room();
        Tally tally = ledger.record(key, now, IpLiteral.text(source), limit);
        if (limit.exceededBy(tally.attempts())) {
            Instant until = now.plus(limit.blockFor());
            blocked(key, now, until, () -> alarms.roomBlocked(roomId, addresses(tally), until));
        }
    }

    // ---- password logins (R-BRUTE-4) --------------------------------------------------------------------

    /** Refuses a login while the source address or the account is blocked; counts nothing (failures count). */
    public Verdict admitLogin(String account, InetAddress source) {
        Objects.requireNonNull(source, "source");
        Instant now = clock.instant();
        if (!rules.allowList().contains(source)) {
            Optional<Instant> addressBlocked = ledger.blockedUntil(addressKey(source), now);
            if (addressBlocked.isPresent()) {
                return Verdict.refused(Verdict.Reason.ADDRESS_BLOCKED, Duration.between(now, addressBlocked.get()));
            }
        }
        Optional<Instant> accountBlocked = ledger.blockedUntil(ACCOUNT + accountName(account), now);
        if (accountBlocked.isPresent()) {
            return Verdict.refused(Verdict.Reason.ACCOUNT_BLOCKED, Duration.between(now, accountBlocked.get()));
        }
        return Verdict.admitted();
    }

    /** Counts a failed login against the account and, unless allow-listed, against the source address. */
    public void loginFailed(String account, InetAddress source) {
        Objects.requireNonNull(source, "source");
        Instant now = clock.instant();
        String name = accountName(account);
        String key = ACCOUNT + name;
        AttemptLimit limit = rules.policy().account();
        Tally tally = ledger.record(key, now, IpLiteral.text(source), limit);
        if (limit.exceededBy(tally.attempts())) {
            Instant until = now.plus(limit.blockFor());
            blocked(key, now, until, () -> alarms.accountBlocked(name, addresses(tally), until));
        }
        if (!rules.allowList().contains(source)) {
            countAgainstAddress(addressKey(source), source, now);
        }
    }

    /** Forgets the account's failures, as Keycloak does after a successful login. */
    public void loginSucceeded(String account) {
        ledger.clear(ACCOUNT + accountName(account));
    }

    // ---- blocks (lifted by an administrator) ------------------------------------------------------------

    /** The rooms, addresses and accounts blocked now, the soonest to end first. */
    public List<Block> blocks() {
        return ledger.blocked(clock.instant()).stream().map(BreakInGuard::block).sorted(Comparator.comparing(Block::until)).toList();
    }

    /**
     * Lifts a block in force before its end (a user locked out, a false positive): the block and the attempts that led
     * to it are forgotten, so that the next failure starts a new count instead of blocking again at once, and its alarm
     * clears now. An address block is named by any address it covers (for IPv6, any of its /64) or by its /64.
     *
     * @return the block lifted; empty when none of that kind and subject is in force
     * @throws IllegalArgumentException when the subject cannot name a block of the kind (an address block named by
     *                                  something that is no address, an empty room id)
     */
    public Optional<Block> lift(BlockKind kind, String subject) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Optional<Blocked> lifted = ledger.lift(key(kind, subject), clock.instant());
        lifted.flatMap(Blocked::alarm).ifPresent(alarms::blockLifted);
        return lifted.map(BreakInGuard::block);
    }

    private static String key(BlockKind kind, String subject) {
        return switch (kind) {
            case ROOM -> roomKey(subject);
            case ACCOUNT -> ACCOUNT + accountName(subject);
            case ADDRESS -> addressKey(addressNamed(subject));
        };
    }

    /** The address a subject names: an address, or an IPv6 /64 as {@link #blocks} lists it. */
    private static InetAddress addressNamed(String subject) {
        boolean prefix = subject.endsWith(IPV6_PREFIX);
        return IpLiteral.parse(prefix ? subject.substring(0, subject.length() - IPV6_PREFIX.length()) : subject)
                .filter(address -> !prefix || address instanceof Inet6Address)
                .orElseThrow(() -> new IllegalArgumentException("Not an IP address"));
    }

    private static Block block(Blocked blocked) {
        String key = blocked.key();
        BlockKind kind = key.startsWith(ROOM) ? BlockKind.ROOM : key.startsWith(ADDRESS) ? BlockKind.ADDRESS : BlockKind.ACCOUNT;
        return new Block(kind, key.substring(key.indexOf(':') + 1), blocked.until(), blocked.sources(), blocked.alarm());
    }

    // ---- keys -------------------------------------------------------------------------------------------

    /**
     * The account as counted: Unicode-compatibility-normalised, trimmed and lower-cased, so "Alice", "ALICE " and
     * "ａｌｉｃｅ" share one count; bounded in length.
     */
    static String accountName(String account) {
        String normalised = Normalizer.normalize(account == null ? "" : account, Normalizer.Form.NFKC)
                .strip().toLowerCase(Locale.ROOT);
        return bounded(normalised);
    }

    private static String roomKey(String roomId) {
        if (roomId == null || roomId.isEmpty()) {
            throw new IllegalArgumentException("A room id is required");
        }
        return ROOM + bounded(roomId);
    }

    /**
     * The counter an address feeds. IPv6 sources are counted per /64: a single host usually holds a whole /64
     * and could otherwise take a fresh address for every attempt.
     */
    private static String addressKey(InetAddress address) {
        InetAddress plain = IpLiteral.unmapped(address);
        if (plain instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(plain.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return ADDRESS + IpLiteral.text(InetAddress.getByAddress(prefix)) + IPV6_PREFIX;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return ADDRESS + IpLiteral.text(plain);
    }

    private static String bounded(String text) {
        if (text.length() <= LONGEST_KEY_TEXT) {
            return text;
        }
        byte[] digest = CryptoPolicy.standard().digest(text.getBytes(StandardCharsets.UTF_8));
        return text.substring(0, KEPT_PREFIX) + "#" + HexFormat.of().formatHex(digest);
    }

    // ---- counting ---------------------------------------------------------------------------------------

    private Verdict countAgainstAddress(String key, InetAddress source, Instant now) {
        AttemptLimit limit = rules.policy().address();
        Tally tally = ledger.record(key, now, IpLiteral.text(source), limit);
        if (!limit.exceededBy(tally.attempts())) {
            return Verdict.admitted();
        }
        Instant until = now.plus(limit.blockFor());
        blocked(key, now, until, () -> alarms.addressBlocked(IpLiteral.unmapped(source), until));
        Instant blockedUntil = ledger.blockedUntil(key, now).orElse(until);
        return Verdict.refused(Verdict.Reason.ADDRESS_BLOCKED, Duration.between(now, blockedUntil));
    }

    /**
     * Blocks the key until {@code until}: a fresh block raises its alarm; a block in force that now ends later (a guess
     * in flight when it began, counted after) moves its alarm's end with it, also when the extension came between the
     * block and its alarm.
     */
    private void blocked(String key, Instant now, Instant until, Supplier<String> raiseAlarm) {
        Blocking blocking = ledger.block(key, now, until);
        if (blocking.fresh()) {
            String alarm = raiseAlarm.get();
            ledger.alarmRaised(key, alarm, now).filter(end -> end.isAfter(until)).ifPresent(end -> alarms.blockExtended(alarm, end));
        } else {
            blocking.extendedAlarm().ifPresent(alarm -> alarms.blockExtended(alarm, until));
        }
    }

    /** The sources of a tally as addresses; the ledger holds only the literals this guard wrote. */
    private static Set<InetAddress> addresses(Tally tally) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String source : tally.sources()) {
            IpLiteral.parse(source).ifPresent(addresses::add);
        }
        return Set.copyOf(addresses);
    }
}
