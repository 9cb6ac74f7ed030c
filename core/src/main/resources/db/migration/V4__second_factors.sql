-- One-time state of the second factors, kept in the database so that any engine instance over the same storage can
-- finish what another began (Zou keeps the e-mail code counter in Redis and the FIDO challenge in its signed session
-- cookie). The factors' secrets stay in Zou's person columns: totp_secret, email_otp_secret, otp_recovery_codes
-- (bcrypt hashes), fido_credentials. Every row here is consumed with a conditional UPDATE/DELETE whose row count
-- decides, so two instances can never both accept one code.

-- The last TOTP time step accepted for a person: a code is accepted only for a later step (RFC 6238 §5.2), so a code
-- works once even inside its validity window. Zou has no such check.
CREATE TABLE zou4j_totp_last_step (
    person_id UUID NOT NULL,
    last_step BIGINT NOT NULL,
    CONSTRAINT zou4j_totp_last_step_pkey PRIMARY KEY (person_id),
    CONSTRAINT zou4j_totp_last_step_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
);

-- The pending e-mailed code of a person (one at a time, as Zou): the code is HOTP(email_otp_secret, counter), so only
-- the random counter is stored, never the code. Deleted when used; refused after expires_at or too many wrong tries.
CREATE TABLE zou4j_email_otp (
    person_id UUID NOT NULL,
    counter BIGINT NOT NULL,
    failed_attempts INTEGER DEFAULT 0 NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_email_otp_pkey PRIMARY KEY (person_id),
    CONSTRAINT zou4j_email_otp_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
);
CREATE INDEX ix_zou4j_email_otp_expires_at ON zou4j_email_otp (expires_at);

-- Pending WebAuthn ceremonies, one row per issued challenge (base64url of 32 random bytes), single use: the row is
-- deleted by the request that presents the challenge, whatever the outcome. ceremony is 'registration' or
-- 'authentication'.
CREATE TABLE zou4j_fido_challenge (
    challenge VARCHAR(64) NOT NULL,
    person_id UUID NOT NULL,
    ceremony VARCHAR(16) NOT NULL,
    user_verification VARCHAR(16) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CONSTRAINT zou4j_fido_challenge_pkey PRIMARY KEY (challenge),
    CONSTRAINT zou4j_fido_challenge_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
);
CREATE INDEX ix_zou4j_fido_challenge_person_id ON zou4j_fido_challenge (person_id);
CREATE INDEX ix_zou4j_fido_challenge_expires_at ON zou4j_fido_challenge (expires_at);
