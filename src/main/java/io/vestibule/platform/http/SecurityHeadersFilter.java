package io.vestibule.platform.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

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

    @Inject
    @ConfigProperty(name = "vestibule.oidc.issuer")
    Optional<String> issuer;

    private SecurityHeaders headers;

    @Override
    public void init() {
        headers = new SecurityHeaders(hstsPreload, issuer.flatMap(SecurityHeadersFilter::address));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // Decoded and normalised, as the listener routing reads it: "/addin/../index.html" is the portal's page.
        headers.forPath(request.getServletPath() + Objects.toString(request.getPathInfo(), "")).forEach(response::setHeader);
        chain.doFilter(request, response);
    }

    /** An issuer that is not an address is refused by single sign-on's own settings; here it adds nothing. */
    private static Optional<URI> address(String text) {
        try {
            return Optional.of(new URI(text.trim()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
