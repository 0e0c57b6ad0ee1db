package io.vestibule.portal.signin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import io.vestibule.calendar.integration.CallbackOrganizers;
import io.vestibule.calendar.integration.CallbackRefused;
import io.vestibule.calendar.integration.CallbackVerifier;
import io.vestibule.calendar.integration.SignedCallback;
import io.vestibule.calendar.integration.VerifiedCallback;
import io.vestibule.identity.PortalUser;
import io.vestibule.platform.Uuids;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.RequestBodyLimit;

/**
 * Signs in the organizer of a calendar integration's signed call ({@code Vestibule-Integration},
 * {@code -Timestamp}, {@code -Organizer}, {@code -Signature}) on {@link AcceptsSignedCallbacks} resources; runs before
 * {@link SessionAuthentication}, which then leaves the request alone. A request with none of those headers is not a
 * signed callback and goes on to the session or access-token check.
 *
 * <p>The signature covers the exact body bytes, so the body is read here, within {@link RequestBodyLimit}'s bound
 * (its stream is already limited), and put back for the resource. Refusals name their rejection's code; neither
 * the answer nor the log holds the signature.
 */
@Provider
@AcceptsSignedCallbacks
@Priority(Priorities.AUTHENTICATION - 10)
public class SignedCallbackAuthentication implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(SignedCallbackAuthentication.class.getName());

    @Inject
    CallbackVerifier verifier;

    @Inject
    CallbackOrganizers organizers;

    @Inject
    CurrentUser currentUser;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isSignedCallback(request)) {
            return;
        }
        byte[] body = body(request);
        SignedCallback call = new SignedCallback(
                request.getHeaderString(SignedCallback.INTEGRATION_HEADER),
                request.getHeaderString(SignedCallback.TIMESTAMP_HEADER),
                request.getHeaderString(SignedCallback.ORGANIZER_HEADER),
                request.getHeaderString(SignedCallback.SIGNATURE_HEADER),
                request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(),
                body);
        try {
            VerifiedCallback verified = verifier.verify(call);
            PortalUser organizer = organizers.userOf(verified);
            currentUser.signedByIntegration(organizer, verified.integration());
        } catch (CallbackRefused refused) {
            LOG.info(() -> "Signed calendar callback refused (" + refused.rejection().code() + ") from integration "
                    + Uuids.parse(call.integration()).map(Object::toString).orElse("(none or malformed)"));
            ApiProblem problem = new ApiProblem(refused.rejection().status(), refused.rejection().code(), refused.getMessage());
            if (refused.rejection().status() == 401) {
                problem.withHeader("WWW-Authenticate", "Vestibule-Signature realm=\"vestibule\"");
            }
            throw problem;
        }
    }

    /** Any one signing header makes the request a signed callback, judged by the signature alone. */
    private static boolean isSignedCallback(ContainerRequestContext request) {
        return request.getHeaderString(SignedCallback.INTEGRATION_HEADER) != null
                || request.getHeaderString(SignedCallback.SIGNATURE_HEADER) != null;
    }

    private static byte[] body(ContainerRequestContext request) {
        try (InputStream stream = request.getEntityStream()) {
            // The stream is RequestBodyLimit's: past MAX_BYTES it throws BodyTooLarge, answered 400 too_large.
            byte[] body = stream.readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
