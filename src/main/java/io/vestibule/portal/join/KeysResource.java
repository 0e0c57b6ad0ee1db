package io.vestibule.portal.join;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.vestibule.access.token.SigningKeys;

/** {@code GET /api/v1/keys}: the public keys that verify join tokens (a JWKS), current and recently retired. */
@Path("/keys")
public class KeysResource {
    @Inject
    SigningKeys signingKeys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String keys() {
        return signingKeys.jwks();
    }
}
