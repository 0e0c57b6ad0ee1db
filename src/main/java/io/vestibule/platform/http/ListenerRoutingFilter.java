package io.vestibule.platform.http;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.ErrorBodies;

/**
 * Applies {@link ListenerRouting} to every request, after the security headers (web.xml orders the two). A
 * refused API path gets the same 404 as an unknown API route; any other refused path gets the error page.
 */
public class ListenerRoutingFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "vestibule.https.port", defaultValue = "8443")
    int portalPort;

    @Inject
    @ConfigProperty(name = "vestibule.admin.port", defaultValue = "9443")
    int adminPort;

    private transient ListenerRouting routing;

    @Override
    public void init() {
        routing = new ListenerRouting(portalPort, adminPort);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // The servlet and path-info parts are decoded and normalised: "/%61dmin" and "/x/../admin" arrive as "/admin".
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        switch (routing.route(request.getLocalPort(), path)) {
            case SERVE -> chain.doFilter(request, response);
            case REDIRECT_TO_CONSOLE -> {
                // A relative Location (RFC 9110 §10.2.2): sendRedirect would make it absolute from the Host header.
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", ListenerRouting.CONSOLE + "/");
            }
            case NOT_FOUND_API -> {
                ApiProblem notFound = ApiProblem.notFound();
                response.setStatus(notFound.status());
                response.setContentType("application/json;charset=utf-8");
                response.getWriter().write(ErrorBodies.body(notFound.code(), notFound.getMessage(), Map.of()).toString());
            }
            case NOT_FOUND_PAGE -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
