package io.vestibule.access;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import io.vestibule.access.conference.ConferenceNotifier;
import io.vestibule.access.conference.InMemoryLiveConferences;
import io.vestibule.access.conference.LiveConferences;
import io.vestibule.access.conference.RecordedLiveConferences;
import io.vestibule.access.events.CallEvent;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.events.RecordNotDurable;
import io.vestibule.access.token.InMemorySigningKeyStore;
import io.vestibule.access.token.InMemoryTokenRevocations;
import io.vestibule.access.token.JoinTokenIssuer;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.access.token.PrivateKeySealer;
import io.vestibule.access.token.SigningKeys;
import io.vestibule.access.token.TokenRevocations;
import io.vestibule.access.token.TokenSettings;
import io.vestibule.booking.BookingService;
import io.vestibule.booking.JoinWindowSetting;
import io.vestibule.booking.Meeting;
import io.vestibule.booking.MeetingRepository;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.guard.AttemptLedger;
import io.vestibule.guard.AttemptLimit;
import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.BreakInPolicy;
import io.vestibule.guard.InMemoryAttemptLedger;
import io.vestibule.guard.RecordingAlarms;
import io.vestibule.platform.net.AddressRanges;
import io.vestibule.platform.net.IpLiteral;
import io.vestibule.platform.settings.SavedSettings;
import io.vestibule.rooms.Pin;
import io.vestibule.rooms.PinVault;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomKind;
import io.vestibule.rooms.RoomProvisioner;
import io.vestibule.rooms.RoomRepository;
import io.vestibule.rooms.RoomRules;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.MemorySettingStore;
import io.vestibule.testing.TestClock;

/**
 * The join flow wired as {@code AccessResources} and CDI wire it, without a container: the real deciders over
 * in-memory repositories, on a clock the test moves, with a record of what each answer leaves behind (call events,
 * break-in attempts, alarms and metrics).
 */
public final class JoinFixture {
    public static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    static final String PUBLIC_URL = "https://vestibule.example.org/";
    /** Addresses the break-in guard never counts (R-BRUTE-3): the crowd that fills conferences comes from here. */
    static final String ALLOW_LIST = "198.51.100.0/24";

    public final CryptoPolicy policy = CryptoPolicy.standard();
    public final SecureRandom random = policy.newSecureRandom();
    public final TestClock clock = new TestClock(START);
    public final TokenSettings tokenSettings = TokenSettings.defaults(PUBLIC_URL);

    /** What administrators saved in the console; nothing is set at start-up, so the defaults apply until then. */
    public final MemorySettingStore savedSettings = new MemorySettingStore();
    public final SavedSettings settings = new SavedSettings(savedSettings, new MapConfig(Map.of()));
    public final RoomRules roomRules = new RoomRules(settings);

    public final InMemoryRooms rooms = new InMemoryRooms();
    public final InMemoryMeetings meetings = new InMemoryMeetings();
    public final RoomProvisioner provisioner = new RoomProvisioner(rooms, new ClearPinVault(), random, clock, roomRules);
    public final BookingService bookings = new BookingService(meetings, rooms, provisioner, clock, URI.create(PUBLIC_URL),
            new JoinWindowSetting(settings));
    public final JoinableRooms joinableRooms = new JoinableRooms(rooms, meetings, 30, 10_000);
    public final RoomAdmissions admissions = new RoomAdmissions(joinableRooms, bookings, clock);

    public final RecordedCalls calls = new RecordedCalls();
    public final LiveConferences live = new RecordedLiveConferences(new InMemoryLiveConferences(), calls, clock);
    public final SigningKeys keys = new SigningKeys(new InMemorySigningKeyStore(), new UnsealedKeys(), policy, tokenSettings, clock, random);
    public final JoinTokenIssuer issuer = new JoinTokenIssuer(keys, tokenSettings, policy, clock, random);
    public final TokenRevocations revocations = new ConferenceTokenRevocations(new InMemoryTokenRevocations(tokenSettings, clock), live);
    public final JoinTokenVerifier verifier = new JoinTokenVerifier(keys, revocations, tokenSettings, policy, clock);

