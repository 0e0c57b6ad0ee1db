package io.vestibule.access;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.access.conference.InMemoryLiveConferences;
import io.vestibule.access.conference.LiveConferences;
import io.vestibule.access.conference.RecordedLiveConferences;
import io.vestibule.access.events.CallRecorder;
import io.vestibule.access.token.DataKeySealer;
import io.vestibule.access.token.DurablyAddedSigningKeys;
import io.vestibule.access.token.InMemoryTokenRevocations;
import io.vestibule.access.token.JoinTokenIssuer;
import io.vestibule.access.token.JoinTokenVerifier;
import io.vestibule.access.token.SavedTokenLifetimes;
import io.vestibule.access.token.SigningKeys;
import io.vestibule.access.token.TokenRevocations;
import io.vestibule.access.token.TokenSettings;
import io.vestibule.access.token.jpa.JpaSigningKeyStore;
import io.vestibule.booking.BookingService;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.keys.DataKeyRing;
import io.vestibule.crypto.keys.DurableCommits;

/**
 * Assembles the join flow's parts from configuration (see docs/admin-guide.md, "Joining and break-in resistance").
 * They are plain classes; this is where they meet CDI.
 */
@ApplicationScoped
public class AccessResources {
    private URI publicUrl;
    private int tokenLifetimeSeconds;
    private int lobbyMinutes;
    private int clockSkewSeconds;

    @Inject
    public AccessResources(
            @ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/") URI publicUrl,
            @ConfigProperty(name = "vestibule.join.token-lifetime-seconds", defaultValue = "120") int tokenLifetimeSeconds,
            @ConfigProperty(name = "vestibule.join.lobby-minutes", defaultValue = "15") int lobbyMinutes,
            @ConfigProperty(name = "vestibule.join.clock-skew-seconds", defaultValue = "30") int clockSkewSeconds) {
        this.publicUrl = publicUrl;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        this.lobbyMinutes = lobbyMinutes;
        this.clockSkewSeconds = clockSkewSeconds;
    }

    /** For CDI's client proxy only. */
    protected AccessResources() {
    }

    /**
     * The settings tokens are verified against. Their join and lobby lifetimes are the longest the console may set:
     * tokens are issued for the lifetimes in force ({@link SavedTokenLifetimes}), and one issued before a change stays
     * good until it expires.
     */
    @Produces
    @Singleton
    TokenSettings tokenSettings() {
        TokenSettings atStartUp = new TokenSettings(publicUrl.toString(), TokenSettings.AUDIENCE,
                Duration.ofSeconds(tokenLifetimeSeconds), Duration.ofMinutes(lobbyMinutes),
                TokenSettings.DEFAULT_INVITATION_LIFETIME, Duration.ofSeconds(clockSkewSeconds),
                TokenSettings.DEFAULT_KEY_ROTATION, TokenSettings.DEFAULT_MAX_TOKEN_BYTES);
        Duration longestLobby = atStartUp.lobbyLifetime().compareTo(SavedTokenLifetimes.LONGEST_LOBBY) > 0
                ? atStartUp.lobbyLifetime() : SavedTokenLifetimes.LONGEST_LOBBY;
        return atStartUp.withJoinLifetime(TokenSettings.MAX_JOIN_LIFETIME).withLobbyLifetime(longestLobby);
    }

    @Produces
    @Singleton
    SigningKeys signingKeys(JpaSigningKeyStore store, DurableCommits durable, DataKeyRing dataKeys, CryptoPolicy policy,
                            TokenSettings settings, Clock clock, SecureRandom random) {
        return new SigningKeys(new DurablyAddedSigningKeys(store, durable), new DataKeySealer(dataKeys), policy, settings, clock, random);
    }

    @Produces
    @Singleton
    JoinTokenIssuer joinTokenIssuer(SigningKeys keys, TokenSettings settings, SavedTokenLifetimes lifetimes, CryptoPolicy policy,
                                    Clock clock, SecureRandom random) {
        return new JoinTokenIssuer(keys, settings, lifetimes, policy, clock, random);
    }

    @Produces
    @Singleton
    LiveConferences liveConferences(CallRecorder calls, Clock clock) {
        return new RecordedLiveConferences(new InMemoryLiveConferences(), calls, clock);
    }

    @Produces
    @Singleton
    TokenRevocations tokenRevocations(TokenSettings settings, Clock clock, LiveConferences live) {
        return new ConferenceTokenRevocations(new InMemoryTokenRevocations(settings, clock), live);
    }

    @Produces
    @Singleton
    JoinTokenVerifier joinTokenVerifier(SigningKeys keys, TokenRevocations revocations, TokenSettings settings,
                                        CryptoPolicy policy, Clock clock) {
        return new JoinTokenVerifier(keys, revocations, settings, policy, clock);
    }

    @Produces
    @Singleton
    InvitationLinks invitationLinks(BookingService bookings, JoinTokenIssuer issuer, TokenSettings settings, Clock clock) {
        return new InvitationLinks(bookings, issuer, settings, clock);
    }
}
