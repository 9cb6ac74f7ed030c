package org.zou4j.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A software FIDO2 authenticator for tests, with a BouncyCastle P-256 key: it answers WebAuthn registration and
 * authentication options (as a browser would hand them to {@code navigator.credentials}) with the JSON a browser
 * posts back, signing real assertions. Knobs let tests forge what a real authenticator never would: another origin,
 * another key, a replayed counter.
 */
public final class SoftAuthenticator {
    private static final Provider BC = new BouncyCastleProvider();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair key;
    private final byte[] credentialId;
    private final byte[] aaguid = new byte[16];
    private final AtomicLong counter = new AtomicLong();
    private String origin;
    private String rpIdOverride;
    private boolean counting = true;

    /** A new authenticator used from pages of {@code origin} (e.g. {@code https://kitsu.studio.example}). */
    public SoftAuthenticator(String origin) {
        this(origin, 32);
    }

    /**
     * @param credentialIdLength length of the credential id; its first byte is zero (Zou's integer encoding loses
     *                           it, which the server must survive)
     */
    public SoftAuthenticator(String origin, int credentialIdLength) {
        this.origin = origin;
        this.key = newKey();
        this.credentialId = new byte[credentialIdLength];
        new java.security.SecureRandom().nextBytes(credentialId);
        credentialId[0] = 0;
        credentialId[1] |= 1;
        aaguid[15] = 7;
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pages of another origin from now on (a phishing site, say). */
    public SoftAuthenticator fromOrigin(String o) {
        this.origin = o;
        return this;
    }

    /** Hashes this RP id instead of the one in the options. */
    public SoftAuthenticator forRpId(String rpId) {
        this.rpIdOverride = rpId;
        return this;
    }

    /** Whether the signature counter grows (false: always 0, as many passkeys do). */
    public SoftAuthenticator counting(boolean c) {
        this.counting = c;
        return this;
    }

    /** Sets the counter the next assertion increments from. */
    public SoftAuthenticator counterAt(long value) {
        counter.set(value);
        return this;
    }

    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** {@code navigator.credentials.create}: the registration response for creation options. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> register(Map<String, Object> options) {
        Map<String, Object> rp = (Map<String, Object>) options.get("rp");
        String rpId = rpIdOverride != null ? rpIdOverride : (String) rp.get("id");
        byte[] clientData = clientData("webauthn.create", (String) options.get("challenge"));
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        Map<Object, Object> cose = new LinkedHashMap<>();
        cose.put(1L, 2L);
        cose.put(3L, -7L);
        cose.put(-1L, 1L);
        cose.put(-2L, fixed(pub.getW().getAffineX(), 32));
        cose.put(-3L, fixed(pub.getW().getAffineY(), 32));
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        auth.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        auth.write(0x41 | 0x04); // UP, UV, AT
        auth.writeBytes(ByteBuffer.allocate(4).putInt((int) counter.get()).array());
        auth.writeBytes(aaguid);
        auth.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        auth.writeBytes(credentialId);
        auth.writeBytes(cbor(cose));
        Map<Object, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", auth.toByteArray());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("attestationObject", B64.encodeToString(cbor(attestation)));
        return credential(response);
    }

    /** {@code navigator.credentials.get}: an assertion signed with this authenticator's key. */
    public Map<String, Object> authenticate(Map<String, Object> options) {
        return authenticate(options, key);
    }

    /** An assertion signed with another key than the registered one. */
    public Map<String, Object> authenticateWithWrongKey(Map<String, Object> options) {
        return authenticate(options, newKey());
    }

    /** An assertion for a challenge the server never issued (or already used). */
    public Map<String, Object> authenticateChallenge(String rpId, String challenge) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rpId", rpId);
        options.put("challenge", challenge);
        return authenticate(options, key);
    }

    private Map<String, Object> authenticate(Map<String, Object> options, KeyPair signer) {
        String rpId = rpIdOverride != null ? rpIdOverride : (String) options.get("rpId");
        byte[] clientData = clientData("webauthn.get", (String) options.get("challenge"));
        long count = counting ? counter.incrementAndGet() : 0;
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        auth.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        auth.write(0x01 | 0x04); // UP, UV
        auth.writeBytes(ByteBuffer.allocate(4).putInt((int) count).array());
        byte[] authData = auth.toByteArray();
        byte[] signature;
        try {
            Signature s = Signature.getInstance("SHA256withECDSA", BC);
            s.initSign(signer.getPrivate());
            s.update(authData);
            s.update(sha256(clientData));
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("authenticatorData", B64.encodeToString(authData));
        response.put("signature", B64.encodeToString(signature));
        response.put("userHandle", null);
        return credential(response);
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", B64.encodeToString(credentialId));
        c.put("rawId", B64.encodeToString(credentialId));
        c.put("type", "public-key");
        c.put("response", response);
        c.put("clientExtensionResults", Map.of());
        return c;
    }

    private byte[] clientData(String type, String challenge) {
        String json = "{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixed(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(b.length, size);
        System.arraycopy(b, b.length - copy, out, size - copy, copy);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a minimal CBOR encoder (definite lengths) -----------------------------------------------------------------

    /** Encodes longs, byte arrays, strings, lists and maps. */
    public static byte[] cbor(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object v) {
        if (v instanceof Long || v instanceof Integer) {
            long n = ((Number) v).longValue();
            if (n >= 0) {
                head(out, 0, n);
            } else {
                head(out, 1, -1 - n);
            }
        } else if (v instanceof byte[] b) {
            head(out, 2, b.length);
            out.writeBytes(b);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            head(out, 3, b.length);
            out.writeBytes(b);
        } else if (v instanceof List<?> list) {
            head(out, 4, list.size());
            list.forEach(e -> write(out, e));
        } else if (v instanceof Map<?, ?> map) {
            head(out, 5, map.size());
            map.forEach((k, e) -> {
                write(out, k);
                write(out, e);
            });
        } else if (v instanceof Boolean b) {
            out.write(b ? 0xf5 : 0xf4);
        } else if (v == null) {
            out.write(0xf6);
        } else {
            throw new IllegalArgumentException("cannot encode " + v.getClass());
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long n) {
        int m = major << 5;
        if (n < 24) {
            out.write(m | (int) n);
        } else if (n < 0x100) {
            out.write(m | 24);
            out.write((int) n);
        } else if (n < 0x10000) {
            out.write(m | 25);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) n).array());
        } else if (n < 0x100000000L) {
            out.write(m | 26);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) n).array());
        } else {
            out.write(m | 27);
            out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
        }
    }
}
