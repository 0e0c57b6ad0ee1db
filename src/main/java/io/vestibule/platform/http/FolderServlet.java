package io.vestibule.platform.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a folder's name without its trailing slash ({@code /js}, {@code /admin}): a redirect to the folder's
 * page when it has one, with a relative {@code Location}, otherwise 404. Without a servlet mapped to the exact name,
 * the container answers such requests with a redirect of its own, built from the request's {@code Host} header,
 * before any filter runs: no security headers, no listener routing (penetration test, finding 8). {@code web.xml}
 * maps it to every folder of {@code webapp/}; {@code FolderMappingsTest} fails when a folder is added without one.
 */
public class FolderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String folder = request.getServletPath();
        if (getServletContext().getResource(folder + "/index.html") == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Relative (RFC 9110 §10.2.2): the browser resolves it against the address it asked for.
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", folder + "/");
    }
}
