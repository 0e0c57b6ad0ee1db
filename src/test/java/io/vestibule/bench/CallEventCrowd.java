package io.vestibule.bench;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.vestibule.access.events.CallEvent;

/**
 * Call events as a busy installation records them: participants joining and leaving rooms, with display names (many
 * with accents), client addresses (IPv4 and IPv6), ports and browser user agents, and a few wrong PINs. Their JSON
 * is 300 to 500 bytes. Seeded, so every run records the same crowd.
 */
final class CallEventCrowd {
    private static final List<String> GIVEN_NAMES = List.of("Zoë", "José", "Ana María", "Søren", "Ólöf", "Nguyễn", "Aarav", "Chloé",
            "Mateus", "Łukasz", "Fatima", "Kenji", "Ingrid", "Ömer", "Siobhán", "Pierre-Louis", "Ji-woo", "Dmitri");
    private static final List<String> FAMILY_NAMES = List.of("Quinteros", "García Fernández", "Kristiansen", "Jónsdóttir", "Văn Minh",
            "Sharma", "Lefèvre", "Oliveira", "Wiśniewski", "Haddad", "Tanaka", "Bergström", "Yılmaz", "Ní Bhriain", "Dubois",
            "Park", "Ivanov", "Müller-Lüdenscheidt");
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36");
    private static final List<String> LEAVE_REASONS = List.of("left", "left", "left", "disconnected", "removed", "conference_ended");

    private final Random random;
    private final List<String> rooms;
    private final List<String> conferences;

    CallEventCrowd(long seed, List<String> rooms) {
        this.random = new Random(seed);
        this.rooms = rooms;
        this.conferences = rooms.stream().map(room -> uuid()).toList();
    }

    /** {@code count} room ids, the same for the same seed. */
    static List<String> rooms(long seed, int count) {
        Random random = new Random(seed);
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> new UUID(random.nextLong(), random.nextLong()).toString()).toList();
    }

    /** An event in a room drawn uniformly. */
    CallEvent next(Instant at) {
        return in(random.nextInt(rooms.size()), at);
    }

    /** An event in the room of the given index. */
    CallEvent in(int room, Instant at) {
        int kind = random.nextInt(100);
        String participant = uuid();
        String role = random.nextInt(5) == 0 ? "host" : "guest";
        String name = pick(GIVEN_NAMES) + " " + pick(FAMILY_NAMES);
        String address = random.nextInt(4) == 0
                ? String.format("2001:db8:%x:%x::%x", random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000))
                : (random.nextBoolean() ? "198.51.100." : "203.0.113.") + random.nextInt(256);
        int port = 1024 + random.nextInt(64_000);
        String agent = pick(USER_AGENTS);
        if (kind < 4) {
            return CallEvent.of(CallEvent.Type.PIN_FAILURE, at, "invalid_pin").room(rooms.get(room)).remote(address, port, agent).build();
        }
        CallEvent.Builder event = kind < 52
                ? CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, at, role).encryption("DTLS-SRTP")
                : CallEvent.of(CallEvent.Type.PARTICIPANT_LEAVE, at, pick(LEAVE_REASONS)).duration(30 + random.nextInt(7200));
        event.conference(conferences.get(room), rooms.get(room)).participant(participant, role, name).remote(address, port, agent);
        if (role.equals("host")) {
            event.identity(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org");
        }
        return event.build();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
