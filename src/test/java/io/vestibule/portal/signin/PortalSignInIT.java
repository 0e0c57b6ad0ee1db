package io.vestibule.portal.signin;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.PortalClient;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.SetCookie;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Portal sign-in against the demo directory over StartTLS, and the session that follows (API.md "Sessions"). */
@ExtendWith(ServerResolver.class)
class PortalSignInIT {
    private VestibuleServer server;

    @BeforeEach
    void connect(VestibuleServer server) {
        this.server = server;
    }

    @Test
    void signInGivesASecureHostOnlyStrictSessionCookieAndTheUser() {
        ApiResponse response = server.newClient().login("alice", server.demoPassword());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        SetCookie cookie = SetCookie.parse(response.header("set-cookie"));
        assertThat(cookie.name()).isEqualTo("__Host-vestibule-session");
        assertThat(cookie.value()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(cookie.attributes()).contains("secure", "httponly", "samesite=strict", "path=/");
        assertThat(cookie.attributes()).noneMatch(attribute -> attribute.startsWith("domain"));
        JsonObject user = response.json().getJsonObject("user");
        assertThat(user.getString("username")).isEqualTo("alice");
        assertThat(user.getString("displayName")).isEqualTo("Alice Martin");
        assertThat(user.getString("id")).isNotBlank();
        assertThat(response.json().getString("csrfToken")).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void meAnswersForTheSignedInUserOnly() {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());
        assertThat(alice.get("/api/v1/me").json().getString("username")).isEqualTo("alice");

        ApiResponse anonymous = server.newClient().get("/api/v1/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void wrongPasswordUnknownUserAndInjectionAreTheSameRefusal() {
        for (String[] attempt : new String[][] {
                {"alice", "not-" + server.demoPassword()},
                {"nobody", server.demoPassword()},
                {"*)(sAMAccountName=*", server.demoPassword()},
                {"*", server.demoPassword()}}) {
            ApiResponse response = server.newClient().login(attempt[0], attempt[1]);
            assertThat(response.status()).as(attempt[0] + ": " + response).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("invalid_credentials");
            assertThat(response.header("set-cookie")).isNull();
        }
    }

    @Test
    void aDirectoryUserOutsideThePortalGroupIsRefused() {
        ApiResponse carol = server.newClient().login("carol", server.demoPassword());

        assertThat(carol.status()).as(carol.toString()).isEqualTo(403);
        assertThat(carol.errorCode()).isEqualTo("forbidden");
    }

    @Test
    void anEmptyPasswordIsRefusedBeforeTheDirectorySeesIt() {
        ApiResponse response = server.newClient().sendWithoutCsrf("POST", "/api/v1/auth/login",
                Json.createObjectBuilder().add("username", "alice").add("password", "").build().toString());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("field")).isEqualTo("password");
    }

    @Test
    void signingInEndsWhateverSessionTheBrowserHeldBefore() {
        PortalClient browser = server.newClient().signIn("alice", server.demoPassword());
        String first = browser.sessionCookie();

        browser.signIn("alice", server.demoPassword());

        assertThat(browser.sessionCookie()).isNotEqualTo(first);
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
        PortalClient replay = server.newClient();
        replay.useSessionCookie(first);
        assertThat(replay.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aPlantedSessionCookieIsNeverAdopted() {
        PortalClient victim = server.newClient();
        victim.useSessionCookie("__Host-vestibule-session=chosen-by-the-attacker");

        victim.signIn("alice", server.demoPassword());

        assertThat(victim.sessionCookie()).isNotEqualTo("__Host-vestibule-session=chosen-by-the-attacker");
        PortalClient attacker = server.newClient();
        attacker.useSessionCookie("__Host-vestibule-session=chosen-by-the-attacker");
        assertThat(attacker.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void signOutNeedsTheCsrfTokenAndEndsTheSession() {
        PortalClient alice = server.newClient().signIn("alice", server.demoPassword());

        ApiResponse forged = alice.sendWithoutCsrf("POST", "/api/v1/auth/logout", null);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.errorCode()).isEqualTo("csrf");
        assertThat(alice.get("/api/v1/me").status()).isEqualTo(200);

        ApiResponse logout = alice.sendRaw("POST", "/api/v1/auth/logout", null);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(SetCookie.parse(logout.header("set-cookie")).attributes()).contains("max-age=0");
        assertThat(alice.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void unknownLoginFieldsAreRefusedNamingTheField() {
        ApiResponse response = server.newClient().sendWithoutCsrf("POST", "/api/v1/auth/login",
                "{\"username\":\"alice\",\"password\":\"x\",\"admin\":true}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().getString("field")).isEqualTo("admin");
    }
}
