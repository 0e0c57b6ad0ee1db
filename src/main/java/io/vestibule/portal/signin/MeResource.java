package io.vestibule.portal.signin;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.platform.json.JsonBuilders;

/**
 * The signed-in user, with the session's CSRF token so a page loaded later in the session can make
 * state-changing calls (none for a call with an access token, which needs none). Only same-origin scripts can read
 * it: the API sends no CORS headers.
 */
@Path("/me")
@SignedIn
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    @Inject
    CurrentUser currentUser;

    @GET
    public JsonObject me() {
        JsonObjectBuilder me = JsonBuilders.object(AuthResource.UserJson.of(currentUser.user()));
        currentUser.session().ifPresent(session -> me.add("csrfToken", session.csrfToken()));
        return me.build();
    }
}
