package org.zou4j.internal.auth.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The relying-party checks of WebAuthn Level 2 (§7.1 registration, §7.2 authentication) that a server without
 * attestation needs: client data (type, challenge, origin), authenticator data (RP id hash, user presence and, when
 * asked, verification, attested credential data), and the assertion signature. Attestation statements are not
 * verified (Zou asks for none). Challenges are compared in constant time.
 *
 * <p>Thread-safe.
 */
public final class WebAuthn {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLAG_UP = 0x01;
    private static final int FLAG_UV = 0x04;
    private static final int FLAG_AT = 0x40;
    private static final int FLAG_ED = 0x80;

    private final String rpId;
    private final OriginPolicy origins;
    private final byte[] rpIdHash;

    /**
     * @param rpId    the relying party id (a host name, e.g. {@code kitsu.studio.example})
     * @param origins which client origins are accepted
     */
    public WebAuthn(String rpId, OriginPolicy origins) {
        this.rpId = Objects.requireNonNull(rpId, "rpId");
        this.origins = Objects.requireNonNull(origins, "origins");
        this.rpIdHash = sha256(rpId.getBytes(StandardCharsets.UTF_8));
    }

    public String rpId() {
        return rpId;
    }

    /** Which origins ({@code clientDataJSON.origin}) a relying party accepts. */
    @FunctionalInterface
    public interface OriginPolicy {
        boolean allows(String origin);

        /**
         * python-fido2's default rule: an {@code https} origin whose host is the RP id or a sub-domain of it, or
         * {@code http://localhost} (any port) when the RP id is {@code localhost}.
         */
        static OriginPolicy sameSite(String rpId) {
            String id = rpId.toLowerCase(Locale.ROOT);
            return origin -> {
                if (origin == null) {
                    return false;
                }
                URI uri;
                try {
                    uri = new URI(origin);
                } catch (URISyntaxException e) {
                    return false;
                }
                String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
                if (host == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                        || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                    return false;
                }
                if ("https".equals(uri.getScheme())) {
                    return host.equals(id) || host.endsWith("." + id);
                }
                return "http".equals(uri.getScheme()) && "localhost".equals(host) && "localhost".equals(id);
            };
        }

        /** Exactly these origins (e.g. {@code https://kitsu.studio.example}). */
        static OriginPolicy exactly(Collection<String> allowed) {
            Set<String> set = Set.copyOf(allowed);
            return set::contains;
        }
    }

    /** Why a ceremony was refused; the message names the check, never the data. */
    public static final class WebAuthnException extends Exception {
        private static final long serialVersionUID = 1L;

        public WebAuthnException(String message) {
            super(message);
        }
    }

    /**
     * The parsed {@code clientDataJSON}.
     *
     * @param type      {@code webauthn.create} or {@code webauthn.get}
     * @param challenge the challenge the client signed (decoded)
     * @param origin    the origin the browser reports
     * @param hash      SHA-256 of the raw JSON (what the authenticator signs)
     */
    public record ClientData(String type, byte[] challenge, String origin, byte[] hash) {
        /** Reads client data; the challenge is readable before any check so the server can look its state up. */
        public static ClientData parse(byte[] clientDataJson) throws WebAuthnException {
            JsonNode node;
            try {
                node = JSON.readTree(clientDataJson);
            } catch (IOException e) {
                throw new WebAuthnException("clientDataJSON is not JSON");
            }
            if (node == null || !node.isObject() || !node.path("type").isTextual()
                    || !node.path("challenge").isTextual() || !node.path("origin").isTextual()) {
                throw new WebAuthnException("clientDataJSON lacks type, challenge or origin");
            }
            byte[] challenge;
            try {
                challenge = decodeBase64(node.get("challenge").asText());
            } catch (IllegalArgumentException e) {
                throw new WebAuthnException("clientDataJSON challenge is not base64url");
            }
            return new ClientData(node.get("type").asText(), challenge, node.get("origin").asText(),
                    sha256(clientDataJson));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClientData c && type.equals(c.type) && Arrays.equals(challenge, c.challenge)
                    && origin.equals(c.origin);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, Arrays.hashCode(challenge), origin);
        }

