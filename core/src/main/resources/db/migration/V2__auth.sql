-- Authentication state the engine keeps in the database, so that every engine instance over the same storage sees
-- the same logouts and password-reset tokens (Zou keeps both in Redis). Engine-own tables are prefixed zou4j_: they
-- are not Zou models and have no /data route.

-- Ids (jti) of revoked session tokens (logout, deactivated person). A row is only needed until the token it names
-- would have expired anyway; expired rows are purged by the engine.
CREATE TABLE zou4j_revoked_token (
    jti VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_revoked_token_pkey PRIMARY KEY (jti)
);
CREATE INDEX ix_zou4j_revoked_token_expires_at ON zou4j_revoked_token (expires_at);

-- Pending password-reset tokens, one-time. Only the SHA-256 of the token is stored (hex), never the token itself.
CREATE TABLE zou4j_password_reset_token (
    token_hash VARCHAR(64) NOT NULL,
    person_id UUID NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_password_reset_token_pkey PRIMARY KEY (token_hash),
    CONSTRAINT zou4j_password_reset_token_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
        ON DELETE CASCADE
);
CREATE INDEX ix_zou4j_password_reset_token_person_id ON zou4j_password_reset_token (person_id);
CREATE INDEX ix_zou4j_password_reset_token_expires_at ON zou4j_password_reset_token (expires_at);
