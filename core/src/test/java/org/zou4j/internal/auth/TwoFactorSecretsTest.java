package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Session;
import org.zou4j.TwoFactorProof;
import org.zou4j.ZouEngine;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.mail.MailMessage;
import org.zou4j.testing.SoftAuthenticator;

/** TOTP secrets, codes, recovery codes and WebAuthn data never appear in messages, bodies, persons or logs. */
class TwoFactorSecretsTest {

    @Test
    void noSecondFactorSecretReachesAMessageAPersonOrTheLog() throws Exception {
        LeakWatch watch = new LeakWatch();
        List<String> seen = watch.seen;
        List<String> secrets = watch.secrets;
        List<MailMessage> mails = watch.mails;
        TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
        Totp totp = new Totp();
        try (watch; ZouEngine engine = AuthFixture.engine(SharedH2.fresh(), clock).mailSender(watch.failingMail)
                .publicUrl("https://kitsu.studio.example").build()) {
            Entry jane = person(engine, "jane@studio.example", PASSWORD, "user");
            Session s = engine.enrolmentSession(engine.login(LoginRequest.of("jane@studio.example", PASSWORD))
                    .accessToken());
            String secret = (String) engine.twoFactor().startTotp(s).get("otp_secret");
            secrets.add(secret);
            String enrolCode = totp.codeAt(secret, clock.instant());
            LoginResult enabled = engine.twoFactor().enableTotp(s, enrolCode, null);
            seen.add(enabled.toString());
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) enabled.body().get("otp_recovery_codes");
            secrets.addAll(codes);
            watch.refused(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD).withTotp(enrolCode)));
            watch.refused(() -> engine.twoFactor().disableTotp(s, TwoFactorProof.none().withRecoveryCode(
                    codes.get(0) + "X")));
            clock.advance(Duration.ofSeconds(61));

            engine.twoFactor().startEmailOtp(s);
            for (int i = 0; i < 100 && mails.isEmpty(); i++) {
                Thread.sleep(20);
            }
            Matcher m = Pattern.compile("\\n\\s+(\\d{6})\\n").matcher(mails.get(0).text());
            assertThat(m.find()).isTrue();
            String mailed = m.group(1);
            watch.refused(() -> engine.twoFactor().enableEmailOtp(s, "x" + mailed, null));

            SoftAuthenticator key = new SoftAuthenticator("https://kitsu.studio.example");
            Map<String, Object> registration = key.register(engine.twoFactor().fidoRegistrationOptions(s));
            engine.twoFactor().registerFido(s, registration, "YubiKey", null);
            Map<String, Object> assertion = key.authenticateWithWrongKey(
                    engine.twoFactor().fidoAuthenticationOptions("jane@studio.example"));
            @SuppressWarnings("unchecked")
            Map<String, Object> response = (Map<String, Object>) assertion.get("response");
            secrets.add((String) response.get("signature"));
            secrets.add((String) response.get("clientDataJSON"));
            watch.refused(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD).withTotp("000000")));
            clock.advance(Duration.ofSeconds(61));
            watch.refused(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD)
                    .withFidoAuthenticationResponse(assertion)));

            Entry read = engine.systemSession().data("persons").get(jane.id());
            seen.add(read.asMap().toString());
            seen.add(engine.authenticated(s).toString());
            Thread.sleep(200); // let the mail thread log its failure
        }
        String log = watch.log();
        assertThat(log).contains("Could not send the one-time code mail").contains("FIDO assertion refused");
        watch.assertNothingLeaked();
    }
}
