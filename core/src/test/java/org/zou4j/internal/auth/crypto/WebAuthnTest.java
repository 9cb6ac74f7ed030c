package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.testing.SoftAuthenticator;

/** The relying-party checks against a software authenticator (BouncyCastle keys, JDK verification). */
class WebAuthnTest {
    private static final String RP = "kitsu.studio.example";
    private static final String ORIGIN = "https://kitsu.studio.example";
    private final WebAuthn rp = new WebAuthn(RP, WebAuthn.OriginPolicy.sameSite(RP));
    private final byte[] challenge = new RandomTokens().bytes(32);

    private Map<String, Object> creationOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rp", Map.of("id", RP, "name", "Kitsu"));
        o.put("challenge", WebAuthn.encodeBase64(challenge));
        return o;
    }

    private Map<String, Object> requestOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rpId", RP);
        o.put("challenge", WebAuthn.encodeBase64(challenge));
        return o;
    }

    @SuppressWarnings("unchecked")
    private static byte[] field(Map<String, Object> credential, String name) {
        Object v = ((Map<String, Object>) credential.get("response")).get(name);
        return Base64.getUrlDecoder().decode((String) v);
    }

    private WebAuthn.Registration register(SoftAuthenticator a) throws Exception {
        Map<String, Object> r = a.register(creationOptions());
        return rp.verifyRegistration(field(r, "clientDataJSON"), field(r, "attestationObject"), challenge, false);
    }

    private WebAuthn.AuthenticatorData assertWith(Map<String, Object> a, CoseKey key) throws Exception {
        return rp.verifyAssertion(field(a, "clientDataJSON"), field(a, "authenticatorData"), field(a, "signature"),
                challenge, key, false);
    }

    @Test
    void aRealRegistrationAndARealAssertionVerify() throws Exception {
        SoftAuthenticator authenticator = new SoftAuthenticator(ORIGIN);
        WebAuthn.Registration reg = register(authenticator);
        assertThat(reg.credentialId()).isEqualTo(authenticator.credentialId());
        assertThat(reg.key().algorithm()).isEqualTo(-7);
        assertThat(reg.signCount()).isZero();

        WebAuthn.AuthenticatorData first = assertWith(authenticator.authenticate(requestOptions()), reg.key());
        WebAuthn.AuthenticatorData second = assertWith(authenticator.authenticate(requestOptions()), reg.key());
        assertThat(second.signCount()).isGreaterThan(first.signCount());
        assertThat(first.userPresent()).isTrue();
    }

    @Test
    void aWrongSignatureAChallengeMismatchAForeignOriginOrRpAreRefused() throws Exception {
        SoftAuthenticator authenticator = new SoftAuthenticator(ORIGIN);
        CoseKey key = register(authenticator).key();

        assertThatThrownBy(() -> assertWith(authenticator.authenticateWithWrongKey(requestOptions()), key))
                .hasMessage("signature does not verify");
        Map<String, Object> other = authenticator.authenticateChallenge(RP,
                WebAuthn.encodeBase64(new RandomTokens().bytes(32)));
        assertThatThrownBy(() -> assertWith(other, key)).hasMessage("challenge does not match");
        assertThatThrownBy(() -> assertWith(new SoftAuthenticator(ORIGIN).fromOrigin("https://kitsu.evil.example")
                .authenticate(requestOptions()), key)).hasMessage("origin not allowed");
        assertThatThrownBy(() -> assertWith(new SoftAuthenticator(ORIGIN).forRpId("evil.example")
                .authenticate(requestOptions()), key)).hasMessage("RP id hash does not match");
        // a registration answer is not an assertion and the other way round
        Map<String, Object> registration = authenticator.register(creationOptions());
        assertThatThrownBy(() -> rp.verifyAssertion(field(registration, "clientDataJSON"), new byte[37],
                new byte[8], challenge, key, false)).hasMessageContaining("type is not webauthn.get");
        Map<String, Object> assertion = authenticator.authenticate(requestOptions());
        assertThatThrownBy(() -> rp.verifyRegistration(field(assertion, "clientDataJSON"), new byte[8], challenge,
                false)).hasMessageContaining("type is not webauthn.create");
    }

    @Test
    void originRules() {
        WebAuthn.OriginPolicy p = WebAuthn.OriginPolicy.sameSite(RP);
        assertThat(p.allows("https://kitsu.studio.example")).isTrue();
        assertThat(p.allows("https://kitsu.studio.example:8443")).isTrue();
        assertThat(p.allows("https://eu.kitsu.studio.example")).isTrue();
        assertThat(p.allows("http://kitsu.studio.example")).isFalse();
        assertThat(p.allows("https://kitsu.studio.example.evil.com")).isFalse();
        assertThat(p.allows("https://xkitsu.studio.example")).isFalse();
        assertThat(p.allows("https://kitsu.studio.example/path")).isFalse();
        assertThat(p.allows("null")).isFalse();
        assertThat(p.allows(null)).isFalse();
        WebAuthn.OriginPolicy local = WebAuthn.OriginPolicy.sameSite("localhost");
        assertThat(local.allows("http://localhost:8080")).isTrue();
        assertThat(local.allows("https://localhost")).isTrue();
        assertThat(local.allows("http://127.0.0.1:8080")).isFalse();
        assertThat(WebAuthn.OriginPolicy.exactly(List.of("https://a.example")).allows("https://a.example")).isTrue();
        assertThat(WebAuthn.OriginPolicy.exactly(List.of("https://a.example")).allows("https://b.a.example"))
                .isFalse();
    }

    @Test
    void malformedAnswersAreRefusedWithoutExceptionsOtherThanTheChecked() {
        assertThatThrownBy(() -> WebAuthn.ClientData.parse("not json".getBytes()))
                .isInstanceOf(WebAuthn.WebAuthnException.class);
        assertThatThrownBy(() -> WebAuthn.ClientData.parse("{\"type\":1}".getBytes()))
                .isInstanceOf(WebAuthn.WebAuthnException.class);
        assertThatThrownBy(() -> WebAuthn.AuthenticatorData.parse(new byte[36]))
                .isInstanceOf(WebAuthn.WebAuthnException.class);
        byte[] withAt = new byte[40];
        withAt[32] = 0x41;
        assertThatThrownBy(() -> WebAuthn.AuthenticatorData.parse(withAt))
                .isInstanceOf(WebAuthn.WebAuthnException.class);
        byte[] trailing = new byte[38];
        assertThatThrownBy(() -> WebAuthn.AuthenticatorData.parse(trailing)).hasMessageContaining("trailing");
        assertThat(WebAuthn.decodeBase64("AQI=")).containsExactly(1, 2);
        assertThat(WebAuthn.decodeBase64("-_8")).containsExactly(0xfb, 0xff);
        assertThat(WebAuthn.decodeBase64("+/8")).containsExactly(0xfb, 0xff);
    }
}
