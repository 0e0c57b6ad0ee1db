package io.vestibule.admin.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEventType;
import io.vestibule.booking.RoomReferences;
import io.vestibule.cdr.CallEventJson;
import io.vestibule.cdr.CallRecordExport;
import io.vestibule.cdr.CallRecordSearch;
import io.vestibule.cdr.CallRecords;
import io.vestibule.cdr.ChainVerifier;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.api.QueryParameters;
import io.vestibule.platform.json.JsonBuilders;
import io.vestibule.platform.logging.LogText;

/**
 * Call detail records for auditors (R-CDR-4, R-CDR-5): search, view, encrypted export and chain verification, all
 * under "view CDRs", which only the Auditor holds. Every access is written to the audit log, naming the criteria
 * but not the names searched for, which would put record content in the log. A room is searched by what people know
 * of it ({@link RoomReferences}); the log names what was typed and the rooms it named.
 */
@Path("/cdrs")
@Produces(MediaType.APPLICATION_JSON)
public class CallRecordsResource {
    private static final int MOST_RECORDS = 1000;
    private static final int SHORTEST_PASSPHRASE = 12;
    /** Room ids take a blind index value per day each: this bounds the size of one search's query. */
    private static final int MOST_ROOMS = 20;
    private static final int LONGEST_ROOM_REFERENCE = 2048;

    @Inject
    CallRecords records;

    @Inject
    AdminAudit audit;

    @Inject
    RoomReferences roomReferences;

    @Inject
    CryptoPolicy policy;

    @Inject
    java.security.SecureRandom random;

    @Inject
    Clock clock;

    @GET
    @RequiresPermission(Permission.VIEW_CDRS)
    public String search(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("room") String room,
                         @QueryParam("participant") String participant, @QueryParam("outcome") String outcome,
                         @QueryParam("limit") String limit) {
        int most = QueryParameters.limit("limit", limit, 200, MOST_RECORDS);
        Criteria criteria = criteria(AuditEventType.CDR_SEARCH, from, to, room, participant, outcome);
        List<CallRecordSearch.Found> found = records.search(criteria.query(), most);
        audit.changed(AuditEventType.CDR_SEARCH, criteria.description() + "; " + found.size() + " records");
        var array = JsonBuilders.array();
        found.forEach(record -> array.add(json(record)));
        return array.build().toString();
    }

    /** How the pipeline stands: acknowledged (journaled) records, the backlog not yet in the database, the key store. */
    @GET
    @Path("status")
    @RequiresPermission(Permission.VIEW_CDRS)
    public String status() {
        return JsonBuilders.object()
                .add("acknowledged", records.acknowledged())
                .add("backlog", records.backlog())
                .add("keyEncryptionKeys", records.keyEncryptionKeysDescription())
                .build().toString();
    }

    @GET
    @Path("{sequence}")
    @RequiresPermission(Permission.VIEW_CDRS)
    public String view(@PathParam("sequence") String sequence) {
        long number = sequence.matches("\\d{1,18}") ? Long.parseLong(sequence) : -1;
        CallRecordSearch.Found found = records.bySequence(number).orElseThrow(ApiProblem::notFound);
        audit.changed(AuditEventType.CDR_VIEW, "record " + number);
        return json(found).toString();
    }

