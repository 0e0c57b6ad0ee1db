package io.vestibule.admin.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.alarm.Alarms;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.QueryParameters;
import io.vestibule.platform.json.JsonBuilders;

/** The audit log (permission "view logs", the Auditor's) and the alarms. Reading the audit log is itself audited. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private static final int MOST_EVENTS = 1000;

    @Inject
    AuditLog log;

    @Inject
    AdminAudit audit;

    @Inject
    Alarms alarms;

    @Inject
    Clock clock;

    @GET
    @Path("audit")
    @RequiresPermission(Permission.VIEW_LOGS)
    public String events(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("type") String type,
                         @QueryParam("limit") String limit) {
        Instant end = QueryParameters.instant("to", to).orElse(clock.instant().plusSeconds(1));
        Instant start = QueryParameters.instant("from", from).orElse(end.minus(Duration.ofDays(7)));
        if (!start.isBefore(end)) {
            throw ApiProblem.invalidField("from", "time_range", "'from' must be before 'to'.");
        }
        if (type != null && (type.length() > 60 || !type.matches("[a-z0-9.-]+"))) {
            throw ApiProblem.invalidField("type", "not_allowed", "'type' is an event type such as admin.login.");
        }
        int most = QueryParameters.limit("limit", limit, 200, MOST_EVENTS);
        var array = JsonBuilders.array();
        for (AuditEvent event : log.find(start, end, Optional.ofNullable(type), most)) {
            var json = JsonBuilders.object()
                    .add("id", event.id())
                    .add("at", event.occurredAt().toString())
                    .add("type", event.type())
                    .add("actor", event.actor())
                    .add("outcome", event.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .add("detail", event.detail());
            if (event.sourceAddress() != null) {
                json.add("source", event.sourceAddress());
            }
            array.add(json);
        }
        audit.changed("audit.view", "from=" + start + " to=" + end + (type == null ? "" : " type=" + type));
        return array.build().toString();
    }

    @GET
    @Path("alarms")
    @RequiresPermission(Permission.VIEW_ALARMS)
    public String alarms() {
        Instant now = clock.instant();
        var array = JsonBuilders.array();
        alarms.recent().forEach(alarm -> {
            var json = JsonBuilders.object()
                    .add("id", alarm.id().toString())
                    .add("type", alarm.type())
                    .add("subject", alarm.subject())
                    .add("detail", alarm.detail())
                    .add("raisedAt", alarm.raisedAt().toString())
                    .add("active", alarm.activeAt(now));
            alarm.clearsAt().ifPresent(at -> json.add("clearsAt", at.toString()));
            array.add(json);
        });
        return array.build().toString();
    }
}
