package org.zou4j.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.internal.auth.crypto.Cbor;
import org.zou4j.internal.auth.crypto.CoseKey;
import org.zou4j.internal.auth.crypto.RandomTokens;
import org.zou4j.internal.auth.crypto.WebAuthn;
import org.zou4j.internal.auth.crypto.WebAuthn.WebAuthnException;

/**
 * FIDO2 / WebAuthn as Zou offers it (reference §4.4): registration and authentication options in python-fido2's JSON
 * shape, and verification of the browser's answers. The challenge of each ceremony is kept in the database
 * ({@code zou4j_fido_challenge}) and taken once by the request that answers it, so any engine can finish a ceremony
 * another began; Zou keeps it in its signed session cookie instead.
 *
 * <p>Thread-safe.
 */
final class Fido {
    private static final Logger LOG = LoggerFactory.getLogger(Fido.class);
    static final String REGISTRATION = "registration";
    static final String AUTHENTICATION = "authentication";
    private static final String PREFERRED = "preferred";
    /** Pending challenges kept per person and ceremony; older ones stop working. */
    private static final int PENDING_PER_PERSON = 5;

    private final WebAuthn webAuthn;
    private final TwoFactorStore store;
    private final RandomTokens random;
    private final ObjectMapper mapper;
    private final Duration challengeLifetime;

    Fido(WebAuthn webAuthn, TwoFactorStore store, RandomTokens random, ObjectMapper mapper,
         Duration challengeLifetime) {
        this.webAuthn = webAuthn;
        this.store = store;
        this.random = random;
        this.mapper = mapper;
        this.challengeLifetime = challengeLifetime;
    }

    /** A refused registration: no pending challenge, or a response that does not verify. */
    static final class RegistrationRefused extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean noChallenge;