    @POST
    @Path("export")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/pkcs7-mime")
    @RequiresPermission(Permission.VIEW_CDRS)
    public Response export(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("from", "to", "format", "passphrase", "room", "participant", "outcome"));
        Criteria criteria = criteria(AuditEventType.CDR_EXPORT, request.optionalText("from", 40).orElse(null), request.optionalText("to", 40).orElse(null),
                request.optionalText("room", LONGEST_ROOM_REFERENCE).orElse(null), request.optionalText("participant", 200).orElse(null),
                request.optionalText("outcome", 100).orElse(null));
        CallRecordExport.Format format = request.optionalText("format", 10).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "csv" -> CallRecordExport.Format.CSV;
            case "json" -> CallRecordExport.Format.JSON;
            default -> throw ApiProblem.invalidField("format", "not_allowed", "'format' is csv or json.");
        }).orElse(CallRecordExport.Format.CSV);
        if (!CallRecordExport.available(policy)) {
            throw new ApiProblem(Response.Status.CONFLICT, "not_in_fips_mode",
                    "Exports are encrypted to a passphrase with a key wrap that FIPS mode does not approve; search and view the records instead.");
        }
        char[] passphrase = request.requiredSecret("passphrase", 1024);
        try {
            if (passphrase.length < SHORTEST_PASSPHRASE) {
                throw ApiProblem.invalidField("passphrase", "too_short", "The export passphrase has at least " + SHORTEST_PASSPHRASE + " characters.")
                        .with("min", SHORTEST_PASSPHRASE);
            }
            List<CallRecordSearch.Found> found = records.search(criteria.query(), MOST_RECORDS * 100);
            byte[] encrypted = new CallRecordExport(policy, random).export(found, format, passphrase);
            audit.changed(AuditEventType.CDR_EXPORT, criteria.description() + "; " + found.size() + " records as encrypted " + format.name().toLowerCase(Locale.ROOT));
            return Response.ok(encrypted, "application/pkcs7-mime")
                    .header("Content-Disposition", "attachment; filename=\"call-records." + format.name().toLowerCase(Locale.ROOT) + ".p7m\"")
                    .build();
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    @POST
    @Path("verify")
    @RequiresPermission(Permission.VIEW_CDRS)
    public String verify() {
        ChainVerifier.Report report = records.verify();
        audit.changed(AuditEventType.CDR_VERIFY, report.intact() ? "intact, " + report.recordsChecked() + " records"
                : report.findings().size() + " findings in " + report.recordsChecked() + " records");
        var findings = JsonBuilders.array();
        report.findings().forEach(finding -> findings.add(JsonBuilders.object().add("sequence", finding.sequence())
                .add("problem", finding.problem())));
        JsonObjectBuilder json = JsonBuilders.object()
                .add("intact", report.intact())
                .add("recordsChecked", report.recordsChecked())
                .add("firstSequence", report.firstSequence())
                .add("lastSequence", report.lastSequence())
                .add("checkpointsChecked", report.checkpointsChecked())
                .add("findings", findings);
        report.lastCheckpoint().ifPresent(last -> json.add("lastCheckpoint", last));
        return json.build().toString();
    }

    /** A search's query and how the audit log names it: the criteria, but not the names searched for. */
    private record Criteria(CallRecordSearch.Query query, String description) {
    }

    private Criteria criteria(AuditEventType auditType, String from, String to, String room, String participant, String outcome) {
        Instant end = QueryParameters.instant("to", to).orElse(clock.instant().plusSeconds(1));
        Instant start = QueryParameters.instant("from", from).orElse(end.minus(Duration.ofDays(1)));
        Optional<RoomReferences.Resolution> rooms = roomReference(room).map(roomReferences::resolve);
        String description = "from " + start + " to " + end + rooms.map(CallRecordsResource::describe).orElse("")
                + (text(participant).isPresent() ? ", by participant" : "") + text(outcome).map(code -> ", outcome " + code).orElse("");
        rooms.ifPresent(resolution -> refuseUnsearchable(auditType, resolution, description));
        Set<String> roomIds = rooms.map(resolution -> resolution.rooms().stream().map(named -> named.roomId().toString())
                .collect(Collectors.toSet())).orElse(Set.of());
        try {
            return new Criteria(new CallRecordSearch.Query(start, end, roomIds, text(participant), text(outcome)), description);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("from", "time_range", e.getMessage() + ".");
        }
    }

    /** A reference that names no room, or too many, is refused (and the attempt audited) rather than searched. */
    private void refuseUnsearchable(AuditEventType auditType, RoomReferences.Resolution resolution, String description) {
        if (resolution.nothingMatched()) {
            audit.changed(auditType, description + "; nothing searched");
            throw new ApiProblem(Response.Status.BAD_REQUEST, "room_not_found",
                    "Nothing matches this room: it is no room's id, alias, numeric alias or join link, and no meeting's id or whole title.")
                    .with("field", "room");
        }
        if (resolution.rooms().size() > MOST_ROOMS) {
            audit.changed(auditType, description + "; nothing searched");
            throw new ApiProblem(Response.Status.BAD_REQUEST, "room_ambiguous", "This names "
                    + resolution.rooms().size() + " rooms; a search covers at most " + MOST_ROOMS + ": give an alias or a join link.")
                    .with("field", "room").with("rooms", resolution.rooms().size());
        }
    }

    private static Optional<String> roomReference(String room) {
        Optional<String> reference = Optional.ofNullable(room).map(String::strip).filter(text -> !text.isEmpty());
        if (reference.filter(text -> text.length() > LONGEST_ROOM_REFERENCE).isPresent()) {
            throw ApiProblem.invalidField("room", "too_long", "A room is named in at most " + LONGEST_ROOM_REFERENCE + " characters.")
                    .with("max", LONGEST_ROOM_REFERENCE);
        }
        return reference;
    }

    /** What was typed (quoted: it is the auditor's text) and the rooms it named, each with how. */
    private static String describe(RoomReferences.Resolution resolution) {
        return ", room " + LogText.quoted(resolution.reference()) + " naming " + (resolution.nothingMatched() ? "no room"
                : resolution.rooms().stream().map(named -> named.roomId() + " by " + named.matchedBy().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .collect(Collectors.joining(", ")));
    }

    private static JsonObject json(CallRecordSearch.Found found) {
        JsonObjectBuilder json = found.event().map(event -> JsonBuilders.object(CallEventJson.toJson(event)))
                .orElseGet(() -> JsonBuilders.object().add("unreadable", true));
        return json.add("sequence", found.sequence()).add("recordedAt", found.occurredAt().toString()).build();
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty() && text.length() <= 200);
    }
}
