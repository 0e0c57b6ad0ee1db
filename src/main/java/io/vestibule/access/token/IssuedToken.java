package io.vestibule.access.token;

/** A signed token in compact form, for the client, and what it says. */
public record IssuedToken(String compact, TokenClaims claims) {

    /** Without the compact form: a bearer token must not reach a log through a toString. */
    @Override
    public String toString() {
        return "IssuedToken[" + claims + "]";
    }
}
