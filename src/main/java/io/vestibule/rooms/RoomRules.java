package io.vestibule.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.settings.SavedSettings;

/**
 * The service's rules for rooms in force now: the PIN policy, the participant limit of rooms that have none of
 * their own, and how many may wait in a conference's lobby. Each is saved from the console or set at start-up
 * ({@code VESTIBULE_PIN_LENGTH}, {@code VESTIBULE_PIN_MINIMUM_LENGTH}, {@code VESTIBULE_ROOM_PARTICIPANT_LIMIT},
 * {@code VESTIBULE_ROOM_LOBBY_LIMIT}), and read on every use.
 */
@ApplicationScoped
public class RoomRules {
    public static final String PIN_LENGTH = "pin.length";
    public static final String PIN_MINIMUM_LENGTH = "pin.minimum-length";
    public static final String PARTICIPANT_LIMIT = "room.participant-limit";
    public static final int MOST_PARTICIPANTS = 1000;
    public static final String LOBBY_LIMIT = "room.lobby-limit";
    /** As many as the built-in participant limit: a lobby that long is already more than a host can read through. */
    public static final int DEFAULT_LOBBY_LIMIT = 100;
    public static final int MOST_WAITING = 1000;
    public static final String NEWCOMERS_WAIT_FOR_ADMISSION = "room.newcomers-wait-for-admission";

    private SavedSettings settings;

    @Inject
    public RoomRules(SavedSettings settings) {
        this.settings = settings;
    }

    /** For CDI's client proxy only. */
    protected RoomRules() {
    }

    public PinPolicy pinPolicy() {
        return new PinPolicy(settings.wholeNumber(PIN_LENGTH, PinPolicy.DEFAULT_LENGTH),
                settings.wholeNumber(PIN_MINIMUM_LENGTH, PinPolicy.MINIMUM_LENGTH));
    }

    /** How many may be in a conference of a room that has no limit of its own. */
    public int participantLimit() {
        int limit = settings.wholeNumber(PARTICIPANT_LIMIT, Room.DEFAULT_PARTICIPANT_LIMIT);
        requireParticipantLimit(limit);
        return limit;
    }

    /**
     * How many may wait in one conference's lobby: {@value #DEFAULT_LOBBY_LIMIT} unless set, held within 1 to
     * {@value #MOST_WAITING} (guests of a room without a guest PIN wait without knowing any secret, so the lobby is
     * where a crowd would pile up).
     */
    public int lobbyLimit() {
        return Math.max(1, Math.min(MOST_WAITING, settings.wholeNumber(LOBBY_LIMIT, DEFAULT_LOBBY_LIMIT)));
    }

    /**
     * Whether the room's conferences start locked, so that every newcomer (a host too, unless they entered the host
     * PIN) waits for a host's admission and a host's arrival lets in no one unseen: the room's own choice, else the
     * service's ({@code VESTIBULE_ROOM_NEWCOMERS_WAIT_FOR_ADMISSION}; off unless set; secure mode turns it on).
     */
    public boolean newcomersWaitForAdmission(Room room) {
        return room.newcomersWaitForAdmission().orElseGet(this::newcomersWaitForAdmission);
    }

    /** The service's choice for rooms that made none of their own. */
    public boolean newcomersWaitForAdmission() {
        return settings.text(NEWCOMERS_WAIT_FOR_ADMISSION).map(value -> value.strip().equalsIgnoreCase("true")).orElse(false);
    }

    /** The limits a service or a room may have: at least one participant, at most {@value #MOST_PARTICIPANTS}. */
    public static void requireParticipantLimit(int limit) {
        if (limit < 1 || limit > MOST_PARTICIPANTS) {
            throw new IllegalArgumentException("A participant limit must be 1 to " + MOST_PARTICIPANTS);
        }
    }
}
