package io.vestibule.platform.http;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vestibule.platform.api.ErrorBodies;
import io.vestibule.platform.net.TrustedProxies;

/**
 * Refuses a request with a body, before reading it, when its client already sends
 * {@code VESTIBULE_HTTP_MAX_UPLOADS_PER_ADDRESS} bodies at once: 503 {@code busy}, and the connection closed.
 * Requests without a body are never counted, so long polls and page loads do not use up the allowance.
 */
public class UploadLimitFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    TrustedProxies proxies;

    @Inject
    @ConfigProperty(name = "vestibule.http.max-uploads-per-address", defaultValue = "16")
    int limit;

    private transient UploadsPerAddress uploads;

    @Override
    public void init() {
        uploads = new UploadsPerAddress(limit);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        InetAddress client = proxies.clientOf(request);
        if (!uploads.begin(client)) {
            response.setStatus(503);
            response.setHeader("Connection", "close");
            response.setHeader("Retry-After", "10");
            response.setContentType("application/json;charset=utf-8");
            response.getWriter().write(ErrorBodies.body("busy",
                    "Too many requests from your address are still sending their bodies; try again shortly.", Map.of()).toString());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            uploads.end(client);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
