package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail features of {@code ./zou4j serve} (password reset, e-mailed one-time codes, enforced two-factor enrolment
 * by e-mail) with Zou's {@code MAIL_*} settings against a real SMTP server (GreenMail, with SMTP AUTH), and with no
 * SMTP configured against the data directory's {@code .eml} outbox: the same flows, out of the box.
 */
class StandaloneMailTest {
    private static final String SMTP_USER = "kitsu-relay";
    private static final String SMTP_PASSWORD = "relay password";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@studio.example", SMTP_USER,
                    SMTP_PASSWORD));

    private static final String ADMIN = "boss@studio.example";
    private static final String PASSWORD = "a long admin password";
    private static final Pattern RESET = Pattern.compile("email=([^&\\s]+)&token=([A-Z0-9]{64})");
    private static final Pattern CODE = Pattern.compile("(?<![\\d.:])(\\d{6})(?![\\d.:])");

    /** The mails received so far, raw (headers and body). */
    interface Mailbox {
        List<String> mails() throws Exception;
    }

    private static Map<String, String> env(Path data, String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("ZOU_ADMIN_EMAIL", ADMIN, "ZOU_ADMIN_PASSWORD", PASSWORD,
                "BCRYPT_LOG_ROUNDS", "4", "ZOU_DATA_DIR", data.toString(), "ENFORCE_2FA", "true",
                "2FA_EXEMPT_USERS", ADMIN, "DOMAIN_NAME", "kitsu.studio.example"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void resetOneTimeCodesAndTwoFactorEnrolmentThroughSmtp(@TempDir Path tmp) throws Exception {
        Mailbox smtp = () -> {
            List<String> out = new ArrayList<>();
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                out.add(GreenMailUtil.getWholeMessage(m));
            }
            return out;
        };
        try (StandaloneHttp s = StandaloneHttp.start(env(tmp.resolve("data"), "MAIL_SERVER", "127.0.0.1",
                "MAIL_PORT", Integer.toString(SMTP.getSmtp().getPort()), "MAIL_USERNAME", SMTP_USER, "MAIL_PASSWORD",
                SMTP_PASSWORD, "MAIL_DEFAULT_SENDER", "Kitsu <kitsu@studio.example>"))) {
            assertThat(s.out).contains("mail goes through SMTP 127.0.0.1:" + SMTP.getSmtp().getPort());
            flows(s, smtp);
            assertThat(smtp.mails()).allSatisfy(m -> assertThat(m).contains("From: Kitsu <kitsu@studio.example>"));
        }
        assertThat(tmp.resolve("data").resolve("outbox")).doesNotExist();
    }

    @Test
    void theSameFlowsOutOfTheBoxThroughTheOutbox(@TempDir Path tmp) throws Exception {
        Path outbox = tmp.resolve("data").resolve("outbox");
        Mailbox files = () -> StandaloneConfigTest.OutboxMails.await(outbox, 0);
        try (StandaloneHttp s = StandaloneHttp.start(env(tmp.resolve("data")))) {
            flows(s, files);
            assertThat(files.mails()).hasSize(5)
                    .allSatisfy(m -> assertThat(m).contains("From: no-reply@your-studio.com"));
        }
    }

    /** Five mails: reset link, two codes for enabling e-mail OTP (admin, enrolment), two login codes. */
    private static void flows(StandaloneHttp s, Mailbox box) throws Exception {
        // password reset: the mailed link (DOMAIN_NAME) carries a token that sets a new password once
        assertThat(s.send("POST", "/api/auth/reset-password", Map.of("email", ADMIN), null, Map.of()).map())
                .isEqualTo(Map.of("success", "Reset token sent"));
        String resetMail = await(box, 1);
        assertThat(resetMail).contains("https://kitsu.studio.example/reset-change-password?email=");
        Matcher reset = RESET.matcher(resetMail);
        assertThat(reset.find()).isTrue();
        Map<String, Object> body = Map.of("email", ADMIN, "token", reset.group(2), "password",
                "a brand new password", "password2", "a brand new password");
        assertThat(s.send("PUT", "/api/auth/reset-password", body, null, Map.of()).map())
                .isEqualTo(Map.of("success", true));
        assertThat(s.send("PUT", "/api/auth/reset-password", body, null, Map.of()).status()).isEqualTo(400);
        String admin = s.token(ADMIN, "a brand new password");

        // e-mailed one-time codes: enabling takes a mailed code, then each login takes a fresh one
        assertThat(s.send("PUT", "/api/auth/email-otp", Map.of(), admin, Map.of()).map())
                .isEqualTo(Map.of("success", true));
        StandaloneHttp.Reply enabled = s.send("POST", "/api/auth/email-otp", Map.of("email_otp", code(await(box, 2))),
                admin, Map.of());
        assertThat(enabled.status()).as(enabled.raw().body()).isEqualTo(200);
        StandaloneHttp.Reply noCode = s.send("POST", "/api/auth/login", Map.of("email", ADMIN, "password",
                "a brand new password"), null, Map.of());
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.map()).containsEntry("missing_OTP", true);
        assertThat(s.get("/api/auth/email-otp?email=" + ADMIN, null).map()).isEqualTo(Map.of("success", true));
        StandaloneHttp.Reply withCode = s.send("POST", "/api/auth/login", Map.of("email", ADMIN, "password",
                "a brand new password", "email_otp", code(await(box, 3))), null, Map.of());
        assertThat(withCode.status()).as(withCode.raw().body()).isEqualTo(200);

        // ENFORCE_2FA: someone without a factor enrols one by e-mail, then logs in with a mailed code
        s.person(admin, "jane@studio.example", "jane's long password", "user");
        Map<String, Object> jane = s.login("jane@studio.example", "jane's long password");
        assertThat(jane).containsEntry("two_factor_authentication_required", true);
        String enrolment = (String) jane.get("access_token");
        assertThat(s.get("/api/data/projects", enrolment).status()).isEqualTo(403);
        assertThat(s.send("PUT", "/api/auth/email-otp", Map.of(), enrolment, Map.of()).map())
                .isEqualTo(Map.of("success", true));
        StandaloneHttp.Reply janeEnabled = s.send("POST", "/api/auth/email-otp", Map.of("email_otp",
                code(await(box, 4))), enrolment, Map.of());
        assertThat(janeEnabled.status()).as(janeEnabled.raw().body()).isEqualTo(200);
        assertThat(s.get("/api/data/projects", (String) janeEnabled.map().get("access_token")).status())
                .isEqualTo(200);
        assertThat(s.get("/api/auth/email-otp?email=jane@studio.example", null).status()).isEqualTo(200);
        StandaloneHttp.Reply janeLogin = s.send("POST", "/api/auth/login", Map.of("email", "jane@studio.example",
                "password", "jane's long password", "email_otp", code(await(box, 5))), null, Map.of());
        assertThat(janeLogin.status()).as(janeLogin.raw().body()).isEqualTo(200);
        assertThat(janeLogin.map()).doesNotContainKey("two_factor_authentication_required");
        assertThat(await(box, 5)).contains("To: jane@studio.example");
    }

    /** The {@code n}-th mail (1-based), waiting for it: mails leave on the mailer's thread. */
    private static String await(Mailbox box, int n) throws Exception {
        for (int i = 0; i < 400; i++) {
            List<String> mails = box.mails();
            if (mails.size() >= n) {
                assertThat(mails).hasSize(n);
                return mails.get(n - 1);
            }
            Thread.sleep(25);
        }
        throw new AssertionError("mail " + n + " never came; got " + box.mails().size());
    }

    /** The six-digit code in the body of a mail. */
    private static String code(String mail) {
        String bodyOnly = mail.substring(mail.indexOf("\r\n\r\n") + 4);
        Matcher m = CODE.matcher(bodyOnly);
        assertThat(m.find()).as(bodyOnly).isTrue();
        return m.group(1);
    }
}
