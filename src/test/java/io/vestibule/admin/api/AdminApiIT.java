package io.vestibule.admin.api;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.OnAdminClientCa;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.Servers;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API against the built jar, on its own listener (R-ADM-1..7): the bootstrap administrator, demo
 * directory administrators (dave: Read-write, carol: Auditor), permissions, CSRF, session fixation and limits,
 * local accounts and roles, and client-certificate sign-in over real TLS. Its service ({@link OnAdminClientCa}) is
 * shared with {@code AdminListenerIT}'s handshakes with a client CA file.
 */
@ExtendWith(ServerResolver.class)
class AdminApiIT {
    private static final String BOOTSTRAP_PASSWORD = Servers.ADMIN_CLIENT_CA_BOOTSTRAP_PASSWORD;
    private static final String ADMIN_PASSWORD = "Chosen-Admin-Pass-1";
    private static final TestCertificates.Issued ADMIN_CA = Servers.ADMIN_CLIENT_CA;
    private static final TestCertificates.Issued OTHER_CA = TestCertificates.authority("CN=Someone else's CA");
    /** A certificate of the first administrator that the operator's CRL file lists as revoked. */
    private static final TestCertificates.Issued REVOKED = Servers.REVOKED_ADMIN_CERTIFICATE;
    private static final TestCertificates.Issued STORE_CA = Servers.ADMIN_CLIENT_STORE_CA;

    private static VestibuleServer server;

