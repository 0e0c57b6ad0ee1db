package io.vestibule.platform.http;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@link SecurityHeaders} to every response of the application, pages and API alike; web.xml maps it
 * first, so that refusals by the filters after it carry the headers too.
 */
public class SecurityHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "vestibule.hsts.preload", defaultValue = "false")
    boolean hstsPreload;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        new SecurityHeaders(hstsPreload).forPath(request.getRequestURI()).forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
