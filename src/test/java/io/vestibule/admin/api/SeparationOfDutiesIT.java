package io.vestibule.admin.api;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vestibule.testing.AdminClient;
import io.vestibule.testing.ApiResponse;
import io.vestibule.testing.AuditRecords;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Separation of duties on the built jar (R-ADM-4, issue findings for Read-write, Read-only and a custom role): no
 * operator reaches the Auditor's powers through accounts, roles or role mappings, the directory's stored password
 * goes only to its own server, alarms do not repeat typed user names, and every admin endpoint answers every role
 * as one table says.
 */
class SeparationOfDutiesIT {
    private static final String BOOTSTRAP_PASSWORD = "Bootstrap-Pass-2026!";
    private static final String ADMIN_PASSWORD = "Chosen-Admin-Pass-1";
    private static final String ADMINS_GROUP = "CN=vestibule-admins,OU=Groups,DC=demo,DC=vestibule,DC=local";

    private static VestibuleServer server;
    private static AdminClient admin;
    private static AdminClient dave;
    private static AdminClient carol;
    private static String auditorId;

    @BeforeAll
    static void start() {
        server = VestibuleServer.start("separation-of-duties", Map.of("VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD), () -> { });
        AdminClient first = server.newAdminClient();
        assertThat(first.changeExpiredPassword("admin", BOOTSTRAP_PASSWORD, ADMIN_PASSWORD).status()).isEqualTo(204);
        admin = server.newAdminClient().signIn("admin", ADMIN_PASSWORD);
        dave = server.newAdminClient().signIn("dave", server.demoPassword());
        carol = server.newAdminClient().signIn("carol", server.demoPassword());

        ApiResponse auditor = carol.post("/users", account("audrey", "Auditor"));
        assertThat(auditor.status()).as("an Auditor creates an Auditor: " + auditor).isEqualTo(201);
        auditorId = auditor.json().getString("id");
        ApiResponse desk = admin.post("/roles", Json.createObjectBuilder().add("name", "Account desk")
                .add("permissions", Json.createArrayBuilder().add("manage_accounts").add("view_configuration")).build());
        assertThat(desk.status()).as(desk.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReadWriteAdministratorCannotMapItsGroupNorTheAuditorsToAuditor() {
        ApiResponse selfGrant = dave.post("/role-mappings", Json.createObjectBuilder().add("name", "More for us")
                .add("groupDn", ADMINS_GROUP).add("roles", Json.createArrayBuilder().add("Auditor")).build());
        assertThat(selfGrant.status()).as(selfGrant.toString()).isEqualTo(403);
        assertThat(selfGrant.errorCode()).isEqualTo("own_grants");
        ApiResponse otherGroup = dave.post("/role-mappings", Json.createObjectBuilder().add("name", "Friends")
                .add("groupDn", "CN=friends,DC=demo,DC=vestibule,DC=local").add("roles", Json.createArrayBuilder().add("Auditor")).build());
        assertThat(otherGroup.errorCode()).isEqualTo("permission_not_held");
        assertThat(dave.get("/me").json().getJsonArray("roles").getValuesAs(JsonString::getString)).containsExactly("Read-write");
        assertThat(dave.get("/audit").errorCode()).isEqualTo("forbidden");

        String auditorsMapping = mappingId("Demo auditors");
        ApiResponse toOwnGroup = dave.put("/role-mappings/" + auditorsMapping, Json.createObjectBuilder().add("name", "Demo auditors")
                .add("groupDn", ADMINS_GROUP).add("roles", Json.createArrayBuilder().add("Auditor")).build());
        assertThat(toOwnGroup.errorCode()).isEqualTo("own_grants");
        ApiResponse demote = dave.put("/role-mappings/" + auditorsMapping, Json.createObjectBuilder().add("name", "Demo auditors")
                .add("groupDn", "CN=vestibule-auditors,OU=Groups,DC=demo,DC=vestibule,DC=local")
                .add("roles", Json.createArrayBuilder().add("Read-only")).build());
        assertThat(demote.errorCode()).isEqualTo("permission_not_held");
        assertThat(dave.delete("/role-mappings/" + auditorsMapping).errorCode()).isEqualTo("permission_not_held");
        assertThat(carol.get("/audit").status()).as("the real Auditor keeps the audit log").isEqualTo(200);
        assertThat(refusals("admin.role-mapping.create")).as("each refusal is audited").anySatisfy(event -> assertThat(event.getString("actor")).startsWith("dave"));
        assertThat(refusals("admin.role-mapping.delete")).isNotEmpty();
    }

    @Test
    void aLocalReadWriteAdministratorCannotGrantItselfNorCreateAnAuditor() {
        String ownId = accountId("admin");
        ApiResponse selfGrant = admin.put("/users/" + ownId, Json.createObjectBuilder()
                .add("roles", Json.createArrayBuilder().add("Read-write").add("Auditor")).build());
        assertThat(selfGrant.errorCode()).isEqualTo("own_grants");
        assertThat(admin.post("/users", account("mallory", "Auditor")).errorCode()).isEqualTo("permission_not_held");
        assertThat(admin.get("/audit").errorCode()).isEqualTo("forbidden");
    }

    @Test
    void noOperatorResetsNorDeletesAnAuditorsAccount() {
        ApiResponse reset = dave.put("/users/" + auditorId, Json.createObjectBuilder().add("password", "Taken-Over-Pass-1").build());
        assertThat(reset.errorCode()).as(reset.toString()).isEqualTo("permission_not_held");
        assertThat(admin.put("/users/" + auditorId, Json.createObjectBuilder().add("certificateOnly", true).build()).errorCode())
                .isEqualTo("permission_not_held");
        assertThat(dave.delete("/users/" + auditorId).errorCode()).isEqualTo("permission_not_held");
        assertThat(server.newAdminClient().login("audrey", "Taken-Over-Pass-1").status()).isEqualTo(401);
        assertThat(carol.get("/users/" + auditorId).status()).as("the account is still there").isEqualTo(200);
    }

    @Test
    void aReadOnlyAdministratorManagesNothing() {
        AdminClient viewer = signedInLocal("viewer", "Read-only");
        assertThat(viewer.post("/role-mappings", Json.createObjectBuilder().add("name", "Mine").add("groupDn", ADMINS_GROUP)
                .add("roles", Json.createArrayBuilder().add("Auditor")).build()).errorCode()).isEqualTo("forbidden");
        assertThat(viewer.put("/users/" + auditorId, Json.createObjectBuilder().add("password", "Taken-Over-Pass-1").build()).errorCode())
                .isEqualTo("forbidden");
        assertThat(viewer.put("/users/" + accountId("viewer"), Json.createObjectBuilder()
                .add("roles", Json.createArrayBuilder().add("Read-write")).build()).errorCode()).isEqualTo("forbidden");
    }

    @Test
    void aCustomRoleCannotWidenItselfNorReachTheAuditor() {
        AdminClient desk = signedInLocal("desk", "Account desk");
        String deskRole = roleId("Account desk");
        ApiResponse widen = desk.put("/roles/" + deskRole, Json.createObjectBuilder().add("name", "Account desk")
                .add("permissions", Json.createArrayBuilder().add("manage_accounts").add("view_configuration").add("change_configuration")).build());
        assertThat(widen.errorCode()).as(widen.toString()).isEqualTo("own_grants");
        assertThat(admin.get("/roles/" + deskRole).json().getJsonArray("permissions").getValuesAs(JsonString::getString))
                .doesNotContain("change_configuration");
        assertThat(desk.post("/role-mappings", Json.createObjectBuilder().add("name", "Desk auditors").add("groupDn", ADMINS_GROUP)
                .add("roles", Json.createArrayBuilder().add("Auditor")).build()).errorCode()).isEqualTo("forbidden");
        assertThat(desk.post("/users", account("deskhand", "Read-write")).errorCode())
                .as("nor grant a role holding what it lacks").isEqualTo("permission_not_held");
        assertThat(desk.put("/users/" + auditorId, Json.createObjectBuilder().add("password", "Taken-Over-Pass-1").build()).errorCode())
                .isEqualTo("permission_not_held");
    }

    @Test
    void theStoredDirectoryPasswordGoesOnlyToItsOwnServer() throws IOException {
        try (ServerSocket rogue = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String rogueUrl = "ldap://127.0.0.1:" + rogue.getLocalPort();
            ApiResponse test = dave.post("/ldap/test", Json.createObjectBuilder().add("url", rogueUrl).add("transport", "none")
                    .add("allowInsecureTransport", true).build());
            assertThat(test.status()).as(test.toString()).isEqualTo(400);
            assertThat(test.errorCode()).isEqualTo("password_required");
            ApiResponse change = dave.put("/ldap", Json.createObjectBuilder().add("url", rogueUrl).add("transport", "none")
                    .add("allowInsecureTransport", true).build());
            assertThat(change.errorCode()).isEqualTo("password_required");
            rogue.setSoTimeout(100);
            // Both requests have been answered, so any connection they made is already waiting in the backlog.
            try {
                rogue.accept().close();
                throw new AssertionError("the service connected to the rogue server");
            } catch (SocketTimeoutException nothingConnected) {
                assertThat(dave.get("/ldap").json().getString("url")).isNotEqualTo(rogueUrl);
            }
        }
        ApiResponse sameServer = dave.post("/ldap/test", Json.createObjectBuilder().build());
        assertThat(sameServer.json().getBoolean("ok")).as("the directory in force still tests with its stored password: " + sameServer).isTrue();

        String url = dave.get("/ldap").json().getString("url");
        ApiResponse savedAgain = dave.put("/ldap", Json.createObjectBuilder().add("url", url).build());
        assertThat(savedAgain.status()).as("the settings in force, saved again with the stored password: " + savedAgain).isEqualTo(200);
        assertThat(AuditRecords.of(server)).as("the change is audited (issue 18)")
                .anySatisfy(event -> assertThat(event).containsEntry("type", "admin.ldap.change").containsEntry("outcome", "success"));
    }

    @Test
    void alarmsNameAccountsThatExistAndNotWhatWasTypedOtherwise() {
        for (String typed : List.of("carol-pa55word!", "bob")) {
            for (int attempt = 1; attempt <= 11; attempt++) {
                server.newClient().from("198.51.100." + attempt).login(typed, "wrong-" + attempt);
            }
        }
        String alarms = dave.get("/alarms").body();
        assertThat(alarms).contains("an unknown account").contains("account bob").doesNotContain("pa55word");
        String blocks = dave.get("/blocks").body();
        assertThat(blocks).contains("\"subject\":\"bob\"").doesNotContain("pa55word");
    }

    /** Who signs in for each column of the matrix. */
    private enum Holder {
        READ_ONLY, READ_WRITE, AUDITOR, CUSTOM
    }

    private static final Set<Holder> ALL = EnumSet.allOf(Holder.class);
    private static final Set<Holder> OPERATORS = EnumSet.of(Holder.READ_ONLY, Holder.READ_WRITE);
    private static final Set<Holder> CONFIGURATION_READERS = EnumSet.of(Holder.READ_ONLY, Holder.READ_WRITE, Holder.CUSTOM);
    private static final Set<Holder> ACCOUNT_READERS = EnumSet.allOf(Holder.class);
    private static final Set<Holder> ACCOUNT_MANAGERS = EnumSet.of(Holder.READ_WRITE, Holder.CUSTOM, Holder.AUDITOR);
    private static final Set<Holder> AUDITOR = EnumSet.of(Holder.AUDITOR);
    private static final Set<Holder> OPEN = EnumSet.noneOf(Holder.class);

    /** Every admin endpoint and who may call it; {@link #OPEN} marks those answered before sign-in. */
    private static final Map<String, Set<Holder>> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("GET /banner", OPEN);
        MATRIX.put("POST /setup", OPEN);
        MATRIX.put("POST /auth/login", OPEN);
        MATRIX.put("POST /auth/certificate", OPEN);
        MATRIX.put("POST /auth/password", OPEN);
        MATRIX.put("GET /me", ALL);
        MATRIX.put("GET /audit", AUDITOR);
        MATRIX.put("GET /audit/export", AUDITOR);
        MATRIX.put("GET /audit/integrity", AUDITOR);
        MATRIX.put("GET /alarms", OPERATORS);
        MATRIX.put("GET /blocks", OPERATORS);
        MATRIX.put("POST /blocks/lift", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /certificates", CONFIGURATION_READERS);
        MATRIX.put("POST /certificates", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("DELETE /certificates/{id}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /certificates/requests", CONFIGURATION_READERS);
        MATRIX.put("POST /certificates/requests", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /certificates/requests/{id}/csr", CONFIGURATION_READERS);
        MATRIX.put("DELETE /certificates/requests/{id}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("POST /certificates/requests/{id}/certificate", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /certificates/assignments", CONFIGURATION_READERS);
        MATRIX.put("PUT /certificates/assignments", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("DELETE /certificates/assignments/{listener}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /cdrs", AUDITOR);
        MATRIX.put("GET /cdrs/status", AUDITOR);
        MATRIX.put("GET /cdrs/{sequence}", AUDITOR);
        MATRIX.put("POST /cdrs/export", AUDITOR);
        MATRIX.put("POST /cdrs/verify", AUDITOR);
        MATRIX.put("GET /keys", CONFIGURATION_READERS);
        MATRIX.put("POST /keys/rotate", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /ldap", CONFIGURATION_READERS);
        MATRIX.put("PUT /ldap", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("POST /ldap/test", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /role-mappings", ACCOUNT_READERS);
        MATRIX.put("GET /role-mappings/{id}", ACCOUNT_READERS);
        MATRIX.put("POST /role-mappings", EnumSet.of(Holder.READ_WRITE, Holder.AUDITOR));
        MATRIX.put("PUT /role-mappings/{id}", EnumSet.of(Holder.READ_WRITE, Holder.AUDITOR));
        MATRIX.put("DELETE /role-mappings/{id}", EnumSet.of(Holder.READ_WRITE, Holder.AUDITOR));
        MATRIX.put("GET /permissions", ACCOUNT_READERS);
        MATRIX.put("GET /roles", ACCOUNT_READERS);
        MATRIX.put("GET /roles/{id}", ACCOUNT_READERS);
        MATRIX.put("POST /roles", EnumSet.of(Holder.READ_WRITE, Holder.CUSTOM));
        MATRIX.put("PUT /roles/{id}", EnumSet.of(Holder.READ_WRITE, Holder.CUSTOM));
        MATRIX.put("DELETE /roles/{id}", EnumSet.of(Holder.READ_WRITE, Holder.CUSTOM));
        MATRIX.put("GET /settings", CONFIGURATION_READERS);
        MATRIX.put("PUT /settings", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /media-settings", CONFIGURATION_READERS);
        MATRIX.put("PUT /media-settings", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /join-settings", CONFIGURATION_READERS);
        MATRIX.put("PUT /join-settings", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /join-block", CONFIGURATION_READERS);
        MATRIX.put("PUT /join-block/{language}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("DELETE /join-block/{language}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("POST /join-block/{language}/preview", CONFIGURATION_READERS);
        MATRIX.put("GET /rooms", OPERATORS);
        MATRIX.put("GET /rooms/{id}", OPERATORS);
        MATRIX.put("GET /rooms/live", OPERATORS);
        MATRIX.put("PUT /rooms/{id}/newcomers-wait-for-admission", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("PUT /rooms/{id}/participant-limit", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("POST /rooms/{id}/close", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /users", ACCOUNT_READERS);
        MATRIX.put("GET /users/{id}", ACCOUNT_READERS);
        MATRIX.put("POST /users", ACCOUNT_MANAGERS);
        MATRIX.put("PUT /users/{id}", ACCOUNT_MANAGERS);
        MATRIX.put("DELETE /users/{id}", ACCOUNT_MANAGERS);
        MATRIX.put("GET /syslog", CONFIGURATION_READERS);
        MATRIX.put("PUT /syslog", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("POST /syslog/test", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /crypto-policy", ALL);
        MATRIX.put("GET /integrations", CONFIGURATION_READERS);
        MATRIX.put("POST /integrations", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("DELETE /integrations/{id}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /trust-store", CONFIGURATION_READERS);
        MATRIX.put("GET /trust-store/ca-certificates.pem", CONFIGURATION_READERS);
        MATRIX.put("POST /trust-store", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("DELETE /trust-store/{fingerprint}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("GET /trust-store/crls", CONFIGURATION_READERS);
        MATRIX.put("POST /trust-store/crls", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("DELETE /trust-store/crls/{fingerprint}", EnumSet.of(Holder.READ_WRITE));
        MATRIX.put("POST /auth/logout", ALL);
    }

    @Test
    void everyAdminEndpointAnswersEveryRoleAsTheTableSays() {
        assertThat(new TreeSet<>(MATRIX.keySet())).as("a row for every admin endpoint, and no row for one that is gone")
                .isEqualTo(new TreeSet<>(endpoints()));
        Map<Holder, AdminClient> clients = Map.of(
                Holder.READ_ONLY, signedInLocal("matrix-viewer", "Read-only"),
                Holder.READ_WRITE, server.newAdminClient().signIn("dave", server.demoPassword()),
                Holder.AUDITOR, server.newAdminClient().signIn("carol", server.demoPassword()),
                Holder.CUSTOM, signedInLocal("matrix-desk", "Account desk"));
        List<String> wrong = new ArrayList<>();
        // Sign-out ends the session the other rows need, so it is the table's last row.
        MATRIX.forEach((endpoint, allowed) -> {
            if (allowed == OPEN) {
                return;
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (Holder holder : Holder.values()) {
                AdminClient client = clients.get(holder);
                ApiResponse answer = switch (method) {
                    case "GET" -> client.get(path);
                    case "DELETE" -> client.delete(path);
                    case "POST" -> client.post(path, JsonObject.EMPTY_JSON_OBJECT);
                    default -> client.put(path, JsonObject.EMPTY_JSON_OBJECT);
                };
                boolean refused = answer.status() == 403 && "forbidden".equals(answer.errorCode());
                boolean expectRefusal = !allowed.contains(holder);
                if (refused != expectRefusal || answer.status() == 401 || answer.status() >= 500) {
                    wrong.add(endpoint + " as " + holder + ": " + answer.status() + " " + answer.body());
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** "METHOD /path" for every endpoint of the admin API, read from the resources themselves. */
    private static List<String> endpoints() {
        List<String> found = new ArrayList<>();
        for (Class<?> resource : AdminApplication.RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                        : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE"
                        : method.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                if (verb != null) {
                    String sub = method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "";
                    found.add(verb + " " + ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("(.)/$", "$1"));
                }
            }
        }
        return found;
    }

    private static JsonObject account(String username, String role) {
        return Json.createObjectBuilder().add("username", username).add("password", "Given-" + username + "-Pass-1")
                .add("roles", Json.createArrayBuilder().add(role)).build();
    }

    /** A local account created by the Read-write administrator, its given password changed, signed in. */
    private static AdminClient signedInLocal(String username, String role) {
        ApiResponse created = admin.post("/users", account(username, role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String chosen = "Chosen-" + username + "-Pass-1";
        assertThat(server.newAdminClient().changeExpiredPassword(username, "Given-" + username + "-Pass-1", chosen).status()).isEqualTo(204);
        return server.newAdminClient().signIn(username, chosen);
    }

    private static String accountId(String username) {
        return idOf("/users", "username", username);
    }

    private static String roleId(String name) {
        return idOf("/roles", "name", name);
    }

    private static String mappingId(String name) {
        return idOf("/role-mappings", "name", name);
    }

    /** The id of the entry of an admin list whose {@code field} is {@code value}. */
    private static String idOf(String list, String field, String value) {
        return admin.get(list).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(entry -> entry.getString(field).equals(value)).findFirst().orElseThrow().getString("id");
    }

    private static List<JsonObject> refusals(String type) {
        return carol.get("/audit?type=" + type).jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("outcome").equals("refused")).toList();
    }
}
