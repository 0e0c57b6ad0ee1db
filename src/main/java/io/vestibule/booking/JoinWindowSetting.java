package io.vestibule.booking;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.settings.SavedSettings;

/**
 * The join window in force (R-BOOK-2): saved from the console or set at start-up
 * ({@code VESTIBULE_JOIN_MINUTES_BEFORE_START}, {@code VESTIBULE_JOIN_MINUTES_AFTER_END}); read at every join.
 */
@ApplicationScoped
public class JoinWindowSetting {
    public static final String MINUTES_BEFORE_START = "join.minutes-before-start";
    public static final String MINUTES_AFTER_END = "join.minutes-after-end";
    /** The console's bound on either margin: a room open a day early or late is open beyond any meeting's need. */
    public static final int LONGEST_MARGIN_MINUTES = 24 * 60;

    private SavedSettings settings;

    @Inject
    public JoinWindowSetting(SavedSettings settings) {
        this.settings = settings;
    }

    /** For CDI's client proxy only. */
    protected JoinWindowSetting() {
    }

    public JoinWindow current() {
        return new JoinWindow(
                Duration.ofMinutes(settings.wholeNumber(MINUTES_BEFORE_START, (int) JoinWindow.DEFAULT.beforeStart().toMinutes())),
                Duration.ofMinutes(settings.wholeNumber(MINUTES_AFTER_END, (int) JoinWindow.DEFAULT.afterEnd().toMinutes())));
    }
}
