package io.vestibule.access.settings;

import java.util.List;
import java.util.Map;

import io.vestibule.access.token.SavedTokenLifetimes;
import io.vestibule.access.token.TokenSettings;
import io.vestibule.booking.JoinWindowSetting;
import io.vestibule.guard.SavedBreakInRules;
import io.vestibule.rooms.PinPolicy;
import io.vestibule.rooms.RoomRules;

/**
 * What an operator sets about joining from the console (admin API {@code /join-settings}), each within the product's
 * floors: PINs of 6 to 20 digits (R-ROOM-3), break-in thresholds and block times (R-BRUTE-1..3), the lobby timeout
 * (R-ROOM-5), the join window (R-BOOK-2), the join token lifetime of 30 to 900 seconds (R-JOIN-2) and the participant
 * limit of rooms without their own (R-ROOM-1). Field names are the API's.
 */
public record JoinSettings(
        int pinLength,
        int pinMinimumLength,
        int roomFailures,
        int roomWindowMinutes,
        int roomBlockMinutes,
        int addressAttempts,
        int addressWindowMinutes,
        int addressBlockMinutes,
        List<String> breakInAllowList,
        int lobbyMinutes,
        int minutesBeforeStart,
        int minutesAfterEnd,
        int tokenLifetimeSeconds,
        int participantLimit) {

    public static final int LONGEST_ALLOW_LIST = 100;

    public JoinSettings {
        breakInAllowList = List.copyOf(breakInAllowList);
    }

    /**
     * These settings, if each is within the product's floors; otherwise {@link JoinSettingRefused} names the first that
     * is not. Not checked on construction: start-up settings outside the console's bounds are still shown as they are.
     */
    public JoinSettings withinFloors() {
        within("pinLength", pinLength, PinPolicy.MINIMUM_LENGTH, PinPolicy.MAXIMUM_LENGTH);
        within("pinMinimumLength", pinMinimumLength, PinPolicy.MINIMUM_LENGTH, pinLength);
        within("roomFailures", roomFailures, 1, SavedBreakInRules.MOST_ATTEMPTS);
        within("roomWindowMinutes", roomWindowMinutes, 1, SavedBreakInRules.LONGEST_MINUTES);
        within("roomBlockMinutes", roomBlockMinutes, 1, SavedBreakInRules.LONGEST_MINUTES);
        within("addressAttempts", addressAttempts, 1, SavedBreakInRules.MOST_ATTEMPTS);
        within("addressWindowMinutes", addressWindowMinutes, 1, SavedBreakInRules.LONGEST_MINUTES);
        within("addressBlockMinutes", addressBlockMinutes, 1, SavedBreakInRules.LONGEST_MINUTES);
        if (breakInAllowList.size() > LONGEST_ALLOW_LIST) {
            throw new JoinSettingRefused("breakInAllowList", "too_many", Map.of("max", LONGEST_ALLOW_LIST),
                    "'breakInAllowList' may hold at most " + LONGEST_ALLOW_LIST + " entries.");
        }
        try {
            SavedBreakInRules.checkedAllowList(String.join(",", breakInAllowList));
        } catch (IllegalArgumentException e) {
            throw new JoinSettingRefused("breakInAllowList", "not_allowed", Map.of(), e.getMessage() + ".");
        }
        within("lobbyMinutes", lobbyMinutes, (int) SavedTokenLifetimes.SHORTEST_LOBBY.toMinutes(),
                (int) SavedTokenLifetimes.LONGEST_LOBBY.toMinutes());
        within("minutesBeforeStart", minutesBeforeStart, 0, JoinWindowSetting.LONGEST_MARGIN_MINUTES);
        within("minutesAfterEnd", minutesAfterEnd, 0, JoinWindowSetting.LONGEST_MARGIN_MINUTES);
        within("tokenLifetimeSeconds", tokenLifetimeSeconds, (int) TokenSettings.MIN_JOIN_LIFETIME.toSeconds(),
                (int) TokenSettings.MAX_JOIN_LIFETIME.toSeconds());
        within("participantLimit", participantLimit, 1, RoomRules.MOST_PARTICIPANTS);
        return this;
    }

    private static void within(String field, int value, int least, int most) {
        if (value < least || value > most) {
            throw new JoinSettingRefused(field, "whole_number", Map.of("min", least, "max", most),
                    "'" + field + "' must be a whole number from " + least + " to " + most + ".");
        }
    }
}
