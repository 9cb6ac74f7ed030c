package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.ZouEngine;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.mail.MailMessage;

/** Passwords, tokens, reset tokens and the signing key never appear in exception messages, bodies or logs. */
class SecretsStayHiddenTest {

    @Test
    void noSecretReachesAMessageABodyOrTheLog() throws Exception {
        LeakWatch watch = new LeakWatch();
        List<String> seen = watch.seen;
        List<MailMessage> mails = watch.mails;
        List<String> secrets = watch.secrets;
        secrets.addAll(List.of(PASSWORD, "wrong-password-42", AuthFixture.KEY, "a fresh new password"));
        try (watch; ZouEngine engine = AuthFixture.engine(SharedH2.fresh(), new TestClock(Instant.now()))
                .mailSender(watch.failingMail).build()) {
            person(engine, "jane@studio.example", PASSWORD, "user");
            watch.refused(() -> engine.login(LoginRequest.of("jane@studio.example", "wrong-password-42")));
            watch.refused(() -> engine.login(LoginRequest.of("nobody@studio.example", PASSWORD)));
            LoginResult login = engine.login(LoginRequest.of("jane@studio.example", PASSWORD));
            secrets.add(login.accessToken());
            secrets.add(login.refreshToken());
            seen.add(login.toString());
            watch.refused(() -> engine.session(login.refreshToken()));
            watch.refused(() -> engine.session(login.accessToken().substring(0, 40)));
            watch.refused(() -> engine.refresh(login.accessToken()));
            watch.refused(() -> engine.changePassword(engine.session(login.accessToken()), "wrong-password-42",
                    "a fresh new password", "a fresh new password"));

            engine.requestPasswordReset("jane@studio.example");
            for (int i = 0; i < 100 && mails.isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertThat(mails).hasSize(1);
            Matcher m = Pattern.compile("token=([A-Z0-9]{64})").matcher(mails.get(0).text());
            assertThat(m.find()).isTrue();
            String resetToken = m.group(1);
            secrets.add(resetToken);
            watch.refused(() -> engine.resetPassword(resetToken, "short", "short"));
            watch.refused(() -> engine.resetPassword(resetToken + "X", "a fresh new password", "a fresh new password"));
            engine.resetPassword(resetToken, "a fresh new password", "a fresh new password");
            engine.logout(login.accessToken());
            watch.refused(() -> engine.session(login.accessToken()));
            Thread.sleep(200); // let the mail thread log its failure
        }
        String log = watch.log();
        assertThat(log).contains("Could not send the password reset mail");
        watch.assertNothingLeaked();
    }
}
