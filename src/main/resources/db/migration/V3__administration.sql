-- Administrator identity (R-ADM): roles, local accounts, directory group mappings, settings and the audit log.

CREATE TABLE admin_role (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    name         VARCHAR(100)  NOT NULL,
    built_in     BOOLEAN       NOT NULL,
    permissions  VARCHAR(1000) NOT NULL,
    version      INTEGER       NOT NULL,
    CONSTRAINT uq_admin_role_name UNIQUE (name)
);
-- The built-in roles; their permissions are the code's (BuiltInRoles), these rows exist so assignments can refer to them.
INSERT INTO admin_role (id, name, built_in, permissions, version) VALUES
    ('0f6d3b1e-5c1a-4b7e-9a51-000000000001', 'Read-only', TRUE, '', 0),
    ('0f6d3b1e-5c1a-4b7e-9a51-000000000002', 'Read-write', TRUE, '', 0),
    ('0f6d3b1e-5c1a-4b7e-9a51-000000000003', 'Auditor', TRUE, '', 0);

CREATE TABLE local_admin_account (
    id                    VARCHAR(36)   NOT NULL PRIMARY KEY,
    username              VARCHAR(255)  NOT NULL,
    password_hash         VARCHAR(255),
    password_history      VARCHAR(2000) NOT NULL,
    password_set_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    must_change_password  BOOLEAN       NOT NULL,
    certificate_only      BOOLEAN       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               INTEGER       NOT NULL,
    CONSTRAINT uq_local_admin_account_username UNIQUE (username)
);

CREATE TABLE local_admin_account_role (
    account_id  VARCHAR(36) NOT NULL REFERENCES local_admin_account (id) ON DELETE CASCADE,
    role_id     VARCHAR(36) NOT NULL REFERENCES admin_role (id),
    PRIMARY KEY (account_id, role_id)
);

CREATE TABLE ldap_role_mapping (
    id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    name      VARCHAR(200)  NOT NULL,
    group_dn  VARCHAR(1000) NOT NULL,
    version   INTEGER       NOT NULL
);

CREATE TABLE ldap_role_mapping_role (
    mapping_id  VARCHAR(36) NOT NULL REFERENCES ldap_role_mapping (id) ON DELETE CASCADE,
    role_id     VARCHAR(36) NOT NULL REFERENCES admin_role (id),
    PRIMARY KEY (mapping_id, role_id)
);

-- Settings changed through the admin API; a setting absent here takes its value from the configuration.
CREATE TABLE admin_setting (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    setting     VARCHAR(8000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(255)  NOT NULL
);

CREATE SEQUENCE audit_event_id_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE audit_event (
    id              BIGINT        NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type      VARCHAR(60)   NOT NULL,
    actor           VARCHAR(255)  NOT NULL,
    source_address  VARCHAR(64),
    outcome         VARCHAR(20)   NOT NULL,
    detail          VARCHAR(4000) NOT NULL
);
CREATE INDEX ix_audit_event_time ON audit_event (occurred_at, id);