        @Override
        public String toString() {
            return "ClientData[" + type + ", " + origin + "]";
        }
    }

    /**
     * Authenticator data (WebAuthn §6.1).
     *
     * @param rpIdHash     SHA-256 of the RP id the authenticator used
     * @param flags        the flags byte
     * @param signCount    the signature counter
     * @param aaguid       authenticator model id (attested credential data only, else null)
     * @param credentialId the credential id (attested credential data only, else null)
     * @param publicKey    the COSE public key bytes (attested credential data only, else null)
     */
    public record AuthenticatorData(byte[] rpIdHash, int flags, long signCount, byte[] aaguid, byte[] credentialId,
                                    byte[] publicKey) {
        public static AuthenticatorData parse(byte[] data) throws WebAuthnException {
            if (data == null || data.length < 37) {
                throw new WebAuthnException("authenticator data too short");
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            byte[] rpHash = new byte[32];
            b.get(rpHash);
            int flags = b.get() & 0xff;
            long count = b.getInt() & 0xffffffffL;
            byte[] aaguid = null;
            byte[] credentialId = null;
            byte[] key = null;
            int end = 37;
            if ((flags & FLAG_AT) != 0) {
                if (data.length < 37 + 18) {
                    throw new WebAuthnException("attested credential data truncated");
                }
                aaguid = new byte[16];
                b.get(aaguid);
                int idLength = b.getShort() & 0xffff;
                if (idLength < 1 || idLength > 1023 || data.length < 55 + idLength) {
                    throw new WebAuthnException("credential id length invalid");
                }
                credentialId = new byte[idLength];
                b.get(credentialId);
                int keyStart = 55 + idLength;
                Cbor.Reader reader = new Cbor.Reader(data, keyStart);
                try {
                    reader.read();
                } catch (IllegalArgumentException e) {
                    throw new WebAuthnException("credential public key is not CBOR");
                }
                key = Arrays.copyOfRange(data, keyStart, reader.position());
                end = reader.position();
            }
            if ((flags & FLAG_ED) != 0) {
                Cbor.Reader reader = new Cbor.Reader(data, end);
                try {
                    reader.read();
                } catch (IllegalArgumentException e) {
                    throw new WebAuthnException("extensions are not CBOR");
                }
                end = reader.position();
            }
            if (end != data.length) {
                throw new WebAuthnException("trailing bytes in authenticator data");
            }
            return new AuthenticatorData(rpHash, flags, count, aaguid, credentialId, key);
        }

        public boolean userPresent() {
            return (flags & FLAG_UP) != 0;
        }

        public boolean userVerified() {
            return (flags & FLAG_UV) != 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AuthenticatorData a && Arrays.equals(rpIdHash, a.rpIdHash) && flags == a.flags
                    && signCount == a.signCount && Arrays.equals(credentialId, a.credentialId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(rpIdHash), flags, signCount, Arrays.hashCode(credentialId));
        }

        @Override
        public String toString() {
            return "AuthenticatorData[flags=" + flags + ", signCount=" + signCount + "]";
        }
    }

    /**
     * A verified registration.
     *
     * @param credentialId the new credential's id
     * @param aaguid       the authenticator model id (all zeros when not attested)
     * @param publicKey    the credential public key, COSE-encoded, as the authenticator sent it
     * @param key          the same key, decoded
     * @param signCount    the initial signature counter
     */
    public record Registration(byte[] credentialId, byte[] aaguid, byte[] publicKey, CoseKey key, long signCount) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Registration r && Arrays.equals(credentialId, r.credentialId)
                    && Arrays.equals(publicKey, r.publicKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(credentialId);
        }

        @Override
        public String toString() {
            return "Registration[alg=" + key.algorithm() + ", signCount=" + signCount + "]";
        }
    }

    /**
     * Checks a registration response (WebAuthn §7.1 steps 5–21, attestation excluded).
     *
     * @param expectedChallenge the challenge the server issued for this ceremony
     * @param requireUserVerification whether the UV flag must be set
     */
    public Registration verifyRegistration(byte[] clientDataJson, byte[] attestationObject, byte[] expectedChallenge,
                                           boolean requireUserVerification) throws WebAuthnException {
        ClientData client = ClientData.parse(clientDataJson);
        checkClient(client, "webauthn.create", expectedChallenge);
        Object decoded;
        try {
            decoded = Cbor.decode(attestationObject);
        } catch (IllegalArgumentException e) {
            throw new WebAuthnException("attestationObject is not CBOR");
        }
        if (!(decoded instanceof Map<?, ?> att) || !(att.get("authData") instanceof byte[] authBytes)
                || !(att.get("fmt") instanceof String)) {
            throw new WebAuthnException("attestationObject lacks fmt or authData");
        }
        AuthenticatorData auth = AuthenticatorData.parse(authBytes);
        checkAuthenticator(auth, requireUserVerification);
        if (auth.credentialId() == null) {
            throw new WebAuthnException("no attested credential data");
        }
        CoseKey key;
        try {
            key = CoseKey.fromCbor(auth.publicKey());
        } catch (IllegalArgumentException e) {
            throw new WebAuthnException("unsupported credential public key");
        }
        return new Registration(auth.credentialId(), auth.aaguid(), auth.publicKey(), key, auth.signCount());
    }

    /**
     * Checks an authentication assertion (WebAuthn §7.2 steps 10–21; the caller has found the credential and checks
     * the signature counter against its own record).
     *
     * @return the authenticator data, whose {@code signCount} the caller compares and stores
     */
    public AuthenticatorData verifyAssertion(byte[] clientDataJson, byte[] authenticatorData, byte[] signature,
                                             byte[] expectedChallenge, CoseKey key, boolean requireUserVerification)
            throws WebAuthnException {
        ClientData client = ClientData.parse(clientDataJson);
        checkClient(client, "webauthn.get", expectedChallenge);
        AuthenticatorData auth = AuthenticatorData.parse(authenticatorData);
        checkAuthenticator(auth, requireUserVerification);
        byte[] signed = ByteBuffer.allocate(authenticatorData.length + 32).put(authenticatorData).put(client.hash())
                .array();
        if (signature == null || !key.verify(signed, signature)) {
            throw new WebAuthnException("signature does not verify");
        }
        return auth;
    }

    private void checkClient(ClientData client, String type, byte[] expectedChallenge) throws WebAuthnException {
        if (!type.equals(client.type())) {
            throw new WebAuthnException("clientDataJSON type is not " + type);
        }
        if (expectedChallenge == null || !MessageDigest.isEqual(expectedChallenge, client.challenge())) {
            throw new WebAuthnException("challenge does not match");
        }
        if (!origins.allows(client.origin())) {
            throw new WebAuthnException("origin not allowed");
        }
    }

    private void checkAuthenticator(AuthenticatorData auth, boolean requireUserVerification)
            throws WebAuthnException {
        if (!MessageDigest.isEqual(rpIdHash, auth.rpIdHash())) {
            throw new WebAuthnException("RP id hash does not match");
        }
        if (!auth.userPresent()) {
            throw new WebAuthnException("user presence flag not set");
        }
        if (requireUserVerification && !auth.userVerified()) {
            throw new WebAuthnException("user verification flag not set");
        }
    }

    /** Base64url without padding, as WebAuthn JSON carries bytes. */
    public static String encodeBase64(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    /**
     * Decodes base64url, with or without padding; standard base64 ({@code +/}) is accepted too since clients differ.
     *
     * @throws IllegalArgumentException if the text is not base64
     */
    public static byte[] decodeBase64(String text) {
        String s = text.strip().replace('+', '-').replace('/', '_');
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return Base64.getUrlDecoder().decode(s.substring(0, end));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
