package io.vestibule.platform.http;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves one of the API's OpenAPI 3.1 documents, maintained by hand beside the code, named by the init parameter
 * {@code document}: the portal API's at {@code /openapi}, the admin API's at {@code /admin/openapi} (so on the admin
 * listener only). Payara's own {@code /openapi} writes OpenAPI 3.0 and describes request bodies as bare
 * {@code JsonValue}s; its scan is switched off in {@code microprofile-config.properties}.
 */
public class OpenApiDocumentServlet extends HttpServlet {
    public static final String PORTAL = "/openapi/portal.yaml";
    public static final String ADMIN = "/openapi/admin.yaml";
    private static final String MEDIA_TYPE = "application/yaml;charset=UTF-8";
    private static final long serialVersionUID = 1L;

    private byte[] document;

    @Override
    public void init() throws ServletException {
        String name = getInitParameter("document");
        try (InputStream in = name == null ? null : OpenApiDocumentServlet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ServletException("No OpenAPI document " + name + " on the class path");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException("The OpenAPI document " + name + " cannot be read", e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String below = request.getPathInfo();
        if (below != null && !below.equals("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }
}
