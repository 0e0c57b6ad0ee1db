package io.vestibule.platform.http;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Maps {@code /admin} exactly so that the request reaches {@link ListenerRoutingFilter}, which answers it (a
 * redirect to the console on the admin port, 404 elsewhere). Without an exact mapping the container answers a
 * folder's name without its trailing slash with a redirect of its own, before any filter runs, and so on the
 * portal's port too. The same would happen for a subfolder of {@code webapp/admin/}: the console keeps none.
 */
@WebServlet("/admin")
public class ConsoleEntryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Only reached if the routing filter let the request through, which it never does for this path.
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
