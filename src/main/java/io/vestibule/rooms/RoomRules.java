package io.vestibule.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.settings.SavedSettings;

/**
 * The service's rules for rooms in force now: the PIN policy and the participant limit of rooms that have none of
 * their own. Each is saved from the console or set at start-up ({@code VESTIBULE_PIN_LENGTH},
 * {@code VESTIBULE_PIN_MINIMUM_LENGTH}, {@code VESTIBULE_ROOM_PARTICIPANT_LIMIT}), and read on every use.
 */
@ApplicationScoped
public class RoomRules {
    public static final String PIN_LENGTH = "pin.length";
    public static final String PIN_MINIMUM_LENGTH = "pin.minimum-length";
    public static final String PARTICIPANT_LIMIT = "room.participant-limit";
    public static final int MOST_PARTICIPANTS = 1000;

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

    /** The limits a service or a room may have: at least one participant, at most {@value #MOST_PARTICIPANTS}. */
    public static void requireParticipantLimit(int limit) {
        if (limit < 1 || limit > MOST_PARTICIPANTS) {
            throw new IllegalArgumentException("A participant limit must be 1 to " + MOST_PARTICIPANTS);
        }
    }
}
