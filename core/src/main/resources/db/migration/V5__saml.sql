-- SAML single sign-on state, in the database so that any engine instance over the same storage can finish a login
-- another one started (engine-own tables, prefixed zou4j_, no /data route).

-- AuthnRequests sent to the identity provider and not yet answered: a response's InResponseTo must name one of them,
-- and consumes it. Rows past expires_at are refused and purged.
CREATE TABLE zou4j_saml_request (
    request_id VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_saml_request_pkey PRIMARY KEY (request_id)
);
CREATE INDEX ix_zou4j_saml_request_expires_at ON zou4j_saml_request (expires_at);

-- Assertions already used to log in (replay protection), kept until the assertion would be refused as expired anyway.
-- assertion_key is the SHA-256 (hex) of the issuer and the assertion ID.
CREATE TABLE zou4j_saml_assertion (
    assertion_key VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_saml_assertion_pkey PRIMARY KEY (assertion_key)
);
CREATE INDEX ix_zou4j_saml_assertion_expires_at ON zou4j_saml_assertion (expires_at);
