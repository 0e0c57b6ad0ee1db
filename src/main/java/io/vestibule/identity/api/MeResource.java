package io.vestibule.identity.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.platform.api.JsonBuilders;

/**
 * The signed-in user, with the session's CSRF token so a page loaded later in the session can make
 * state-changing calls. Only same-origin scripts can read it: the API sends no CORS headers.
 */
@Path("/me")
@SignedIn
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    CurrentUser currentUser;

    @GET
    public JsonObject me() {
        return JsonBuilders.object(AuthResource.UserJson.of(currentUser.user()))
                .add("csrfToken", currentUser.session().csrfToken())
                .build();
    }
}
