-- Join-token signing keys: the private key sealed under a data key (purpose join-signing-keys), the public key as
-- a JWK. Keys sign while active and stay published (JWKS) until every token they signed has expired.
CREATE TABLE signing_key (
    kid                 VARCHAR(64)   NOT NULL PRIMARY KEY,
    sealed_private_key  BYTEA         NOT NULL,
    public_jwk          VARCHAR(2000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    active_until        TIMESTAMP WITH TIME ZONE NOT NULL,
    published_until     TIMESTAMP WITH TIME ZONE NOT NULL
);
