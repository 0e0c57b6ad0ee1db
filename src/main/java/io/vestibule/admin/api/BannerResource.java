package io.vestibule.admin.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.platform.api.JsonBuilders;

/**
 * {@code GET /admin/api/v1/banner}: the warning and consent notice the admin console shows before anyone signs in
 * (R-ADM-7, seed 000 §51). Public, since it is read before authentication.
 */
@Path("/banner")
@Produces(MediaType.APPLICATION_JSON)
public class BannerResource {
    static final String DEFAULT_BANNER = "Authorised use only. This is the administration interface of a secure "
            + "meeting service, for personnel authorised by its operator. All activity is recorded and audited; by "
            + "signing in you consent to this monitoring. Unauthorised access or misuse may lead to disciplinary "
            + "action and prosecution.";

    @Inject
    @ConfigProperty(name = "vestibule.admin.banner", defaultValue = DEFAULT_BANNER)
    String banner;

    @GET
    public JsonObject banner() {
        return JsonBuilders.object().add("banner", banner).build();
    }
}
