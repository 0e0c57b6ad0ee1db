package io.vestibule.access.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.token.SavedTokenLifetimes;
import io.vestibule.booking.JoinWindow;
import io.vestibule.booking.JoinWindowSetting;
import io.vestibule.guard.BreakInPolicy;
import io.vestibule.guard.SavedBreakInRules;
import io.vestibule.platform.settings.SavedSettings;
import io.vestibule.rooms.PinPolicy;
import io.vestibule.rooms.RoomRules;

/**
 * The join settings in force, gathered from the parts that follow them, and saved together: each part reads them again
 * at the next join (or booking, for PINs), so a change needs no restart.
 */
@ApplicationScoped
public class JoinSettingsService {
    private static final Logger LOG = Logger.getLogger(JoinSettingsService.class.getName());

    private SavedSettings saved;
    private RoomRules rooms;
    private SavedBreakInRules breakIn;
    private JoinWindowSetting window;
    private SavedTokenLifetimes lifetimes;

    @Inject
    public JoinSettingsService(SavedSettings saved, RoomRules rooms, SavedBreakInRules breakIn, JoinWindowSetting window,
                               SavedTokenLifetimes lifetimes) {
        this.saved = saved;
        this.rooms = rooms;
        this.breakIn = breakIn;
        this.window = window;
        this.lifetimes = lifetimes;
    }

    /** For CDI's client proxy only. */
    protected JoinSettingsService() {
    }

    public JoinSettings current() {
        PinPolicy pins = rooms.pinPolicy();
        BreakInPolicy policy = breakIn.policy();
        JoinWindow joinWindow = window.current();
        return new JoinSettings(pins.generatedLength(), pins.shortestAccepted(),
                policy.room().threshold(), minutes(policy.room().window()), minutes(policy.room().blockFor()),
                policy.address().threshold(), minutes(policy.address().window()), minutes(policy.address().blockFor()),
                breakIn.allowListAsWritten(),
                minutes(lifetimes.lobby()), minutes(joinWindow.beforeStart()), minutes(joinWindow.afterEnd()),
                (int) lifetimes.join().toSeconds(), rooms.participantLimit());
    }

    /** Saves the settings an administrator changed, if within the product's floors; the next join follows them. */
    public JoinSettings change(JoinSettings changed, String administrator) {
        changed.withinFloors();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(RoomRules.PIN_LENGTH, String.valueOf(changed.pinLength()));
        values.put(RoomRules.PIN_MINIMUM_LENGTH, String.valueOf(changed.pinMinimumLength()));
        values.put(SavedBreakInRules.ROOM_FAILURES, String.valueOf(changed.roomFailures()));
        values.put(SavedBreakInRules.ROOM_WINDOW, String.valueOf(changed.roomWindowMinutes()));
        values.put(SavedBreakInRules.ROOM_BLOCK, String.valueOf(changed.roomBlockMinutes()));
        values.put(SavedBreakInRules.ADDRESS_ATTEMPTS, String.valueOf(changed.addressAttempts()));
        values.put(SavedBreakInRules.ADDRESS_WINDOW, String.valueOf(changed.addressWindowMinutes()));
        values.put(SavedBreakInRules.ADDRESS_BLOCK, String.valueOf(changed.addressBlockMinutes()));
        // A saved blank is "no allow-list", not "the start-up one": an administrator may empty it.
        values.put(SavedBreakInRules.ALLOW_LIST, String.join(",", changed.breakInAllowList()) + ",");
        values.put(SavedTokenLifetimes.LOBBY_MINUTES, String.valueOf(changed.lobbyMinutes()));
        values.put(JoinWindowSetting.MINUTES_BEFORE_START, String.valueOf(changed.minutesBeforeStart()));
        values.put(JoinWindowSetting.MINUTES_AFTER_END, String.valueOf(changed.minutesAfterEnd()));
        values.put(SavedTokenLifetimes.JOIN_SECONDS, String.valueOf(changed.tokenLifetimeSeconds()));
        values.put(RoomRules.PARTICIPANT_LIMIT, String.valueOf(changed.participantLimit()));
        saved.save(values, administrator);
        LOG.info(() -> "The join settings " + administrator + " saved apply from the next join on");
        return current();
    }

    private static int minutes(Duration duration) {
        return (int) duration.toMinutes();
    }
}
