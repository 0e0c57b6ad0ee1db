-- Calendar integrations (issue 17): calendar systems that book meetings through signed callbacks. The secret is
-- sealed under a data key (purpose calendar-integration-secrets) and bound to its row; it is never stored in clear
-- because the HMAC check needs the secret itself, not a hash of it. Deleting the row revokes the integration.
CREATE TABLE calendar_integration (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    name               VARCHAR(100)  NOT NULL,
    organizer_domains  VARCHAR(5200) NOT NULL,
    sealed_secret      BYTEA         NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by         VARCHAR(255)  NOT NULL,
    CONSTRAINT uq_calendar_integration_name UNIQUE (name)
);