        RegistrationRefused(boolean noChallenge, String message) {
            super(message);
            this.noChallenge = noChallenge;
        }
    }

    private static List<Map<String, Object>> descriptors(List<Map<String, Object>> credentials) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> c : credentials) {
            byte[] id = FidoCredentials.credentialId(c);
            if (id != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("type", "public-key");
                d.put("id", WebAuthn.encodeBase64(id));
                list.add(d);
            }
        }
        return list;
    }

    /** python-fido2's {@code register_begin} options; the challenge is stored for the person. */
    Map<String, Object> registrationOptions(UUID personId, String email, String fullName, String credentialsJson) {
        String challenge = WebAuthn.encodeBase64(random.bytes(32));
        store.storeChallenge(challenge, personId, REGISTRATION, PREFERRED, challengeLifetime, PENDING_PER_PERSON);
        Map<String, Object> rp = new LinkedHashMap<>();
        rp.put("name", "Kitsu");
        rp.put("id", webAuthn.rpId());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", email == null ? "" : email);
        user.put("displayName", fullName);
        user.put("id", WebAuthn.encodeBase64(personId.toString().getBytes(StandardCharsets.UTF_8)));
        List<Map<String, Object>> params = new ArrayList<>();
        for (int alg : CoseKey.SUPPORTED_ALGORITHMS) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "public-key");
            p.put("alg", alg);
            params.add(p);
        }
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("authenticatorAttachment", "cross-platform");
        selection.put("userVerification", PREFERRED);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", rp);
        options.put("user", user);
        options.put("challenge", challenge);
        options.put("pubKeyCredParams", params);
        options.put("excludeCredentials", descriptors(FidoCredentials.parse(mapper, credentialsJson)));
        options.put("authenticatorSelection", selection);
        return options;
    }

    /** python-fido2's {@code authenticate_begin} options; the challenge is stored for the person. */
    Map<String, Object> authenticationOptions(UUID personId, String credentialsJson) {
        String challenge = WebAuthn.encodeBase64(random.bytes(32));
        store.storeChallenge(challenge, personId, AUTHENTICATION, PREFERRED, challengeLifetime, PENDING_PER_PERSON);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rpId", webAuthn.rpId());
        options.put("allowCredentials", descriptors(FidoCredentials.parse(mapper, credentialsJson)));
        return options;
    }

    /**
     * Verifies a registration response ({@code {id, rawId, type, response: {clientDataJSON, attestationObject}}})
     * against a pending registration challenge of the person (taken, so it works once).
     *
     * @return the credential entry to store
     */
    Map<String, Object> register(UUID personId, Map<?, ?> response, String deviceName,
                                 List<Map<String, Object>> existing) throws RegistrationRefused {
        Map<?, ?> inner = response.get("response") instanceof Map<?, ?> m ? m : Map.of();
        byte[] clientData = bytes(inner.get("clientDataJSON"));
        byte[] attestation = bytes(inner.get("attestationObject"));
        WebAuthn.ClientData client = clientData == null ? null : parseQuietly(clientData);
        String uv = client == null ? null
                : store.takeChallenge(WebAuthn.encodeBase64(client.challenge()), personId, REGISTRATION);
        if (uv == null) {
            throw new RegistrationRefused(true, "No pending registration challenge");
        }
        try {
            if (attestation == null) {
                throw new WebAuthnException("attestationObject missing");
            }
            WebAuthn.Registration r = webAuthn.verifyRegistration(clientData, attestation, client.challenge(),
                    "required".equals(uv));
            for (Map<String, Object> e : existing) {
                if (FidoCredentials.matches(e, r.credentialId())) {
                    throw new WebAuthnException("credential already registered");
                }
            }
            Map<?, ?> cose = (Map<?, ?>) Cbor.decode(r.publicKey());
            return FidoCredentials.entry(deviceName, r, cose);
        } catch (WebAuthnException e) {
            LOG.info("FIDO registration refused for person {}: {}", personId, e.getMessage());
            throw new RegistrationRefused(false, e.getMessage());
        }
    }

    /** What a verified assertion established: which stored entry signed, and its new counter. */
    record Assertion(byte[] credentialId, long signCount) {
    }

    /**
     * Verifies an assertion ({@code {id, rawId, type, response: {clientDataJSON, authenticatorData, signature,
     * userHandle}}}) against a pending authentication challenge of the person (taken whatever the outcome) and the
     * person's credentials. The caller checks and stores the signature counter.
     *
     * @return null when the assertion is refused
     */
    Assertion verify(UUID personId, Map<?, ?> response, List<Map<String, Object>> credentials) {
        Map<?, ?> inner = response.get("response") instanceof Map<?, ?> m ? m : Map.of();
        byte[] clientData = bytes(inner.get("clientDataJSON"));
        WebAuthn.ClientData client = clientData == null ? null : parseQuietly(clientData);
        if (client == null) {
            return null;
        }
        String uv = store.takeChallenge(WebAuthn.encodeBase64(client.challenge()), personId, AUTHENTICATION);
        if (uv == null) {
            LOG.info("FIDO assertion refused for person {}: no pending challenge (expired or used)", personId);
            return null;
        }
        byte[] id = bytes(response.get("rawId"));
        if (id == null) {
            id = bytes(response.get("id"));
        }
        Map<String, Object> credential = null;
        if (id != null) {
            for (Map<String, Object> c : credentials) {
                if (FidoCredentials.matches(c, id)) {
                    credential = c;
                    break;
                }
            }
        }
        CoseKey key = credential == null ? null : FidoCredentials.key(credential);
        if (key == null) {
            LOG.info("FIDO assertion refused for person {}: unknown credential", personId);
            return null;
        }
        byte[] userHandle = bytes(inner.get("userHandle"));
        if (userHandle != null && userHandle.length > 0
                && !java.util.Arrays.equals(userHandle, personId.toString().getBytes(StandardCharsets.UTF_8))) {
            LOG.info("FIDO assertion refused for person {}: user handle of someone else", personId);
            return null;
        }
        try {
            WebAuthn.AuthenticatorData auth = webAuthn.verifyAssertion(clientData, bytes(inner.get("authenticatorData")),
                    bytes(inner.get("signature")), client.challenge(), key, "required".equals(uv));
            return new Assertion(id, auth.signCount());
        } catch (WebAuthnException e) {
            LOG.info("FIDO assertion refused for person {}: {}", personId, e.getMessage());
            return null;
        }
    }

    private static WebAuthn.ClientData parseQuietly(byte[] clientData) {
        try {
            return WebAuthn.ClientData.parse(clientData);
        } catch (WebAuthnException e) {
            return null;
        }
    }

    /** A base64url (or base64) string as bytes; null when absent or not base64. */
    private static byte[] bytes(Object value) {
        if (!(value instanceof String s) || s.isEmpty()) {
            return null;
        }
        try {
            return WebAuthn.decodeBase64(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
