/**
 * Cryptographic building blocks of authentication: bcrypt password hashing ({@link
 * org.zou4j.internal.auth.crypto.PasswordHasher}), HS256 JSON Web Tokens ({@link org.zou4j.internal.auth.crypto.JwtCodec},
 * {@link org.zou4j.internal.auth.crypto.TokenIssuer}), RFC 6238 one-time passwords ({@link
 * org.zou4j.internal.auth.crypto.Totp}), random secrets ({@link org.zou4j.internal.auth.crypto.RandomTokens}) and the
 * WebAuthn relying-party checks ({@link org.zou4j.internal.auth.crypto.WebAuthn}) with their CBOR decoder ({@link
 * org.zou4j.internal.auth.crypto.Cbor}) and COSE public keys ({@link org.zou4j.internal.auth.crypto.CoseKey}), built
 * on the JDK's signature algorithms.
 *
 * <p>Everything here is compatible with what Zou (Python) stores and issues, so an existing Zou database and its
 * tokens keep working. Nothing in this package logs, and no exception message carries a password, key or token.
 */
package org.zou4j.internal.auth.crypto;
