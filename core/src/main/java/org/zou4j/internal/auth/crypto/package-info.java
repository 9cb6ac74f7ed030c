/**
 * Cryptographic building blocks of authentication: bcrypt password hashing ({@link
 * org.zou4j.internal.auth.crypto.PasswordHasher}), HS256 JSON Web Tokens ({@link org.zou4j.internal.auth.crypto.JwtCodec},
 * {@link org.zou4j.internal.auth.crypto.TokenIssuer}), RFC 6238 one-time passwords ({@link
 * org.zou4j.internal.auth.crypto.Totp}) and random secrets ({@link org.zou4j.internal.auth.crypto.RandomTokens}).
 *
 * <p>Everything here is compatible with what Zou (Python) stores and issues, so an existing Zou database and its
 * tokens keep working. Nothing in this package logs, and no exception message carries a password, key or token.
 */
package org.zou4j.internal.auth.crypto;
