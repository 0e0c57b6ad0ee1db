package io.vestibule.admin.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.syslog.DeliveryFailure;
import io.vestibule.audit.syslog.SyslogForwarder;
import io.vestibule.audit.syslog.SyslogForwarding;
import io.vestibule.audit.syslog.SyslogServer;
import io.vestibule.audit.syslog.SyslogSettings;
import io.vestibule.audit.syslog.SyslogTrust;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/** The syslog servers audit events are forwarded to (R-AUD-3), each one's state, and "send test message". */
@Path("/syslog")
@Produces(MediaType.APPLICATION_JSON)
public class SyslogResource {
    @Inject
    SyslogForwarding forwarding;

    @Inject
    SyslogTrust trust;

    @Inject
    CurrentAdministrator current;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_CONFIGURATION)
    public String get() {
        JsonObjectBuilder json = JsonBuilders.object(settings(forwarding.settings()));
        JsonArrayBuilder states = JsonBuilders.array();
        for (SyslogForwarder.Status status : forwarding.statuses()) {
            JsonObjectBuilder state = JsonBuilders.object()
                    .add("server", status.server().toString())
                    .add("connected", status.connected())
                    .add("queued", status.backlog())
                    .add("queueLimit", status.queueLimit())
                    .add("dropped", status.dropped());
            status.failure().ifPresent(failure -> state.add("failure", failure));
            status.lastDelivery().ifPresent(when -> state.add("lastDelivery", when.toString()));
            states.add(state);
        }
        return json.add("status", states).add("trust", trust.describe()).build().toString();
    }

    /** Fields left out keep their value. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String change(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("servers", "queueLimit"));
        SyslogSettings before = forwarding.settings();
        List<SyslogServer> servers = request.optionalTextList("servers", SyslogSettings.MOST_SERVERS, 600)
                .map(entries -> entries.stream().filter(entry -> !entry.isBlank()).map(entry -> server("servers", entry)).toList())
                .orElse(before.servers());
        int queueLimit = request.optionalWholeNumber("queueLimit", SyslogSettings.SMALLEST_QUEUE_LIMIT, SyslogSettings.LARGEST_QUEUE_LIMIT)
                .orElse(before.queueLimit());
        SyslogSettings after;
        try {
            after = new SyslogSettings(servers, queueLimit);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("servers", "syslog_servers", e.getMessage() + ".");
        }
        forwarding.change(after, current.actor());
        audit.changed(AuditEventType.ADMIN_SYSLOG_CHANGE, settings(before) + " -> " + settings(after));
        return get();
    }

    /** Sends a test message to the server in the body ({@code {"server": "HOST:PORT=NAME"}}), or to every configured one. */
    @POST
    @Path("test")
    @RequiresPermission(Permission.CHANGE_CONFIGURATION)
    public String test(JsonValue body) {
        boolean named = body instanceof JsonObject object && object.containsKey("server");
        List<SyslogServer> servers = named
                ? List.of(server("server", JsonRequest.of(body, Set.of("server")).requiredText("server", 600)))
                : forwarding.settings().servers();
        if (servers.isEmpty()) {
            throw new ApiProblem(409, "no_syslog_server", "No syslog server is configured; name one to test.");
        }
        JsonArrayBuilder results = JsonBuilders.array();
        boolean allSent = true;
        for (SyslogServer server : servers) {
            Optional<DeliveryFailure> failure = forwarding.sendTestMessage(server, current.actor());
            allSent &= failure.isEmpty();
            JsonObjectBuilder result = JsonBuilders.object().add("server", server.toString()).add("ok", failure.isEmpty());
            failure.ifPresent(f -> result.add("reason", f.reason().code()).add("message", f.getMessage()));
            results.add(result);
            audit.record(AuditEventType.ADMIN_SYSLOG_TEST, current.actor(), failure.isEmpty() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                    server + failure.map(f -> ": " + f.reason().code() + ": " + f.getMessage()).orElse(": sent"));
        }
        return JsonBuilders.object().add("ok", allSent).add("results", results).build().toString();
    }

    private static SyslogServer server(String field, String entry) {
        try {
            return SyslogServer.parse(entry);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField(field, "not_server", e.getMessage() + "; write HOST:PORT or HOST:PORT=NAME.")
                    .with("value", entry.strip());
        }
    }

    private static JsonObject settings(SyslogSettings settings) {
        JsonArrayBuilder servers = JsonBuilders.array();
        settings.servers().forEach(server -> servers.add(server.toString()));
        return JsonBuilders.object().add("servers", servers).add("queueLimit", settings.queueLimit()).build();
    }
}
