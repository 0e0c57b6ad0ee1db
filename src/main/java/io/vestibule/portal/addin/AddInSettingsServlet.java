package io.vestibule.portal.addin;

import java.io.IOException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.vestibule.identity.oidc.OidcSettings;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.platform.api.ErrorBodies;

/**
 * What the Outlook add-in's pages need to sign in, {@code /addin/settings.json}: the issuer (its discovery document
 * names the endpoints), the add-in's public client (the first of {@code VESTIBULE_OIDC_API_CLIENTS}) and the scope to
 * ask for. Nothing secret: a public client has none. 404 {@code sso_not_configured} without single sign-on, which the
 * add-in needs.
 */
@WebServlet("/addin/settings.json")
public class AddInSettingsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    SingleSignOn sso;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json;charset=utf-8");
        var settings = sso.settings();
        if (settings.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.getWriter().write(ErrorBodies.body("sso_not_configured",
                    "Single sign-on is not configured (VESTIBULE_OIDC_ISSUER); the Outlook add-in signs in through it", Map.of()).toString());
            return;
        }
        OidcSettings oidc = settings.get();
        response.getWriter().write(Json.createObjectBuilder()
                .add("issuer", oidc.issuerId())
                .add("clientId", oidc.apiClients().get(0))
                .add("scope", "openid " + oidc.apiScope())
                .build().toString());
    }
}