    /** The shared service's bootstrap administrator is this class's to sign in first: no other class signs it in. */
    @BeforeAll
    static void start(@OnAdminClientCa VestibuleServer shared) {
        server = shared;
        AdminClient first = server.newAdminClient();
        ApiResponse expired = first.login("admin", BOOTSTRAP_PASSWORD);
        assertThat(expired.status()).as(expired.toString()).isEqualTo(403);
        assertThat(expired.errorCode()).isEqualTo("password_expired");
        assertThat(expired.json().getString("changePassword")).isEqualTo("/admin/api/v1/auth/password");
        ApiResponse weak = first.changeExpiredPassword("admin", BOOTSTRAP_PASSWORD, "weakpass");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.errorCode()).isEqualTo("password_policy");
        assertThat(weak.json().getJsonArray("failed").getValuesAs(JsonString::getString)).contains("length", "uppercase", "digit", "special");
        ApiResponse changed = first.changeExpiredPassword("admin", BOOTSTRAP_PASSWORD, ADMIN_PASSWORD);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
    }

    private static AdminClient signedInAdmin;

    /** One session for the whole class: the administrator's own sessions are limited to 10. */
    private static synchronized AdminClient admin() {
        if (signedInAdmin == null) {
            signedInAdmin = server.newAdminClient().signIn("admin", ADMIN_PASSWORD);
        }
        return signedInAdmin;
    }

    private static AdminClient directoryAdministrator(String username) {
        return server.newAdminClient().signIn(username, server.demoPassword());
    }

    @Test
    void theBannerIsServedBeforeSignIn() {
        ApiResponse banner = server.newAdminClient().get("/banner");
        assertThat(banner.status()).isEqualTo(200);
        assertThat(banner.json().getString("banner")).containsIgnoringCase("authorised");
        assertThat(banner.json().getBoolean("passwordLogin")).isTrue();
        assertThat(banner.json().getBoolean("setupRequired")).as("the bootstrap password made the first administrator").isFalse();
        assertThat(server.newAdminClient().get("/me").errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void theFirstAdministratorHoldsReadWrite() {
        JsonObject me = admin().get("/me").json();
        assertThat(me.getString("source")).isEqualTo("local");
        assertThat(me.getJsonArray("roles").getValuesAs(JsonString::getString)).containsExactly("Read-write");
        assertThat(me.getJsonArray("permissions").getValuesAs(JsonString::getString))
                .contains("manage_accounts", "change_configuration").doesNotContain("view_logs", "view_cdrs");
        assertThat(me.getString("passwordExpiresAt")).isNotBlank();
    }

    @Test
    void aReadWriteAdministratorIsRefusedLogsAndCallRecords() {
        AdminClient dave = directoryAdministrator("dave");
        assertThat(dave.get("/me").json().getString("source")).isEqualTo("ldap");
        assertThat(dave.get("/settings").status()).isEqualTo(200);
        assertThat(dave.get("/audit").errorCode()).isEqualTo("forbidden");
        assertThat(dave.get("/cdrs").errorCode()).isEqualTo("forbidden");
        assertThat(dave.get("/cdrs/" + java.util.UUID.randomUUID()).errorCode()).isEqualTo("forbidden");
        assertThat(dave.post("/cdrs/export", Json.createObjectBuilder().build()).errorCode()).isEqualTo("forbidden");
    }

    @Test
    void anAuditorIsRefusedSettingsChangesButReadsTheAuditLog() {
        directoryAdministrator("dave").get("/audit");
        AdminClient carol = directoryAdministrator("carol");
        ApiResponse change = carol.put("/settings", Json.createObjectBuilder().add("banner", "Changed by an auditor").build());
        assertThat(change.status()).isEqualTo(403);
        assertThat(change.errorCode()).isEqualTo("forbidden");
        assertThat(carol.post("/users", Json.createObjectBuilder().add("username", "x").add("password", "Given-x-Pass-12345")
                .add("roles", Json.createArrayBuilder().add("Read-only")).build()).errorCode())
                .as("an Auditor manages Auditors only").isEqualTo("permission_not_held");
        assertThat(carol.get("/settings").errorCode()).as("the Auditor does not read the configuration either").isEqualTo("forbidden");
        assertThat(server.newAdminClient().get("/banner").json().getString("banner")).doesNotContain("Changed by an auditor");

        ApiResponse audit = carol.get("/audit?type=access.refused");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        assertThat(audit.body()).contains("dave (ldap)").contains("GET audit needs view_logs").contains("carol (ldap)");
        assertThat(carol.get("/cdrs").status()).as("the Auditor searches call records").isEqualTo(200);
    }

    @Test
    void aStateChangeWithoutTheCsrfTokenIsRefused() {
        AdminClient admin = admin();
        JsonObject idle = Json.createObjectBuilder().add("sessionIdleMinutes", 5).build();
        assertThat(admin.withoutCsrf("PUT", "/settings", idle).errorCode()).isEqualTo("csrf");
        assertThat(admin.put("/settings", idle).status()).isEqualTo(200);
    }

    @Test
    void aSessionIdPlantedBeforeSignInIsWorthlessAfterwards() {
        AdminClient victim = server.newAdminClient();
        String planted = "__Host-vestibule-admin=planted-by-an-attacker-0123456789abcdefghijklmn";
        victim.useSessionCookie(planted);
        assertThat(victim.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        assertThat(victim.sessionCookie()).isNotEqualTo(planted);

        AdminClient attacker = server.newAdminClient();
        attacker.useSessionCookie(planted);
        assertThat(attacker.get("/me").errorCode()).isEqualTo("unauthenticated");

        String first = victim.sessionCookie();
        assertThat(victim.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        attacker.useSessionCookie(first);
        assertThat(attacker.get("/me").errorCode()).as("signing in again ends the session the browser held").isEqualTo("unauthenticated");
    }

    @Test
    void theEleventhSessionOfOneAdministratorIsRefusedWithAClearMessage() {
        String password = localAccount("limits", "Read-only");
        for (int i = 0; i < 10; i++) {
            assertThat(server.newAdminClient().login("limits", password).status()).isEqualTo(200);
        }
        ApiResponse eleventh = server.newAdminClient().login("limits", password);
        assertThat(eleventh.status()).isEqualTo(403);
        assertThat(eleventh.errorCode()).isEqualTo("session_limit");
        assertThat(eleventh.json().getString("message")).contains("sessions");
    }

    @Test
    void logoutEndsTheSession() {
        AdminClient admin = server.newAdminClient().signIn("admin", ADMIN_PASSWORD);
        assertThat(admin.post("/auth/logout", Json.createObjectBuilder().build()).status()).isEqualTo(204);
        assertThat(admin.get("/me").errorCode()).isEqualTo("unauthenticated");
    }

    @Test
    void controlCharactersAreRefusedNamingTheFieldWhileTheBannerKeepsItsLines() {
        AdminClient admin = admin();
        String before = admin.get("/settings").json().getString("banner");
        try {
            ApiResponse lines = admin.put("/settings", Json.createObjectBuilder().add("banner", "Authorised use only.\nActivity is logged.").build());
            assertThat(lines.status()).as(lines.toString()).isEqualTo(200);
            assertThat(server.newAdminClient().get("/banner").json().getString("banner")).isEqualTo("Authorised use only.\nActivity is logged.");

            assertRefusedForControlCharacters(admin.put("/settings", Json.createObjectBuilder().add("banner", "Authorised\u0000 use only.").build()), "banner");
            assertRefusedForControlCharacters(admin.post("/roles", Json.createObjectBuilder().add("name", "Desk\u001b[2J")
                    .add("permissions", Json.createArrayBuilder().add("view_alarms")).build()), "name");
            assertRefusedForControlCharacters(admin.post("/users", Json.createObjectBuilder().add("username", "desk\u0000")
                    .add("password", "Another-Pass-123").add("roles", Json.createArrayBuilder().add("Read-only")).build()), "username");
        } finally {
            admin.put("/settings", Json.createObjectBuilder().add("banner", before).build());
        }
    }

    private static void assertRefusedForControlCharacters(ApiResponse response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.json().getString("field")).isEqualTo(field);
        assertThat(response.json().getString("reason")).isEqualTo("control_characters");
    }

    @Test
    void customRolesLocalAccountsAndTheirRefusals() {
        AdminClient admin = admin();
        ApiResponse shadow = admin.post("/roles", Json.createObjectBuilder().add("name", "Shadow auditor")
                .add("permissions", Json.createArrayBuilder().add("view_alarms").add("view_cdrs")).build());
        assertThat(shadow.status()).isEqualTo(400);
        assertThat(shadow.json().getString("field")).isEqualTo("permissions");

        ApiResponse role = admin.post("/roles", Json.createObjectBuilder().add("name", "Alarm desk")
                .add("permissions", Json.createArrayBuilder().add("view_alarms")).build());
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        String roleId = role.json().getString("id");
        String readOnly = admin.get("/roles").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals("Read-only")).findFirst().orElseThrow().getString("id");
        assertThat(admin.put("/roles/" + readOnly, Json.createObjectBuilder().add("name", "Mine")
                .add("permissions", Json.createArrayBuilder().add("view_alarms")).build()).errorCode()).isEqualTo("built_in");

        String password = localAccount("deskuser", "Alarm desk");
        AdminClient desk = server.newAdminClient().signIn("deskuser", password);
        assertThat(desk.get("/alarms").status()).isEqualTo(200);
        assertThat(desk.get("/users").errorCode()).isEqualTo("forbidden");

        assertThat(admin.delete("/roles/" + roleId).errorCode()).isEqualTo("role_in_use");
        assertThat(admin.post("/users", Json.createObjectBuilder().add("username", "DESKUSER").add("password", "Another-Pass-123")
                .add("roles", Json.createArrayBuilder().add("Read-only")).build()).errorCode()).isEqualTo("username_taken");
        String deskId = account("deskuser").getString("id");
        assertThat(admin.delete("/users/" + deskId).status()).isEqualTo(204);
        assertThat(desk.get("/alarms").errorCode()).as("the deleted account's session is over").isEqualTo("unauthenticated");
        assertThat(admin.delete("/roles/" + roleId).status()).isEqualTo(204);

        String adminId = account("admin").getString("id");
        assertThat(admin.put("/users/" + adminId, Json.createObjectBuilder().add("roles", Json.createArrayBuilder().add("Read-only")).build())
                .errorCode()).as("nobody changes their own roles").isEqualTo("own_grants");
        assertThat(directoryAdministrator("dave").put("/users/" + adminId, Json.createObjectBuilder()
                .add("roles", Json.createArrayBuilder().add("Read-only")).build()).errorCode()).isEqualTo("last_administrator");
    }

    @Test
    void clientCertificatesNameAdministratorsByCommonNameOrUserPrincipalName() {
        AdminClient admin = admin();
        {
            assertThat(admin.put("/settings", Json.createObjectBuilder().add("clientCertificate", "subject_cn").build()).status()).isEqualTo(200);
            assertThat(server.newAdminClient().get("/banner").json().getBoolean("passwordLogin")).isFalse();
            assertThat(server.newAdminClient().login("admin", ADMIN_PASSWORD).errorCode()).isEqualTo("certificate_required");

            AdminClient byCn = server.newAdminClient(TestCertificates.administrator(ADMIN_CA, "admin", Optional.empty()));
            assertThat(byCn.loginWithCertificate().status()).isEqualTo(200);
            assertThat(byCn.get("/me").json().getString("username")).isEqualTo("admin");

            AdminClient daveByCn = server.newAdminClient(TestCertificates.administrator(ADMIN_CA, "dave", Optional.empty()));
            assertThat(daveByCn.loginWithCertificate().status()).isEqualTo(200);
            assertThat(daveByCn.get("/me").json().getString("source")).isEqualTo("ldap");

            assertThat(server.newAdminClient(TestCertificates.administrator(ADMIN_CA, "mallory", Optional.empty())).loginWithCertificate()
                    .errorCode()).isEqualTo("certificate_unknown");
            assertThat(server.newAdminClient().loginWithCertificate().errorCode()).isEqualTo("certificate_missing");
            ApiResponse revoked = server.newAdminClient(REVOKED).loginWithCertificate();
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(401);
            assertThat(revoked.errorCode()).isEqualTo("certificate_revoked");
            assertThat(foreignCertificateSignIn()).as("a certificate of another CA is refused at the handshake, or never offered").isNotEqualTo(200);

            assertThat(byCn.put("/settings", Json.createObjectBuilder().add("clientCertificate", "subject_alt_name_upn").build()).status())
                    .isEqualTo(200);
            AdminClient daveByUpn = server.newAdminClient(TestCertificates.administrator(ADMIN_CA, "not dave", Optional.of("dave@demo.vestibule.local")));
            assertThat(daveByUpn.loginWithCertificate().status()).isEqualTo(200);
            assertThat(daveByUpn.get("/me").json().getString("username")).isEqualTo("dave");
            assertThat(server.newAdminClient(TestCertificates.administrator(ADMIN_CA, "dave", Optional.empty())).loginWithCertificate()
                    .errorCode()).isEqualTo("certificate_unknown");
            assertThat(byCn.put("/settings", Json.createObjectBuilder().add("clientCertificate", "not_required").build()).status())
                    .isEqualTo(200);
        }
        assertThat(server.newAdminClient().get("/banner").json().getBoolean("passwordLogin")).isTrue();
        assertThat(directoryAdministrator("carol").get("/audit?type=admin.login&outcome=failure&limit=1000").jsonArray()
                .getValuesAs(JsonObject.class)).as("the revoked certificate's refusal is audited with its reason")
                .anySatisfy(event -> assertThat(event.getString("detail")).contains("certificate_revoked")
                        .contains(REVOKED.certificate().getSerialNumber().toString(16)));
    }

    /**
     * The service is shared ({@link OnAdminClientCa}): the test leaves it as it found it, with neither the CA nor its
     * CRL in the trust store and the sign-in setting as before, whatever assertion fails.
     */
    @Test
    void aCrlImportedIntoTheTrustStoreRevokesACertificateThatNoOtherSourceAnswersFor() {
        TestCertificates.Issued good = TestCertificates.administrator(STORE_CA, "admin", Optional.empty());
        TestCertificates.Issued revoked = TestCertificates.administrator(STORE_CA, "admin", Optional.empty());
        String crl = TestCertificates.crlPem(TestCertificates.crl(STORE_CA, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)),
                revoked.certificate().getSerialNumber()));
        AdminClient admin = admin();
        String settingBefore = admin.get("/settings").json().getString("clientCertificate");
        assertThat(admin.get("/trust-store").jsonArray().getValuesAs(JsonObject.class)).as("no other test left this CA in the trust store")
                .noneSatisfy(held -> assertThat(held.getString("subject")).isEqualTo(STORE_CA.certificate().getSubjectX500Principal().getName()));
        assertThat(admin.put("/settings", Json.createObjectBuilder().add("clientCertificate", "subject_cn").build()).status()).isEqualTo(200);
        AdminClient byCertificate = server.newAdminClient(good);
        String caId = null;
        String crlId = null;
        try {
            ApiResponse unknown = server.newAdminClient(revoked).loginWithCertificate();
            assertThat(unknown.status()).as("no source answers yet: fail closed " + unknown).isEqualTo(503);
            assertThat(unknown.errorCode()).isEqualTo("certificate_revocation_unknown");

            ApiResponse imported = admin.post("/trust-store", Json.createObjectBuilder()
                    .add("pem", PemFiles.toPem(List.of(STORE_CA.certificate())) + crl).build());
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            JsonObject importedCa = imported.json().getJsonArray("results").getJsonObject(0);
            assertThat(importedCa.getString("result")).isEqualTo("imported");
            caId = importedCa.getString("id");
            JsonObject importedCrl = imported.json().getJsonArray("crls").getJsonObject(0);
            assertThat(importedCrl.getString("result")).isEqualTo("imported");
            crlId = importedCrl.getString("id");

            ApiResponse refused = server.newAdminClient(revoked).loginWithCertificate();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("certificate_revoked");
            assertThat(byCertificate.loginWithCertificate().status()).as("the CRL does not list it").isEqualTo(200);

            assertThat(byCertificate.delete("/trust-store/crls/" + crlId).status()).isEqualTo(204);
            crlId = null;
            assertThat(server.newAdminClient(revoked).loginWithCertificate().errorCode()).as("the CRL was the only source")
                    .isEqualTo("certificate_revocation_unknown");
        } finally {
            if (crlId != null) {
                admin.delete("/trust-store/crls/" + crlId);
            }
            if (caId != null) {
                admin.delete("/trust-store/" + caId);
            }
            admin.put("/settings", Json.createObjectBuilder().add("clientCertificate", settingBefore).build());
        }
        assertThat(admin.get("/settings").json().getString("clientCertificate")).isEqualTo(settingBefore);
        assertThat(admin.get("/trust-store/crls").jsonArray()).isEmpty();
        assertThat(admin.get("/trust-store").jsonArray().getValuesAs(JsonObject.class)).extracting(held -> held.getString("id"))
                .doesNotContain(caId);
        assertThat(directoryAdministrator("carol").get("/audit?type=admin.login&outcome=failure&limit=1000").jsonArray()
                .getValuesAs(JsonObject.class)).anySatisfy(event -> assertThat(event.getString("detail")).contains("certificate_revoked")
                        .contains("the trust store's CRL").contains(revoked.certificate().getSerialNumber().toString(16)));
    }

    /**
     * Java's client offers only a certificate whose issuer the server's certificate request names, so a foreign one
     * is usually not even sent; when it is, the handshake fails.
     */
    private static int foreignCertificateSignIn() {
        try {
            return server.newAdminClient(TestCertificates.administrator(OTHER_CA, "admin", Optional.empty())).loginWithCertificate().status();
        } catch (UncheckedIOException refusedAtHandshake) {
            return -1;
        }
    }

    /** Creates a local account with the given role, and changes its administrator-chosen password as its holder must. */
    private static String localAccount(String username, String role) {
        String given = "Given-" + username + "-Pass-1";
        ApiResponse created = admin().post("/users", Json.createObjectBuilder().add("username", username).add("password", given)
                .add("roles", Json.createArrayBuilder().add(role)).build());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getBoolean("mustChangePassword")).isTrue();
        AdminClient holder = server.newAdminClient();
        assertThat(holder.login(username, given).errorCode()).isEqualTo("password_expired");
        String chosen = "Chosen-" + username + "-Pass-1";
        assertThat(holder.changeExpiredPassword(username, given, chosen).status()).isEqualTo(204);
        return chosen;
    }

    private static JsonObject account(String username) {
        return admin().get("/users").jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(user -> user.getString("username").equals(username)).findFirst().orElseThrow();
    }
}
