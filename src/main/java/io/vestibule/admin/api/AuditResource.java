package io.vestibule.admin.api;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.json.JsonObjectBuilder;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.vestibule.audit.AuditCsv;
import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditEventType;
import io.vestibule.audit.AuditExportTooLarge;
import io.vestibule.audit.AuditLog;
import io.vestibule.audit.AuditQuery;
import io.vestibule.audit.AuditSeverity;
import io.vestibule.audit.alarm.Alarms;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.QueryParameters;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The audit log (permission "view logs", the Auditor's), read by page or exported, and the alarms. Reading and exporting
 * the audit log are themselves audited; a refusal is recorded by {@link AdminAuthorization}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private static final int MOST_EVENTS = 1000;
    static final int MOST_EXPORTED = 100_000;
    private static final int EXPORT_PAGE = 1000;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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
                         @QueryParam("actor") String actor, @QueryParam("severity") String severity, @QueryParam("outcome") String outcome,
                         @QueryParam("before") String before, @QueryParam("limit") String limit) {
        AuditQuery query = new AuditQueryParameters(from, to, type, actor, severity, outcome, before)
                .toQuery(clock.instant(), QueryParameters.limit("limit", limit, 200, MOST_EVENTS));
        var array = JsonBuilders.array();
        log.find(query).forEach(event -> array.add(json(event)));
        audit.changed(AuditEventType.AUDIT_VIEW, query.describe());
        return array.build().toString();
    }

    /**
     * The filtered events as a download, CSV ({@code format=csv}, the default) or JSON lines ({@code format=jsonl}),
     * newest first, read from the log a page at a time while the response is written; refused, before anything is
     * written, when more than {@link #MOST_EXPORTED} events match, so an export is never a silently shortened record.
     * The export is audited, with its filter, before the first byte leaves.
     */
    @GET
    @Path("audit/export")
    @Produces({ "text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON })
    @RequiresPermission(Permission.VIEW_LOGS)
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("type") String type,
                           @QueryParam("actor") String actor, @QueryParam("severity") String severity, @QueryParam("outcome") String outcome,
                           @QueryParam("format") String format) {
        AuditExportFormat chosen = AuditExportFormat.named(format);
        AuditQuery query = new AuditQueryParameters(from, to, type, actor, severity, outcome, null).toQuery(clock.instant(), EXPORT_PAGE);
        try {
            log.checkExportable(query, MOST_EXPORTED);
        } catch (AuditExportTooLarge tooLarge) {
            throw new ApiProblem(Response.Status.BAD_REQUEST, "export_too_large", tooLarge.matching() + " events match; an export"
                    + " holds at most " + tooLarge.limit() + ": narrow the time range or the filter.")
                    .with("matching", tooLarge.matching()).with("limit", tooLarge.limit());
        }
        audit.changed(AuditEventType.AUDIT_EXPORT, "format=" + chosen.apiName() + " " + query.describe());
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write(chosen.header());
            int written = 0;
            List<AuditEvent> page = log.find(query);
            while (!page.isEmpty() && written < MOST_EXPORTED) {
                // Only events recorded since the check, in a range that reaches into the future, could still meet the cap.
                for (AuditEvent event : page.subList(0, Math.min(page.size(), MOST_EXPORTED - written))) {
                    writer.write(chosen == AuditExportFormat.CSV ? AuditCsv.row(event) : json(event).build() + "\n");
                    written++;
                }
                page = page.size() < EXPORT_PAGE ? List.of() : log.find(query.before(page.get(page.size() - 1).id(), EXPORT_PAGE));
            }
            writer.flush();
        };
        String name = "vestibule-audit-" + FILE_TIME.format(clock.instant()) + "." + chosen.apiName();
        return Response.ok(body, chosen.mediaType()).header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static JsonObjectBuilder json(AuditEvent event) {
        var json = JsonBuilders.object()
                .add("id", event.id())
                .add("at", event.occurredAt().toString())
                .add("type", event.type())
                .add("actor", event.actor())
                .add("outcome", event.outcome().name().toLowerCase(Locale.ROOT))
                .add("severity", AuditSeverity.of(event).apiName())
                .add("detail", event.detail());
        if (event.sourceAddress() != null) {
            json.add("source", event.sourceAddress());
        }
        return json;
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
