package io.vestibule.access.token;

/**
 * One named rule of token verification, refusing with its own {@link TokenRejection}. Checks run in order; the
 * early ones decode the token step by step into the {@link CandidateToken} that later ones read.
 */
interface TokenCheck {

    void check(CandidateToken token) throws TokenRejected;
}
