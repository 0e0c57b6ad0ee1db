package io.vestibule.access.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import org.junit.jupiter.api.Test;

import io.vestibule.access.ParticipantRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JoinTokenIssuerTest {
    private final TokenFixture fixture = new TokenFixture();

    @Test
    void joinTokenRoundTrip() throws Exception {
        fixture.clock.advance(Duration.ofMillis(700));
        IssuedToken issued = fixture.join("participant-1", "conference-a", ParticipantRole.HOST);

        TokenClaims verified = fixture.verifier.verify(issued.compact(), Expectation.of(TokenKind.JOIN).inConference("conference-a"));

        assertThat(verified).isEqualTo(issued.claims());
        assertThat(verified.issuer()).isEqualTo(TokenFixture.ISSUER);
        assertThat(verified.audience()).isEqualTo("urn:vestibule:conference");
        assertThat(verified.participantId()).isEqualTo("participant-1");
        assertThat(verified.conferenceId()).isEqualTo("conference-a");
        assertThat(verified.role()).isEqualTo(ParticipantRole.HOST);
        assertThat(verified.kind()).isEqualTo(TokenKind.JOIN);
        assertThat(verified.issuedAt()).isEqualTo(TokenFixture.START);
        assertThat(verified.notBefore()).isEqualTo(verified.issuedAt());
        assertThat(verified.expiresAt()).isEqualTo(TokenFixture.START.plusSeconds(120));
    }

    @Test
    void aJoinTokenBoundToTheParticipantsMediaCertificateSaysSoAndRoundTrips() throws Exception {
        String sha256 = "E9Cwm5kDeDSg3gRDk3lRCsxiV5rVw7lx0KSVaIdnMv8";
        IssuedToken issued = fixture.issuer.issue(TokenKind.JOIN, "participant-1", "conference-a", ParticipantRole.GUEST, Optional.of(sha256));

        Map<String, Object> claims = JSONObjectUtils.parse(new Base64URL(issued.compact().split("\\.")[1]).decodeToString());
        assertThat(claims.get("cnf")).isEqualTo(Map.of("x5t#S256", sha256));
        TokenClaims verified = fixture.verifier.verify(issued.compact(), Expectation.of(TokenKind.JOIN));
        assertThat(verified.mediaCertificate()).contains(sha256);
        assertThat(verified).isEqualTo(issued.claims());
    }

    @Test
    void lobbyTokenRoundTripLastsTheLobbyWaitLimit() throws Exception {
        IssuedToken issued = fixture.issuer.issue(TokenKind.LOBBY, "participant-2", "conference-a", ParticipantRole.GUEST);

        TokenClaims verified = fixture.verifier.verify(issued.compact(), Expectation.of(TokenKind.LOBBY));

        assertThat(verified).isEqualTo(issued.claims());
        assertThat(verified.kind()).isEqualTo(TokenKind.LOBBY);
        assertThat(Duration.between(verified.issuedAt(), verified.expiresAt())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void headerAndClaimsAreExactlyWhatApiMdPromises() throws Exception {
        IssuedToken issued = fixture.join();
        String[] parts = issued.compact().split("\\.");

        Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
        Map<String, Object> claims = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());

        assertThat(header).containsOnlyKeys("alg", "kid", "typ")
                .containsEntry("alg", "ES256")
                .containsEntry("typ", "vestibule-join+jwt")
                .containsEntry("kid", fixture.keys.active().kid());
        assertThat(claims).containsOnlyKeys("iss", "aud", "sub", "room", "role", "jti", "iat", "nbf", "exp")
                .containsEntry("aud", "urn:vestibule:conference")
                .containsEntry("role", "guest");
        assertThat(new Base64URL(parts[2]).decode()).hasSize(64);
    }

    @Test
    void tokenIdsAre128RandomBitsInBase64Url() {
        String first = fixture.join().claims().tokenId();
        String second = fixture.join().claims().tokenId();

        assertThat(first).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(second);
        assertThat(new Base64URL(first).decode()).hasSize(16);
    }

    @Test
    void joinLifetimeFollowsTheSetting() throws Exception {
        TokenFixture shortLived = new TokenFixture(TokenSettings.defaults(TokenFixture.ISSUER).withJoinLifetime(Duration.ofSeconds(30)));

        IssuedToken issued = shortLived.join();

        assertThat(issued.claims().expiresAt()).isEqualTo(TokenFixture.START.plusSeconds(30));
        assertThat(shortLived.verifier.verify(issued.compact(), Expectation.of(TokenKind.JOIN))).isEqualTo(issued.claims());
    }

    @Test
    void invitationCarriesItsWindowAndInvitee() throws Exception {
        Instant opens = TokenFixture.START.plus(Duration.ofDays(3));
        Instant closes = opens.plus(Duration.ofHours(2));

        IssuedToken invitation = fixture.issuer.issueInvitation("invitee-7", "conference-a", ParticipantRole.GUEST, opens, closes);
        fixture.clock.set(opens);
        TokenClaims verified = fixture.verifier.verify(invitation.compact(), Expectation.of(TokenKind.INVITATION));

        assertThat(verified).isEqualTo(invitation.claims());
        assertThat(verified.participantId()).isEqualTo("invitee-7");
        assertThat(verified.issuedAt()).isEqualTo(TokenFixture.START);
        assertThat(verified.notBefore()).isEqualTo(opens);
        assertThat(verified.expiresAt()).isEqualTo(closes);
    }

    @Test
    void invitationWindowMustBeSensible() {
        Instant now = TokenFixture.START;

        assertThatIllegalArgumentException().isThrownBy(() -> fixture.issuer.issueInvitation("invitee", "conference-a",
                ParticipantRole.GUEST, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.issuer.issueInvitation("invitee", "conference-a",
                ParticipantRole.GUEST, now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(1))));
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.issuer.issueInvitation("invitee", "conference-a",
                ParticipantRole.GUEST, now.plus(Duration.ofDays(40)), now.plus(Duration.ofDays(41))));
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.issuer.issue(TokenKind.INVITATION, "invitee",
                "conference-a", ParticipantRole.GUEST));
    }

    @Test
    void participantAndConferenceIdsMustBePresentAndShort() {
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.join(" ", "conference-a", ParticipantRole.GUEST));
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.join("participant", null, ParticipantRole.GUEST));
        assertThatIllegalArgumentException().isThrownBy(() -> fixture.join("p".repeat(201), "conference-a", ParticipantRole.GUEST));
    }

    @Test
    void issuedTokenDoesNotPrintItsCompactForm() {
        IssuedToken issued = fixture.join();

        assertThat(issued.toString()).doesNotContain(issued.compact()).doesNotContain(issued.compact().split("\\.")[2]);
    }
}
