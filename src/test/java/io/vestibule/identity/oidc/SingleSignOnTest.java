package io.vestibule.identity.oidc;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.oidc.SsoRefused.Reason;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The browser's sign-in from start to finish against a test provider whose token endpoint checks the PKCE verifier:
 * what the authorization request carries (and what it never carries), and each way the answer is refused.
 */
class SingleSignOnTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SecureRandom random = POLICY.newSecureRandom();
    private TestOpenIdProvider provider;
    private SingleSignOn sso;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new TestOpenIdProvider(clock);
        sso = SingleSignOn.of(provider.settings(Optional.of("/vestibule-users")), POLICY, random, clock);
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void theAuthorizationRequestCarriesStateNonceAndAnS256ChallengeButNeverTheVerifier() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        Map<String, String> query = query(redirect.authorizationUri());

        assertThat(redirect.authorizationUri().toString()).startsWith(provider.issuer() + "/auth?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", TestOpenIdProvider.CLIENT_ID)
                .containsEntry("redirect_uri", TestOpenIdProvider.REDIRECT_URI).containsEntry("scope", "openid profile email vestibule")
                .containsEntry("code_challenge_method", "S256")
                .containsOnlyKeys("response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method");
        assertThat(query.get("state")).hasSize(43).isNotEqualTo(query.get("nonce")).isNotEqualTo(redirect.cookie());
        assertThat(query.get("code_challenge")).hasSize(43);
        assertThat(redirect.authorizationUri().toString()).doesNotContain(redirect.cookie());
        assertThat(redirect.lifetime()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aCompleteSignInNamesThePersonAndKeepsTheIdTokenForSignOut() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/book.html");

        SingleSignOn.Completed completed = sso.complete(redirect.cookie(), answer(redirect, query(redirect.authorizationUri()).get("nonce")));

        assertThat(completed.identity().username()).isEqualTo("alice");
        assertThat(completed.identity().displayName()).isEqualTo("Alice Martin");
        assertThat(completed.identity().email()).contains("alice@demo.vestibule.local");
        assertThat(completed.identity().groups()).containsExactly("/vestibule-users");
        assertThat(completed.next()).isEqualTo("/book.html");
        URI endSession = sso.endSessionUri(completed.idToken()).orElseThrow();
        assertThat(query(endSession)).containsEntry("id_token_hint", completed.idToken().value())
                .containsEntry("post_logout_redirect_uri", "https://portal.test/index.html")
                .containsEntry("client_id", TestOpenIdProvider.CLIENT_ID);
        assertThat(completed.idToken().toString()).doesNotContain(completed.idToken().value());
    }

    @Test
    void aSignInCookieServesOnceAndForTenMinutes() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        String nonce = query(redirect.authorizationUri()).get("nonce");
        sso.complete(redirect.cookie(), answer(redirect, nonce));

        assertRefused(redirect.cookie(), answer(redirect, nonce), Reason.EXPIRED);
        SingleSignOn.Redirect slow = sso.begin("/meetings.html");
        clock.advance(Duration.ofMinutes(10));
        assertRefused(slow.cookie(), answer(slow, query(slow.authorizationUri()).get("nonce")), Reason.EXPIRED);
        assertRefused(null, answer(slow, "n"), Reason.EXPIRED);
    }

    @Test
    void anAnswerForAnotherBrowsersStateIsRefused() throws Exception {
        SingleSignOn.Redirect mine = sso.begin("/meetings.html");
        SingleSignOn.Redirect theirs = sso.begin("/meetings.html");

        // The attacker's answer (their state and code) arriving in my browser, with my cookie.
        assertRefused(mine.cookie(), answer(theirs, query(theirs.authorizationUri()).get("nonce")), Reason.FAILED);
    }

    @Test
    void anAnswerNamingAnotherIssuerIsRefused() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        SingleSignOn.Callback answer = answer(redirect, query(redirect.authorizationUri()).get("nonce"));

        assertRefused(redirect.cookie(), new SingleSignOn.Callback(answer.code(), answer.state(), "https://evil.example/realms/test", null),
                Reason.FAILED);
    }

    @Test
    void theProvidersErrorIsDenied() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");

        assertRefused(redirect.cookie(), new SingleSignOn.Callback(null, query(redirect.authorizationUri()).get("state"), provider.issuer(),
                "access_denied"), Reason.DENIED);
    }

    @Test
    void aCodeExchangedWithoutTheRightVerifierIsRefused() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        Map<String, String> query = query(redirect.authorizationUri());
        String code = provider.issueCode(Pkce.challenge("another-verifier-of-43-characters-xxxxxxxxxx", POLICY),
                provider.sign(provider.idTokenClaims(query.get("nonce")).build()));

        assertRefused(redirect.cookie(), new SingleSignOn.Callback(code, query.get("state"), provider.issuer(), null), Reason.FAILED);
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");

        assertRefused(redirect.cookie(), answer(redirect, "nonce-of-another-sign-in"), Reason.FAILED);
    }

    @Test
    void someoneOutsideThePortalGroupIsNotPermitted() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        Map<String, String> query = query(redirect.authorizationUri());
        String code = provider.issueCode(query.get("code_challenge"),
                provider.sign(provider.idTokenClaims(query.get("nonce")).claim("groups", List.of("/vestibule-auditors")).build()));

        assertRefused(redirect.cookie(), new SingleSignOn.Callback(code, query.get("state"), null, null), Reason.NOT_PERMITTED);
    }

    @Test
    void aGroupOfThePortalGroupsNameUnderAnotherParentIsNotPermitted() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        Map<String, String> query = query(redirect.authorizationUri());
        String code = provider.issueCode(query.get("code_challenge"), provider.sign(provider.idTokenClaims(query.get("nonce"))
                .claim("groups", List.of("/contractors/vestibule-users", "vestibule-users")).build()));

        assertRefused(redirect.cookie(), new SingleSignOn.Callback(code, query.get("state"), null, null), Reason.NOT_PERMITTED);
    }

    @Test
    void aProviderThatWentDownIsUnavailableAsSoonAsAReadinessProbeNoticed() throws Exception {
        SingleSignOn.Redirect before = sso.begin("/meetings.html");
        assertThat(sso.reachable()).isTrue();
        provider.close();
        clock.advance(OpenIdProvider.FRESH);

        assertThat(sso.reachable()).isFalse();
        assertThatExceptionOfType(SsoRefused.class).isThrownBy(() -> sso.begin("/meetings.html"))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(sso.endSessionUri(new IdTokenHint("x"))).as("no sign-out through a provider that is down").isEmpty();
        assertThat(before.cookie()).isNotBlank();
    }

    @Test
    void aFloodOfStartsStoresNothingReadsTheProviderOnceAndLeavesARealSignInWorking() throws Exception {
        SingleSignOn.Redirect mine = sso.begin("/book.html?id=r1");
        for (int i = 0; i < 20_000; i++) {
            sso.begin("/meetings.html");
        }
        SingleSignOn.Redirect late = sso.begin("/meetings.html");

        assertThat(sso.complete(mine.cookie(), answer(mine, query(mine.authorizationUri()).get("nonce"))).next()).isEqualTo("/book.html?id=r1");
        assertThat(sso.complete(late.cookie(), answer(late, query(late.authorizationUri()).get("nonce"))).identity().subject()).isNotBlank();
        assertThat(provider.discoveryReads()).as("starts within minutes reuse one reading of the discovery document").isEqualTo(1);
        clock.advance(OpenIdProvider.REUSED_BY_SIGN_INS);
        sso.begin("/meetings.html");
        assertThat(provider.discoveryReads()).isEqualTo(2);
    }

    @Test
    void aSignInCookieThatWasAlteredCutOrSealedByAnotherServiceIsExpired() throws Exception {
        SingleSignOn.Redirect redirect = sso.begin("/meetings.html");
        SingleSignOn.Callback answer = answer(redirect, query(redirect.authorizationUri()).get("nonce"));
        String cookie = redirect.cookie();
        char flipped = cookie.charAt(20) == 'A' ? 'B' : 'A';
        SingleSignOn other = SingleSignOn.of(provider.settings(Optional.of("/vestibule-users")), POLICY, random, clock);

        assertRefused(cookie.substring(0, 20) + flipped + cookie.substring(21), answer, Reason.EXPIRED);
        assertRefused(cookie.substring(0, cookie.length() - 1), answer, Reason.EXPIRED);
        assertRefused("not base64 at all!", answer, Reason.EXPIRED);
        assertRefused("A".repeat(5000), answer, Reason.EXPIRED);
        assertThatExceptionOfType(SsoRefused.class).isThrownBy(() -> other.complete(cookie, answer))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.EXPIRED));
        assertThat(cookie).as("the cookie reveals neither the page nor the verifier").doesNotContain("meetings")
                .hasSizeLessThan(SealedSignIns.LONGEST_COOKIE);
        assertThat(sso.complete(cookie, answer).next()).isEqualTo("/meetings.html");
    }

    @Test
    void aProviderWithoutS256IsUnavailable() throws Exception {
        provider.withoutS256InDiscovery();

        assertThatExceptionOfType(SsoRefused.class).isThrownBy(() -> sso.begin("/meetings.html"))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    /** What the provider sends back after the person signed in: the request's state and a code for its challenge. */
    private SingleSignOn.Callback answer(SingleSignOn.Redirect redirect, String nonce) {
        Map<String, String> query = query(redirect.authorizationUri());
        String code = provider.issueCode(query.get("code_challenge"), provider.sign(provider.idTokenClaims(nonce).build()));
        return new SingleSignOn.Callback(code, query.get("state"), provider.issuer(), null);
    }

    private void assertRefused(String handle, SingleSignOn.Callback callback, Reason expected) {
        assertThatExceptionOfType(SsoRefused.class)
                .isThrownBy(() -> sso.complete(handle, callback))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(expected));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
