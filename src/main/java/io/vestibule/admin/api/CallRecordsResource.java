package io.vestibule.admin.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.identity.roles.Permission;
import io.vestibule.platform.api.ApiProblem;

/**
 * The call-record endpoints of API.md, guarded by "view CDRs" (the Auditor's alone). The encrypted record store
 * is not part of this release: an auditor is told so with 503 {@code cdr_store_unavailable}, every other role
 * gets 403 before that.
 */
@Path("/cdrs")
@Produces(MediaType.APPLICATION_JSON)
public class CallRecordsResource {
    @GET
    @RequiresPermission(Permission.VIEW_CDRS)
    public String search() {
        throw unavailable();
    }

    @GET
    @Path("{id}")
    @RequiresPermission(Permission.VIEW_CDRS)
    public String get(@PathParam("id") String id) {
        throw unavailable();
    }

    @POST
    @Path("export")
    @RequiresPermission(Permission.VIEW_CDRS)
    public String export() {
        throw unavailable();
    }

    private static ApiProblem unavailable() {
        return new ApiProblem(503, "cdr_store_unavailable", "Call detail records are not recorded by this release yet.");
    }
}
