package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Session;
import org.zou4j.TwoFactorProof;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.testing.SoftAuthenticator;

/** FIDO2 / WebAuthn through the engine with a software authenticator: real registrations and signed assertions. */
class FidoTest extends JaneEngineTest {
    private static final String ORIGIN = "https://kitsu.studio.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    FidoTest() {
        super("2025-03-01T10:00:00Z");
    }

    @Override
    ZouEngine.Builder configure(ZouEngine.Builder builder) {
        return builder.publicUrl(ORIGIN);
    }

    private LoginResult register(Session s, SoftAuthenticator a, String name) {
        return tf.registerFido(s, a.register(tf.fidoRegistrationOptions(s)), name, null);
    }

    private LoginRequest loginWith(Map<String, Object> assertion) {
        return LoginRequest.of(EMAIL, PASSWORD).withFidoAuthenticationResponse(assertion);
    }

    @SuppressWarnings("unchecked")
    @Test
    void optionsHavePythonFido2sShape() {
        Session s = janeSession();
        Map<String, Object> options = tf.fidoRegistrationOptions(s);
        assertThat(options).containsOnlyKeys("rp", "user", "challenge", "pubKeyCredParams", "excludeCredentials",
                "authenticatorSelection");
        assertThat(options.get("rp")).isEqualTo(Map.of("name", "Kitsu", "id", "kitsu.studio.example"));
        Map<String, Object> user = (Map<String, Object>) options.get("user");
        assertThat(user).containsEntry("name", EMAIL).containsEntry("displayName", "Jane Doe");
        assertThat(new String(Base64.getUrlDecoder().decode((String) user.get("id")), StandardCharsets.UTF_8))
                .isEqualTo(jane.id());
        assertThat(Base64.getUrlDecoder().decode((String) options.get("challenge"))).hasSize(32);
        assertThat((String) options.get("challenge")).doesNotContain("=");
        assertThat((List<Map<String, Object>>) options.get("pubKeyCredParams")).extracting(p -> p.get("alg"))
                .containsExactly(-7, -8, -35, -36, -37, -257);
        assertThat(options.get("authenticatorSelection")).isEqualTo(Map.of("authenticatorAttachment",
                "cross-platform", "userVerification", "preferred"));
        assertThat(options.get("excludeCredentials")).isEqualTo(List.of());

        SoftAuthenticator key = new SoftAuthenticator(ORIGIN);
        register(s, key, "YubiKey");
        Map<String, Object> again = tf.fidoRegistrationOptions(s);
        assertThat(again.get("excludeCredentials")).isEqualTo(List.of(Map.of("type", "public-key", "id",
                Base64.getUrlEncoder().withoutPadding().encodeToString(key.credentialId()))));
        Map<String, Object> auth = tf.fidoAuthenticationOptions(EMAIL);
        assertThat(auth).containsOnlyKeys("challenge", "rpId", "allowCredentials");
        assertThat(auth.get("rpId")).isEqualTo("kitsu.studio.example");
        assertThat(auth.get("allowCredentials")).isEqualTo(again.get("excludeCredentials"));
    }

    @Test
    void aPersonRegistersAKeyAndLogsInWithASignedAssertion() {
        Session s = janeSession();
        SoftAuthenticator key = new SoftAuthenticator(ORIGIN);
        LoginResult registered = register(s, key, "YubiKey");
        @SuppressWarnings("unchecked")
        List<String> codes = (List<String>) registered.body().get("otp_recovery_codes");
        assertThat(codes).hasSize(16);
        assertThat(engine.authenticated(s).get("user")).extracting(u -> ((Map<?, ?>) u).get("fido_devices"))
                .isEqualTo(List.of("YubiKey"));

        ZouException missing = fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD)));
        assertThat(missing.body()).containsEntry("preferred_two_factor_authentication", "fido")
                .containsEntry("two_factor_authentication_enabled", List.of("recovery_code", "fido"));

        LoginResult login = engine.login(loginWith(key.authenticate(tf.fidoAuthenticationOptions(EMAIL))));
        assertThat(login.succeeded()).isTrue();
        // desktop login works for the options too
        engine.systemSession().data("persons").update(jane.id(), Map.of("desktop_login", "jdoe"));
        assertThat(engine.login(LoginRequest.of("jdoe", PASSWORD).withFidoAuthenticationResponse(
                key.authenticate(tf.fidoAuthenticationOptions("jdoe")))).succeeded()).isTrue();
    }

    @Test
    void aWrongSignatureAReplayedChallengeAForeignOriginAndAnExpiredChallengeAreWrongFactors() {
        Session s = janeSession();
        SoftAuthenticator key = new SoftAuthenticator(ORIGIN);
        register(s, key, "YubiKey");
        Map<String, Object> wrongOtp = Map.of("error", true, "login", false, "wrong_OTP", true);

        assertThat(fails(() -> engine.login(loginWith(key.authenticateWithWrongKey(
                tf.fidoAuthenticationOptions(EMAIL))))).body()).isEqualTo(wrongOtp);

        Map<String, Object> good = key.authenticate(tf.fidoAuthenticationOptions(EMAIL));
        assertThat(engine.login(loginWith(good)).succeeded()).isTrue();
        assertThat(fails(() -> engine.login(loginWith(good))).body()).isEqualTo(wrongOtp); // replayed

        Map<String, Object> phished = new SoftAuthenticator(ORIGIN).fromOrigin("https://kitsu-studio.example")
                .authenticate(tf.fidoAuthenticationOptions(EMAIL));
        assertThat(fails(() -> engine.login(loginWith(phished))).body()).isEqualTo(wrongOtp);
        Map<String, Object> foreign = key.fromOrigin("https://evil.example")
                .authenticate(tf.fidoAuthenticationOptions(EMAIL));
        assertThat(fails(() -> engine.login(loginWith(foreign))).body()).isEqualTo(wrongOtp);
        key.fromOrigin(ORIGIN);

        Map<String, Object> options = tf.fidoAuthenticationOptions(EMAIL);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(fails(() -> engine.login(loginWith(key.authenticate(options)))).body()).isEqualTo(wrongOtp);

        // a made-up challenge, and garbage, are wrong factors too (never a server error)
        assertThat(fails(() -> engine.login(loginWith(key.authenticateChallenge("kitsu.studio.example",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")))).body()).isEqualTo(wrongOtp);
        clock.advance(Duration.ofSeconds(61)); // five failures so far: let the lockout window pass
        assertThat(fails(() -> engine.login(loginWith(Map.of("response", "nope")))).body()).isEqualTo(wrongOtp);
        assertThat(fails(() -> engine.login(loginWith(Map.of()))).body()).isEqualTo(wrongOtp);
        // the failures counted: three more and the account is locked
        for (int i = 0; i < 3; i++) {
            fails(() -> engine.login(loginWith(key.authenticateWithWrongKey(tf.fidoAuthenticationOptions(EMAIL)))));
        }
        assertThat(fails(() -> engine.login(loginWith(key.authenticate(tf.fidoAuthenticationOptions(EMAIL)))))
                .body()).containsEntry("too_many_failed_login_attemps", true);
    }

    @Test
    void aKeyWhoseCounterGoesBackIsRefused() {
        Session s = janeSession();
        SoftAuthenticator key = new SoftAuthenticator(ORIGIN).counterAt(10);
        register(s, key, "YubiKey");
        assertThat(engine.login(loginWith(key.authenticate(tf.fidoAuthenticationOptions(EMAIL)))).succeeded())
                .isTrue();
        key.counterAt(5); // a clone that signed less often
        assertThat(fails(() -> engine.login(loginWith(key.authenticate(tf.fidoAuthenticationOptions(EMAIL)))))
                .body()).containsEntry("wrong_OTP", true);
        // authenticators without a counter (always 0) keep working
        SoftAuthenticator passkey = new SoftAuthenticator(ORIGIN).counting(false);
        register(s, passkey, "Passkey");
        assertThat(engine.login(loginWith(passkey.authenticate(tf.fidoAuthenticationOptions(EMAIL)))).succeeded())
                .isTrue();
        assertThat(engine.login(loginWith(passkey.authenticate(tf.fidoAuthenticationOptions(EMAIL)))).succeeded())
                .isTrue();
    }

    @Test
    void registrationRefusals() {
        Session s = janeSession();
        SoftAuthenticator key = new SoftAuthenticator(ORIGIN);
        Map<String, Object> options = tf.fidoRegistrationOptions(s);
        Map<String, Object> response = key.register(options);
        String wrong = "FIDO server exception your registration response is probly wrong.";

        assertThat(fails(() -> tf.registerFido(s, new SoftAuthenticator("https://evil.example").register(
                tf.fidoRegistrationOptions(s)), "Evil", null)).body()).isEqualTo(Map.of("error", true, "message",
                wrong));
        assertThat(fails(() -> tf.registerFido(s, new SoftAuthenticator(ORIGIN).forRpId("evil.example").register(
                tf.fidoRegistrationOptions(s)), "Evil", null)).body().get("message")).isEqualTo(wrong);
        assertThat(fails(() -> tf.registerFido(s, key.register(Map.of("rp", Map.of("id", "kitsu.studio.example"),
                "challenge", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), "Key", null)).body())
                .isEqualTo(Map.of("error", true, "message", "No preregistration before."));
        assertThat(fails(() -> tf.registerFido(s, Map.of(), "Key", null)).body().get("message"))
                .isEqualTo("No preregistration before.");
        assertThat(fails(() -> tf.registerFido(s, response, "", null)).body().get("message"))
                .isEqualTo("Validation error.");

        tf.registerFido(s, response, "YubiKey", null);
        // the same answer twice: the challenge is spent
        assertThat(fails(() -> tf.registerFido(s, response, "YubiKey", null)).body().get("message"))
                .isEqualTo("No preregistration before.");
        // the same key again under a fresh challenge: already registered
        assertThat(fails(() -> register(s, key, "Again")).body().get("message")).isEqualTo(wrong);
        // a registration challenge cannot answer a login and the other way round
        Map<String, Object> regOptions = tf.fidoRegistrationOptions(s);
        assertThat(fails(() -> engine.login(loginWith(key.authenticateChallenge("kitsu.studio.example",
                (String) regOptions.get("challenge"))))).body()).containsEntry("wrong_OTP", true);
    }

    @Test
    void publicOptionsSayTheSameForUnknownInactiveAndNotEnabled() {
        Map<String, Object> notEnabled = Map.of("error", true, "message", "FIDO not enabled.");
        assertThat(fails(() -> tf.fidoAuthenticationOptions("nobody@studio.example")).body()).isEqualTo(notEnabled);
        assertThat(fails(() -> tf.fidoAuthenticationOptions(EMAIL)).body()).isEqualTo(notEnabled);
        assertThat(fails(() -> tf.fidoAuthenticationOptions("")).body()).isEqualTo(notEnabled);
        register(janeSession(), new SoftAuthenticator(ORIGIN), "YubiKey");
        engine.systemSession().data("persons").update(jane.id(), Map.of("active", false));
        assertThat(fails(() -> tf.fidoAuthenticationOptions(EMAIL)).body()).isEqualTo(notEnabled);
    }

    @Test
    void unregisteringNeedsAFactorAndTheLastDeviceDisablesFido() {
        Session s = janeSession();
        SoftAuthenticator first = new SoftAuthenticator(ORIGIN);
        SoftAuthenticator second = new SoftAuthenticator(ORIGIN);
        @SuppressWarnings("unchecked")
        List<String> codes = (List<String>) register(s, first, "First").body().get("otp_recovery_codes");
        LoginResult another = register(s, second, "Second");
        assertThat(another.body()).containsEntry("otp_recovery_codes", null);

        assertThat(fails(() -> tf.unregisterFido(s, "First", TwoFactorProof.none())).body())
                .isEqualTo(Map.of("error", true, "message", "Wrong OTP."));
        // confirm with an assertion of the other key
        tf.unregisterFido(s, "First", TwoFactorProof.none().withFidoAuthenticationResponse(
                second.authenticate(tf.fidoAuthenticationOptions(EMAIL))));
        assertThat(engine.authenticated(s).get("user")).extracting(u -> ((Map<?, ?>) u).get("fido_devices"))
                .isEqualTo(List.of("Second"));
        assertThat(fails(() -> engine.login(loginWith(first.authenticate(tf.fidoAuthenticationOptions(EMAIL)))))
                .body()).containsEntry("wrong_OTP", true);
        tf.unregisterFido(s, "Unknown", TwoFactorProof.none().withRecoveryCode(codes.get(0))); // nothing removed
        tf.unregisterFido(s, "Second", TwoFactorProof.none().withRecoveryCode(codes.get(1)));
        assertThat(fails(() -> tf.unregisterFido(s, "Second", TwoFactorProof.none())).body().get("message"))
                .isEqualTo("FIDO not enabled.");
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD)).succeeded()).isTrue();
    }

    @Test
    void credentialsWrittenByZouStillVerify() throws Exception {
        // Zou stores the id and coordinates as integers (leading zero bytes lost) and none of zou4j's extra keys
        Session s = janeSession();
        SoftAuthenticator key = new SoftAuthenticator(ORIGIN, 16); // its id starts with a zero byte
        register(s, key, "Legacy");
        UUID id = UUID.fromString(jane.id());
        Object stored = AuthFixture.query(storage.dataSource(), "SELECT fido_credentials FROM person WHERE id = ?", id)
                .get(0).get("fido_credentials");
        String text = stored instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : stored.toString();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = JSON.readValue(text, List.class);
        assertThat(entries.get(0)).containsKeys("device_name", "aaguid", "credential_id", "public_key");
        entries.get(0).remove("zou4j_credential_id");
        entries.get(0).remove("zou4j_public_key");
        entries.get(0).remove("sign_count");
        AuthFixture.exec(storage.dataSource(), "UPDATE person SET fido_credentials = ? FORMAT JSON WHERE id = ?",
                JSON.writeValueAsString(entries), id);

        Map<String, Object> options = tf.fidoAuthenticationOptions(EMAIL);
        @SuppressWarnings("unchecked")
        String allowed = (String) ((List<Map<String, Object>>) options.get("allowCredentials")).get(0).get("id");
        assertThat(Base64.getUrlDecoder().decode(allowed)).hasSize(15); // Zou's lossy id, as Zou would send it
        assertThat(engine.login(loginWith(key.authenticate(options))).succeeded()).isTrue();
    }
}
