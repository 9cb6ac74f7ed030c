-- OpenID Connect sign-in state, in the database so that any engine instance over the same storage can finish a login
-- another one started (engine-own table, prefixed zou4j_, no /data route).

-- Authorization requests sent to the provider and not yet answered, by their state: the callback must name one of
-- them (and the browser must hold the same state in its cookie), and consumes it. nonce is checked against the ID
-- token, code_verifier is PKCE's secret for the code exchange. Rows past expires_at are refused and purged.
CREATE TABLE zou4j_oidc_request (
    state VARCHAR(64) NOT NULL,
    nonce VARCHAR(64) NOT NULL,
    code_verifier VARCHAR(128) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_oidc_request_pkey PRIMARY KEY (state)
);
CREATE INDEX ix_zou4j_oidc_request_expires_at ON zou4j_oidc_request (expires_at);