    public final RecordedAttempts attempts = new RecordedAttempts();
    public final RecordingAlarms alarms = new RecordingAlarms();
    public final BreakInPolicy breakInPolicy = BreakInPolicy.defaults();
    public final BreakInGuard guard = new BreakInGuard(attempts, breakInPolicy, AddressRanges.parse(ALLOW_LIST), alarms, clock);
    public final CountedMetrics counted = new CountedMetrics();

    /** Where the join flow's and the hosts' changes are told: nowhere, unless a test plugs in a notifier. */
    public volatile ConferenceNotifier notifier = ConferenceNotifier.NONE;
    private final ConferenceNotifier toNotifier = (ConferenceNotifier) Proxy.newProxyInstance(ConferenceNotifier.class.getClassLoader(),
            new Class<?>[] {ConferenceNotifier.class}, (proxy, method, arguments) -> {
                try {
                    return method.invoke(notifier, arguments);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });

    public final JoinService joins = new JoinService(joinableRooms, provisioner, bookings, live, issuer, verifier, revocations,
            tokenSettings, tokenSettings::lifetimeOf, roomRules, guard, toNotifier, new JoinMetrics(counted.registry()), clock, calls,
            admissions, false);
    public final ConferenceControl control = new ConferenceControl(verifier, revocations, live, toNotifier, joins, admissions, clock);

    /** Forgets what was recorded so far: what follows is what the next request leaves. */
    void startWatching() {
        calls.events.clear();
        calls.durable.clear();
        attempts.keys.clear();
        alarms.raised.clear();
        counted.names.clear();
    }

    public static JoinRequest request(String alias, InetAddress source, Optional<String> pin, Optional<String> invitation) {
        return new JoinRequest(alias, "Newcomer", pin, invitation, source, 50_000, Optional.of("JoinServiceTest"), Optional.empty());
    }

    public static InetAddress ip(String literal) {
        return IpLiteral.parse(literal).orElseThrow();
    }

    // ---- in-memory stores ---------------------------------------------------------------------------------

    public static final class InMemoryRooms implements RoomRepository {
        private final Map<UUID, Room> byId = new HashMap<>();

        @Override
        public Optional<Room> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<Room> findByAlias(String alias) {
            return byId.values().stream().filter(room -> room.aliases().stream().anyMatch(a -> a.value().equals(alias))).findFirst();
        }

        @Override
        public Optional<Room> findPersonalRoom(UUID ownerId) {
            return byId.values().stream().filter(room -> room.kind() == RoomKind.PERSONAL && room.ownerId().equals(ownerId)).findFirst();
        }

        @Override
        public boolean aliasTaken(String alias) {
            return findByAlias(alias).isPresent();
        }

        @Override
        public List<Room> search(String text, int limit) {
            return byId.values().stream().filter(room -> room.name().contains(text)).limit(limit).toList();
        }

        @Override
        public Room add(Room room) {
            byId.put(room.id(), room);
            return room;
        }
    }

    public static final class InMemoryMeetings implements MeetingRepository {
        private final Map<UUID, Meeting> byId = new HashMap<>();

        @Override
        public Meeting add(Meeting meeting) {
            byId.put(meeting.id(), meeting);
            return meeting;
        }

        @Override
        public Optional<Meeting> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public List<Meeting> ownedBy(UUID ownerId) {
            return byId.values().stream().filter(meeting -> meeting.ownerId().equals(ownerId)).toList();
        }

        @Override
        public List<Meeting> inRoom(UUID roomId) {
            return byId.values().stream().filter(meeting -> meeting.roomId().equals(roomId)).toList();
        }

        @Override
        public List<Meeting> titled(String title) {
            return byId.values().stream().filter(meeting -> meeting.title().equalsIgnoreCase(title)).toList();
        }
    }

    /** Keeps PINs readable, but bound to their room and role as the real vault binds them. */
    public static final class ClearPinVault extends PinVault {
        public ClearPinVault() {
            super(null);
        }

        @Override
        public byte[] seal(UUID roomId, Role role, Pin pin) {
            return (roomId + "/" + role + "/" + pin.digits()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        @Override
        public Pin open(UUID roomId, Role role, byte[] sealed) {
            String[] parts = new String(sealed, java.nio.charset.StandardCharsets.US_ASCII).split("/");
            if (!parts[0].equals(roomId.toString()) || !parts[1].equals(role.name())) {
                throw new IllegalArgumentException("sealed for another room or role");
            }
            return new Pin(parts[2]);
        }
    }

    /** Signing keys stored as they are: what these tests look at is the join decision, not key storage. */
    static final class UnsealedKeys implements PrivateKeySealer {
        @Override
        public byte[] seal(byte[] pkcs8, String kid) {
            return pkcs8.clone();
        }

        @Override
        public byte[] open(byte[] sealed, String kid) {
            return sealed.clone();
        }
    }

    // ---- what an answer leaves behind -----------------------------------------------------------------------

    static final class RecordedCalls implements CallRecorder {
        final List<CallEvent> events = new ArrayList<>();
        final List<CallEvent> durable = new ArrayList<>();
        boolean journalFails;

        @Override
        public void record(CallEvent event) {
            events.add(event);
        }

        @Override
        public void recordDurably(CallEvent event) {
            if (journalFails) {
                throw new RecordNotDurable("the journal's disk is full");
            }
            events.add(event);
            durable.add(event);
        }
    }

    /** The in-memory ledger, remembering the key of every attempt recorded ({@code address:…}, {@code room:…}). */
    static final class RecordedAttempts implements AttemptLedger {
        private final InMemoryAttemptLedger ledger = new InMemoryAttemptLedger();
        final List<String> keys = new ArrayList<>();

        @Override
        public Tally record(String key, Instant at, String source, AttemptLimit limit) {
            keys.add(key);
            return ledger.record(key, at, source, limit);
        }

        @Override
        public Optional<Instant> blockedUntil(String key, Instant now) {
            return ledger.blockedUntil(key, now);
        }

        @Override
        public Blocking block(String key, Instant now, Instant until) {
            return ledger.block(key, now, until);
        }

        @Override
        public Optional<Instant> alarmRaised(String key, String alarm, Instant now) {
            return ledger.alarmRaised(key, alarm, now);
        }

        @Override
        public void clear(String key) {
            ledger.clear(key);
        }

        @Override
        public List<Blocked> blocked(Instant now) {
            return ledger.blocked(now);
        }

        @Override
        public Optional<Blocked> lift(String key, Instant now) {
            return ledger.lift(key, now);
        }

        @Override
        public void forgetIdle(Instant now) {
            ledger.forgetIdle(now);
        }
    }

    /**
     * The counters {@link JoinMetrics} increments, as {@code name{tag=value}}, one entry per increment. A
     * {@link MetricRegistry} has dozens of methods; join metrics use only its counters and one gauge.
     */
    static final class CountedMetrics {
        final List<String> names = new ArrayList<>();

        MetricRegistry registry() {
            return (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MetricRegistry.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "counter" -> counter(name(args));
                        case "gauge" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Counter counter(String name) {
            return (Counter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Counter.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("inc")) {
                            names.add(name);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        private static String name(Object[] args) {
            String name = (String) args[0];
            if (args.length < 2 || ((Tag[]) args[1]).length == 0) {
                return name;
            }
            return name + Arrays.stream((Tag[]) args[1]).map(tag -> tag.getTagName() + "=" + tag.getTagValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
    }
}
