/**
 * Zou's authentication on top of the crypto building blocks ({@code internal.auth.crypto}): password login with a
 * database-backed lockout and login logs ({@link org.zou4j.internal.auth.AuthService#login}), session tokens with
 * refresh and logout, per-request token verification with revocation stored in the database
 * ({@code zou4j_revoked_token}, migration V2) and a fresh person lookup, bot and personal-API tokens
 * ({@code person.jti}), password change and one-time reset tokens mailed through the engine's
 * {@link org.zou4j.mail.MailSender} ({@code zou4j_password_reset_token}, stored as SHA-256).
 *
 * <p>Second factors ({@link org.zou4j.internal.auth.TwoFactorService}, {@link org.zou4j.internal.auth.SecondFactor}):
 * TOTP, e-mailed codes, recovery codes and FIDO2/WebAuthn devices, with secrets in Zou's person columns and the
 * one-time state (last TOTP step, pending e-mail code, WebAuthn challenges) in the {@code zou4j_} tables of migration
 * V4, each consumed by one conditional statement so that a code is accepted once across engines. Zou's
 * {@code ENFORCE_2FA} restricts the tokens of persons without a factor to the enrolment calls.
 *
 * <p>No state lives in the engine: several engines over one database honour each other's logouts, lockouts and reset
 * tokens. Failures carry Zou's exact status and body ({@link org.zou4j.internal.auth.AuthErrors}); no message or log
 * line carries a password, token or key.
 */
package org.zou4j.internal.auth;
