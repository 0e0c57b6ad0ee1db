package io.vestibule.admin.api;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vestibule.audit.AuditEventType;
import io.vestibule.guard.Block;
import io.vestibule.guard.BlockKind;
import io.vestibule.guard.BreakInGuard;
import io.vestibule.identity.AccountNames;
import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.JsonRequest;
import io.vestibule.platform.json.JsonBuilders;

/**
 * The break-in blocks in force (whoever sees alarms sees them) and lifting one before its end (R-BRUTE): its attempts
 * are forgotten and its alarm clears. An account block names the account only when it exists: what was typed at a
 * sign-in may be a password ({@link AccountNames}), so a block of an unknown name is listed without it, and there is
 * nobody it keeps out.
 */
@Path("/blocks")
@Produces(MediaType.APPLICATION_JSON)
public class BlocksResource {
    /** Longer than any key the guard keeps, so that every block can be named. */
    private static final int LONGEST_SUBJECT = 256;

    @Inject
    BreakInGuard guard;

    @Inject
    AccountNames accountNames;

    @Inject
    AdminAudit audit;

    @GET
    @RequiresPermission(Permission.VIEW_ALARMS)
    public String list() {
        var blocks = JsonBuilders.array();
        guard.blocks().forEach(block -> blocks.add(json(block, shown(block))));
        return blocks.build().toString();
    }

    /** {@code {"kind": "room" | "address" | "account", "subject": …}}, the subject as listed (an address: any it covers). */
    @POST
    @Path("lift")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.LIFT_BLOCKS)
    public String lift(JsonValue body) {
        JsonRequest request = JsonRequest.of(body, Set.of("kind", "subject"));
        String kindName = request.requiredText("kind", 16);
        BlockKind kind = BlockKind.fromApiName(kindName).orElseThrow(() -> ApiProblem.invalidField("kind", "one_of",
                "'kind' is one of room, address, account.").with("value", kindName));
        String subject = request.requiredText("subject", LONGEST_SUBJECT);
        Block lifted;
        try {
            lifted = guard.lift(kind, subject).orElseThrow(() -> new ApiProblem(Response.Status.NOT_FOUND, "no_such_block",
                    "No block of this " + kind.apiName() + " is in force: it has ended or was lifted."));
        } catch (IllegalArgumentException notASubject) {
            throw ApiProblem.invalidField("subject", "invalid_subject", "'subject' cannot name a block of this kind: an address block"
                    + " is named by an IP address.");
        }
        audit.changed(AuditEventType.ADMIN_BLOCK_LIFT, kind.apiName() + " " + lifted.subject() + ", blocked until " + lifted.until());
        return json(lifted, Optional.of(lifted.subject())).build().toString();
    }

    private Optional<String> shown(Block block) {
        return block.kind() != BlockKind.ACCOUNT || accountNames.exists(block.subject()) ? Optional.of(block.subject()) : Optional.empty();
    }

    private static JsonObjectBuilder json(Block block, Optional<String> subject) {
        var sources = JsonBuilders.array();
        block.sources().stream().sorted().forEach(sources::add);
        var json = JsonBuilders.object().add("kind", block.kind().apiName()).add("until", block.until().toString()).add("sources", sources);
        subject.ifPresent(shown -> json.add("subject", shown));
        block.alarm().ifPresent(alarm -> json.add("alarm", alarm));
        return json;
    }
}
