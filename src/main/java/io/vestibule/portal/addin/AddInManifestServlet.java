package io.vestibule.portal.addin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.calendar.addin.OutlookAddInManifest;
import io.vestibule.identity.oidc.OidcSettings;
import io.vestibule.identity.oidc.SingleSignOn;

/**
 * The Outlook add-in's manifest, {@code /addin/manifest.xml}: the address an Exchange or Microsoft 365 administrator
 * deploys the add-in from (docs/admin-guide.md). Written for the configured public address, never for the address a
 * request came in on.
 */
@WebServlet("/addin/manifest.xml")
public class AddInManifestServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/")
    URI publicUrl;

    @Inject
    @ConfigProperty(name = "vestibule.addin.id", defaultValue = "6f0f7c1e-2b8a-4d53-9c1e-5a7e0b3d9f42")
    String addInId;

    @Inject
    SingleSignOn sso;

    private transient OutlookAddInManifest manifest;

    @Override
    public void init() {
        UUID id;
        try {
            id = UUID.fromString(addInId.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VESTIBULE_ADDIN_ID must be a GUID such as " + OutlookAddInManifest.DEFAULT_ID, e);
        }
        manifest = new OutlookAddInManifest(publicUrl, sso.settings().map(OidcSettings::issuer), id);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/xml;charset=utf-8");
        byte[] body = manifest.xml().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
