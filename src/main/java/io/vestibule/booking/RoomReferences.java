package io.vestibule.booking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.Uuids;
import io.vestibule.rooms.Room;
import io.vestibule.rooms.RoomAlias;
import io.vestibule.rooms.RoomRepository;

/**
 * What people know a room by, resolved to the rooms it names: the room's id, its alias or numeric alias, a join link,
 * a meeting's id or a meeting's title. Call records name rooms by id only, which no page shows to people.
 *
 * <p>A title is not unique: it names every room in which a meeting of that whole title (case aside) was booked, so a
 * search by title covers all of them rather than guessing one. Text that is several things at once names the rooms of
 * each.
 */
@ApplicationScoped
public class RoomReferences {
    private static final Pattern JOIN_PATH = Pattern.compile(".*/join/([^/]+)/?");
    private static final Pattern LINK = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACED_DIGITS = Pattern.compile("[0-9][0-9 .-]*[0-9]");

    /** How the typed text named a room. */
    public enum Match {
        ROOM_ID, MEETING_ID, ALIAS, NUMERIC_ALIAS, JOIN_LINK, MEETING_TITLE
    }

    public record NamedRoom(UUID roomId, Match matchedBy) {
    }

    /**
     * The rooms a reference names, each once, by its first match. {@code reference} is the text as it may be recorded:
     * a link without its query and fragment, where an invitation token travels.
     */
    public record Resolution(String reference, List<NamedRoom> rooms) {
        public Resolution {
            rooms = List.copyOf(rooms);
        }

        public boolean nothingMatched() {
            return rooms.isEmpty();
        }
    }

    private RoomRepository rooms;
    private MeetingRepository meetings;

    @Inject
    public RoomReferences(RoomRepository rooms, MeetingRepository meetings) {
        this.rooms = rooms;
        this.meetings = meetings;
    }

    /** For CDI's client proxy only. */
    protected RoomReferences() {
    }

    public Resolution resolve(String typed) {
        String text = typed.strip();
        Map<UUID, Match> named = new LinkedHashMap<>();
        Optional<UUID> id = Uuids.parse(text.toLowerCase(Locale.ROOT));
        if (id.isPresent()) {
            rooms.find(id.get()).ifPresent(room -> named.putIfAbsent(room.id(), Match.ROOM_ID));
            meetings.find(id.get()).ifPresent(meeting -> named.putIfAbsent(meeting.roomId(), Match.MEETING_ID));
            return new Resolution(text, toList(named));
        }
        if (LINK.matcher(text).lookingAt()) {
            String address = text.split("[?#]", 2)[0];
            pathOf(address).map(JOIN_PATH::matcher).filter(Matcher::matches)
                    .flatMap(join -> byAlias(asAlias(join.group(1))))
                    .ifPresent(room -> named.putIfAbsent(room.id(), Match.JOIN_LINK));
            return new Resolution(address, toList(named));
        }
        String alias = asAlias(text);
        byAlias(alias).ifPresent(room -> named.putIfAbsent(room.id(),
                room.alias(RoomAlias.Kind.NUMERIC).map(RoomAlias::value).filter(alias::equals).isPresent() ? Match.NUMERIC_ALIAS : Match.ALIAS));
        meetings.titled(text).forEach(meeting -> named.putIfAbsent(meeting.roomId(), Match.MEETING_TITLE));
        return new Resolution(text, toList(named));
    }

    private Optional<Room> byAlias(String alias) {
        return RoomAlias.isWellFormed(alias) ? rooms.findByAlias(alias) : Optional.empty();
    }

    /** An alias as people write it: in any case, and a numeric one perhaps grouped by spaces, dots or dashes. */
    private static String asAlias(String text) {
        return SPACED_DIGITS.matcher(text).matches() ? text.replaceAll("[ .-]", "") : text.toLowerCase(Locale.ROOT);
    }

    private static Optional<String> pathOf(String address) {
        try {
            return Optional.ofNullable(new URI(address).getPath());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static List<NamedRoom> toList(Map<UUID, Match> named) {
        return named.entrySet().stream().map(entry -> new NamedRoom(entry.getKey(), entry.getValue())).toList();
    }
}
