package org.zou4j.internal.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.internal.auth.crypto.CoseKey;
import org.zou4j.internal.auth.crypto.WebAuthn;

/**
 * The {@code person.fido_credentials} JSON array, read and written in Zou's layout so that a database moves between
 * Zou and zou4j: {@code {"device_name", "aaguid": int, "credential_id": int, "public_key": {"1": kty, "3": alg,
 * "-1": crv, "-2": int(x), "-3": int(y)}}} (byte strings as big-endian integers). Zou's integers lose leading zero
 * bytes, so zou4j also writes the exact bytes ({@code zou4j_credential_id}, {@code zou4j_public_key}: base64url of the
 * id and of the COSE key) and the signature counter ({@code sign_count}); Zou ignores these keys. Entries written by
 * Zou are still matched (credential ids compared as integers) and their EC2 keys rebuilt with full-length coordinates.
 *
 * <p>Entries are kept as JSON maps so that unknown keys survive a rewrite.
 */
final class FidoCredentials {
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };
    static final String DEVICE_NAME = "device_name";
    private static final String EXACT_ID = "zou4j_credential_id";
    private static final String EXACT_KEY = "zou4j_public_key";
    static final String SIGN_COUNT = "sign_count";

    private FidoCredentials() {
    }

    /** The entries of the stored JSON text (null, unreadable or non-object entries give nothing). */
    static List<Map<String, Object>> parse(ObjectMapper mapper, String json) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        try {
            List<Object> list = mapper.readValue(json, LIST);
            if (list != null) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        m.forEach((k, v) -> entry.put(String.valueOf(k), v));
                        out.add(entry);
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The JSON text to store; null for no entry (Zou's empty state). */
    static String write(ObjectMapper mapper, List<Map<String, Object>> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(entries);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write FIDO credentials", e);
        }
    }

    /** A new entry for a verified registration. */
    static Map<String, Object> entry(String deviceName, WebAuthn.Registration registration, Map<?, ?> cose) {
        Map<String, Object> publicKey = new LinkedHashMap<>();
        cose.forEach((label, value) -> publicKey.put(String.valueOf(label),
                value instanceof byte[] b ? new BigInteger(1, b) : value));
        Map<String, Object> e = new LinkedHashMap<>();
        e.put(DEVICE_NAME, deviceName);
        e.put("aaguid", new BigInteger(1, registration.aaguid()));
        e.put("credential_id", new BigInteger(1, registration.credentialId()));
        e.put("public_key", publicKey);
        e.put(SIGN_COUNT, registration.signCount());
        e.put(EXACT_ID, WebAuthn.encodeBase64(registration.credentialId()));
        e.put(EXACT_KEY, WebAuthn.encodeBase64(registration.publicKey()));
        return e;
    }

    /** The credential id as sent to authenticators (exact bytes when known, else Zou's integer as bytes). */
    static byte[] credentialId(Map<String, Object> entry) {
        if (entry.get(EXACT_ID) instanceof String s) {
            try {
                return WebAuthn.decodeBase64(s);
            } catch (IllegalArgumentException e) {
                // fall back to Zou's integer
            }
        }
        BigInteger id = integer(entry.get("credential_id"));
        return id == null ? null : unsigned(id, 0);
    }

    /** Whether the entry is the credential with this id. */
    static boolean matches(Map<String, Object> entry, byte[] id) {
        if (entry.get(EXACT_ID) instanceof String s) {
            try {
                return Arrays.equals(WebAuthn.decodeBase64(s), id);
            } catch (IllegalArgumentException e) {
                // fall back to Zou's integer
            }
        }
        BigInteger stored = integer(entry.get("credential_id"));
        return stored != null && stored.equals(new BigInteger(1, id)); // Zou's ints drop leading zero bytes
    }

    /** The entry's public key, or null when it cannot be read. */
    static CoseKey key(Map<String, Object> entry) {
        try {
            if (entry.get(EXACT_KEY) instanceof String s) {
                return CoseKey.fromCbor(WebAuthn.decodeBase64(s));
            }
            if (entry.get("public_key") instanceof Map<?, ?> zou) {
                return CoseKey.fromCose(zouKey(zou));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** Zou's stored key map back to a COSE map (labels as longs, EC2 coordinates padded to the curve's size). */
    private static Map<Object, Object> zouKey(Map<?, ?> zou) {
        Map<Object, Object> cose = new LinkedHashMap<>();
        zou.forEach((k, v) -> {
            long label = Long.parseLong(String.valueOf(k));
            cose.put(label, v);
        });
        BigInteger kty = integer(cose.get(1L));
        BigInteger crv = integer(cose.get(-1L));
        for (Map.Entry<Object, Object> e : cose.entrySet()) {
            long label = (Long) e.getKey();
            BigInteger value = integer(e.getValue());
            if (value == null) {
                continue;
            }
            if (label == 1L || label == 3L || (label == -1L && kty != null && kty.intValue() != 3)) {
                e.setValue(value.longValue());
            } else {
                int size = kty != null && kty.intValue() == 2 && crv != null
                        ? switch (crv.intValue()) {
                            case 1 -> 32;
                            case 2 -> 48;
                            case 3 -> 66;
                            default -> 0;
                        }
                        : kty != null && kty.intValue() == 1 ? 32 : 0;
                e.setValue(unsigned(value, size));
            }
        }
        return cose;
    }

    /** Big-endian bytes without a sign byte, left-padded with zeros to {@code size} when given. */
    private static byte[] unsigned(BigInteger v, int size) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = Arrays.copyOfRange(b, 1, b.length);
        }
        if (size > b.length) {
            byte[] padded = new byte[size];
            System.arraycopy(b, 0, padded, size - b.length, b.length);
            return padded;
        }
        return b;
    }

    private static BigInteger integer(Object o) {
        if (o instanceof BigInteger b) {
            return b;
        }
        if (o instanceof Number n && !(o instanceof Double) && !(o instanceof Float)
                && !(o instanceof java.math.BigDecimal)) {
            return BigInteger.valueOf(n.longValue());
        }
        if (o instanceof java.math.BigDecimal d) {
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    static long signCount(Map<String, Object> entry) {
        BigInteger n = integer(entry.get(SIGN_COUNT));
        return n == null ? 0 : n.longValue();
    }
}
