package io.vestibule.access.token;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.platform.settings.SavedSettings;

/**
 * The join token lifetime (R-JOIN-2) and the lobby timeout (R-ROOM-5) in force: saved from the console or set at
 * start-up ({@code VESTIBULE_JOIN_TOKEN_LIFETIME_SECONDS}, {@code VESTIBULE_JOIN_LOBBY_MINUTES}); read at every issue.
 * Invitation tokens keep the lifetime set at start-up.
 *
 * <p>Verification accepts any lifetime up to the bounds ({@link TokenSettings#MAX_JOIN_LIFETIME},
 * {@link #LONGEST_LOBBY}), so that a token issued before a change stays good until it expires.
 */
@ApplicationScoped
public class SavedTokenLifetimes implements TokenLifetimes {
    public static final String JOIN_SECONDS = "join.token-lifetime-seconds";
    public static final String LOBBY_MINUTES = "join.lobby-minutes";
    public static final Duration SHORTEST_LOBBY = Duration.ofMinutes(1);
    /** R-ROOM-5: a guest waits in the lobby 15 minutes at most, as Pexip's 900 s. */
    public static final Duration LONGEST_LOBBY = Duration.ofMinutes(15);

    private SavedSettings settings;
    private TokenSettings atStartUp;

    @Inject
    public SavedTokenLifetimes(SavedSettings settings, TokenSettings atStartUp) {
        this.settings = settings;
        this.atStartUp = atStartUp;
    }

    /** For CDI's client proxy only. */
    protected SavedTokenLifetimes() {
    }

    @Override
    public Duration of(TokenKind kind) {
        return switch (kind) {
            case JOIN -> join();
            case LOBBY -> lobby();
            case INVITATION -> atStartUp.invitationLifetime();
        };
    }

    public Duration join() {
        Duration lifetime = Duration.ofSeconds(settings.wholeNumber(JOIN_SECONDS, (int) TokenSettings.DEFAULT_JOIN_LIFETIME.toSeconds()));
        return atStartUp.withJoinLifetime(lifetime).joinLifetime();
    }

    public Duration lobby() {
        Duration lifetime = Duration.ofMinutes(settings.wholeNumber(LOBBY_MINUTES, (int) TokenSettings.DEFAULT_LOBBY_LIFETIME.toMinutes()));
        if (lifetime.compareTo(SHORTEST_LOBBY) < 0) {
            throw new IllegalArgumentException(SavedSettings.variable(LOBBY_MINUTES) + " must be at least 1");
        }
        return lifetime;
    }
}
