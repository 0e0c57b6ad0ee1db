package io.vestibule.portal.join;

import io.vestibule.access.token.TokenRejected;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.AuthorizationHeader;

/** The join token of a request, from {@code Authorization: Bearer ...} only (never the URL). */
final class BearerToken {
    private static final int MAX_LENGTH = 8192;

    private BearerToken() {
    }

    static String from(String authorization) {
        String token = AuthorizationHeader.bearer(authorization)
                .orElseThrow(() -> new ApiProblem(401, "unauthenticated", "Send the join token as 'Authorization: Bearer <token>'."));
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw new ApiProblem(401, "token_malformed", "The token is empty or too long.");
        }
        return token;
    }

    /** A refused token is a 401 with the refusal's own code (R-JOIN-3). */
    static ApiProblem refused(TokenRejected rejected) {
        return new ApiProblem(401, rejected.code(), "The token was refused (" + rejected.code() + "); join again if it persists.");
    }
}
