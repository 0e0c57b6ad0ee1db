package io.vestibule.portal.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.identity.PortalUser;
import io.vestibule.identity.SsoSignIn;
import io.vestibule.identity.oidc.ProviderTokenRejected;
import io.vestibule.identity.oidc.ProviderTokenRejection;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.identity.oidc.SsoRefused;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.AuthorizationHeader;

/**
 * The user of an API call authorised by the OpenID provider's access token ({@code Authorization: Bearer}, RFC 6750).
 * A refused token is 401 {@code invalid_token} with the rule it broke as {@code reason}; a valid token without the
 * API's scope is 403 {@code insufficient_scope}; both say so in {@code WWW-Authenticate} too. The answer never holds
 * the token or a stack trace.
 */
@ApplicationScoped
public class AccessTokenAuthentication {
    @Inject
    SingleSignOn sso;

    @Inject
    SsoSignIn signIn;

    PortalUser userOf(String authorization) {
        String token = AuthorizationHeader.bearer(authorization).filter(text -> !text.isEmpty())
                .orElseThrow(() -> new ApiProblem(401, "unauthenticated", "Sign in first, or send an access token as 'Authorization: Bearer <token>'.")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"vestibule\""));
        if (!sso.enabled()) {
            throw invalidToken("not_accepted", "This service accepts no access tokens: single sign-on is not configured.");
        }
        try {
            return signIn.bearerUser(token);
        } catch (ProviderTokenRejected rejected) {
            if (rejected.rejection() == ProviderTokenRejection.SCOPE) {
                throw insufficientScope();
            }
            throw invalidToken(rejected.rejection().code(), "The access token was refused (" + rejected.rejection().code() + ").");
        } catch (SsoRefused refused) {
            throw new ApiProblem(403, "forbidden", "Your account is not allowed to use the portal.");
        }
    }

    private ApiProblem insufficientScope() {
        String scope = sso.settings().orElseThrow().apiScope();
        return new ApiProblem(403, "insufficient_scope", "The access token lacks the scope '" + scope + "'.")
                .with("scope", scope)
                .withHeader("WWW-Authenticate", "Bearer realm=\"vestibule\", error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    private static ApiProblem invalidToken(String reason, String message) {
        return new ApiProblem(401, "invalid_token", message).with("reason", reason)
                .withHeader("WWW-Authenticate", "Bearer realm=\"vestibule\", error=\"invalid_token\"");
    }
}
