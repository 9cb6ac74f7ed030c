package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zou4j.ZouEngine;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.mail.MailMessage;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.testing.SoftAuthenticator;

/**
 * Zou's 2FA routes end to end over a real socket: a person enables each factor and logs in with it; every refusal
 * answers Zou's status and body.
 */
class TwoFactorRoutesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String ORIGIN = "https://kitsu.studio.example";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final Pattern CODE = Pattern.compile("\\n\\s+(\\d{6})\\n");

    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final List<MailMessage> mails = new CopyOnWriteArrayList<>();
    private final Totp totp = new Totp();
    private ZouEngine engine;
    private ZouHttpServer server;

    /** A clock the test moves (TOTP steps, code lifetimes) instead of sleeping. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private ApiClient start(boolean enforce) {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("http-2fa-test-secret-0123456789abcdef")
                .bcryptCost(4).clock(clock).mailSender(mails::add).publicUrl(ORIGIN)
                .enforceTwoFactor(enforce, List.of()).build();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        for (String who : List.of("jane", "admin")) {
            engine.systemSession().data("persons").create(Map.of("first_name", who, "last_name", "Doe",
                    "email", who + "@studio.example", "password", PASSWORD, "role", who.equals("admin") ? "admin"
                            : "user"));
        }
        return new ApiClient(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private ApiClient.Reply login(ApiClient api, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("email", "jane@studio.example", "password", PASSWORD));
        body.putAll(extra);
        return api.post("/api/auth/login", body);
    }

    private String token(ApiClient api) {
        ApiClient.Reply r = login(api, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return (String) r.map().get("access_token");
    }

    private ApiClient as(String token) {
        return new ApiClient(server.port()).withToken(token);
    }

    private static ApiClient.Reply delete(ApiClient api, String path, Object body) {
        return api.send("DELETE", path, ApiClient.json(body), "application/json");
    }

    private String mailedCode(int count) throws InterruptedException {
        for (int i = 0; i < 400 && mails.size() < count; i++) {
            Thread.sleep(10); // the mail goes out on the mailer's thread
        }
        Matcher m = CODE.matcher(mails.get(count - 1).text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(ApiClient.Reply r) {
        return (List<String>) r.map().get("otp_recovery_codes");
    }

    @Test
    void totpEnableLoginDisable() {
        ApiClient anonymous = start(false);
        ApiClient jane = as(token(anonymous));

        assertThat(jane.get("/auth/totp").status()).isEqualTo(405);
        assertThat(anonymous.put("/auth/totp", Map.of()).status()).isEqualTo(401);
        ApiClient.Reply setup = jane.put("/api/auth/totp", Map.of());
        assertThat(setup.status()).isEqualTo(200);
        assertThat(setup.map()).containsOnlyKeys("totp_provisionning_uri", "otp_secret");
        assertThat((String) setup.map().get("totp_provisionning_uri"))
                .startsWith("otpauth://totp/Kitsu%20Kitsu:jane%40studio.example?secret=");
        String secret = (String) setup.map().get("otp_secret");

        ApiClient.Reply noCode = jane.post("/auth/totp", Map.of());
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.map()).isEqualTo(Map.of("error", true, "message", "Validation error.", "data",
                Map.of("errors", List.of(Map.of("field", "totp", "message", "Field required")))));
        assertThat(jane.post("/auth/totp", Map.of("totp", "000000")).map()).isEqualTo(Map.of("error", true,
                "message", "TOTP verification failed.", "wrong_OTP", true));
        ApiClient.Reply enabled = jane.post("/auth/totp", Map.of("totp", totp.codeAt(secret, clock.instant())));
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.map()).containsOnlyKeys("otp_recovery_codes", "access_token", "refresh_token");
        assertThat(codes(enabled)).hasSize(16);
        assertThat(enabled.headers().getOrDefault("set-cookie", List.of())).isEmpty(); // a script: no cookie
        clock.advance(Duration.ofSeconds(30));

        ApiClient.Reply missing = login(anonymous, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.map()).isEqualTo(Map.of("error", true, "login", false, "missing_OTP", true,
                "preferred_two_factor_authentication", "totp",
                "two_factor_authentication_enabled", List.of("recovery_code", "totp")));
        assertThat(login(anonymous, Map.of("totp", "000000")).map()).isEqualTo(Map.of("error", true, "login", false,
                "wrong_OTP", true));
        String code = totp.codeAt(secret, clock.instant());
        ApiClient.Reply ok = login(anonymous, Map.of("totp", code));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.map()).containsEntry("login", true);
        assertThat(login(anonymous, Map.of("totp", code)).map()).containsEntry("wrong_OTP", true); // used once
        // query-string login carries the code too (Zou's form fallback)
        clock.advance(Duration.ofSeconds(30));
        assertThat(anonymous.send("POST", "/auth/login?email=jane@studio.example&password="
                + PASSWORD.replace(" ", "%20") + "&totp=" + totp.codeAt(secret, clock.instant()), null, null)
                .status()).isEqualTo(200);

        ApiClient.Reply wrongDisable = delete(jane, "/auth/totp", Map.of("totp", "000000"));
        assertThat(wrongDisable.status()).isEqualTo(400);
        assertThat(wrongDisable.map()).isEqualTo(Map.of("error", true, "message", "OTP verification failed.",
                "wrong_OTP", true));
        assertThat(delete(jane, "/auth/totp", Map.of("recovery_code", codes(enabled).get(0))).map())
                .isEqualTo(Map.of("success", true));
        assertThat(login(anonymous, Map.of()).status()).isEqualTo(200);
        assertThat(delete(jane, "/auth/totp", Map.of()).map()).isEqualTo(Map.of("error", true, "message",
                "TOTP not enabled."));
    }

    @Test
    void emailOtpAndRecoveryCodes() throws InterruptedException {
        ApiClient anonymous = start(false);
        ApiClient jane = as(token(anonymous));

        ApiClient.Reply noParam = anonymous.get("/auth/email-otp");
        assertThat(noParam.status()).isEqualTo(400);
        assertThat(noParam.map()).containsOnlyKeys("error", "message", "data").containsEntry("data", null)
                .containsEntry("message", "Missing required parameter: email");
        assertThat(anonymous.get("/auth/email-otp?email=nobody@studio.example").map())
                .isEqualTo(Map.of("success", true));
        assertThat(anonymous.get("/auth/email-otp?email=").map()).isEqualTo(Map.of("success", true));
        assertThat(anonymous.get("/auth/email-otp?email=jane@studio.example").map())
                .isEqualTo(Map.of("success", true)); // not enabled: no mail

        assertThat(jane.put("/auth/email-otp", Map.of()).map()).isEqualTo(Map.of("success", true));
        String enrol = mailedCode(1);
        assertThat(mails).hasSize(1);
        assertThat(jane.post("/auth/email-otp", Map.of("email_otp", "000000")).map()).isEqualTo(Map.of("error", true,
                "message", "OTP by email verification failed.", "wrong_OTP", true));
        ApiClient.Reply enabled = jane.post("/auth/email-otp", Map.of("email_otp", enrol));
        assertThat(enabled.status()).isEqualTo(200);
        List<String> recovery = codes(enabled);
        assertThat(recovery).hasSize(16);
        assertThat(jane.put("/auth/email-otp", Map.of()).map()).isEqualTo(Map.of("error", true, "message",
                "OTP by email already enabled."));

        assertThat(anonymous.get("/api/auth/email-otp?email=jane@studio.example").map())
                .isEqualTo(Map.of("success", true));
        String code = mailedCode(2);
        assertThat(login(anonymous, Map.of("email_otp", code)).status()).isEqualTo(200);
        assertThat(login(anonymous, Map.of("email_otp", code)).map()).containsEntry("wrong_OTP", true);

        // recovery codes: a missing factor is a clear 400, a right one replaces them all
        ApiClient.Reply noFactor = jane.put("/auth/recovery-codes", Map.of());
        assertThat(noFactor.status()).isEqualTo(400);
        assertThat(noFactor.map()).containsEntry("missing_OTP", true).containsEntry("message",
                "A second factor is required to regenerate the recovery codes: send one of email_otp, recovery_code.");
        ApiClient.Reply fresh = jane.put("/auth/recovery-codes", Map.of("recovery_code", recovery.get(0)));
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.map()).containsOnlyKeys("otp_recovery_codes");
        assertThat(codes(fresh)).hasSize(16).doesNotContainAnyElementsOf(recovery);
        assertThat(login(anonymous, Map.of("recovery_code", recovery.get(1))).map()).containsEntry("wrong_OTP", true);
        assertThat(login(anonymous, Map.of("recovery_code", codes(fresh).get(0))).status()).isEqualTo(200);

        assertThat(delete(jane, "/auth/email-otp", Map.of("recovery_code", codes(fresh).get(1))).map())
                .isEqualTo(Map.of("success", true));
        assertThat(jane.put("/auth/recovery-codes", Map.of()).map()).isEqualTo(Map.of("error", true, "message",
                "No two factor authentication enabled."));
    }

    @Test
    void fidoRegisterLoginUnregister() {
        ApiClient anonymous = start(false);
        ApiClient jane = as(token(anonymous));
        SoftAuthenticator key = new SoftAuthenticator(ORIGIN);

        assertThat(anonymous.get("/auth/fido?email=jane@studio.example").map()).isEqualTo(Map.of("error", true,
                "message", "FIDO not enabled."));
        assertThat(jane.post("/auth/fido", Map.of("device_name", "Key")).map().get("message"))
                .isEqualTo("Validation error.");
        ApiClient.Reply options = jane.put("/auth/fido", Map.of());
        assertThat(options.status()).isEqualTo(200);
        Map<String, Object> registration = key.register(options.map());
        ApiClient.Reply registered = jane.post("/auth/fido", Map.of("registration_response", registration,
                "device_name", "YubiKey"));
        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        assertThat(codes(registered)).hasSize(16);
        assertThat(jane.post("/auth/fido", Map.of("registration_response", registration, "device_name",
                "YubiKey")).map()).isEqualTo(Map.of("error", true, "message", "No preregistration before."));
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) jane.get("/auth/authenticated").map().get("user");
        assertThat(user.get("fido_devices")).isEqualTo(List.of("YubiKey"));

        ApiClient.Reply challenge = anonymous.get("/auth/fido?email=jane@studio.example");
        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.map()).containsOnlyKeys("challenge", "rpId", "allowCredentials");
        Map<String, Object> assertion = key.authenticate(challenge.map());
        ApiClient.Reply ok = login(anonymous, Map.of("fido_authentication_response", assertion));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        // replayed, wrong key, foreign origin: wrong factors
        assertThat(login(anonymous, Map.of("fido_authentication_response", assertion)).map())
                .containsEntry("wrong_OTP", true);
        assertThat(login(anonymous, Map.of("fido_authentication_response", key.authenticateWithWrongKey(
                anonymous.get("/auth/fido?email=jane@studio.example").map()))).map()).containsEntry("wrong_OTP", true);
        assertThat(login(anonymous, Map.of("fido_authentication_response", key.fromOrigin("https://evil.example")
                .authenticate(anonymous.get("/auth/fido?email=jane@studio.example").map()))).map())
                .containsEntry("wrong_OTP", true);
        key.fromOrigin(ORIGIN);
        // a response that is not an object is a validation error
        assertThat(login(anonymous, Map.of("fido_authentication_response", "x")).map().get("data"))
                .isEqualTo(Map.of("errors", List.of(Map.of("field", "fido_authentication_response", "message",
                        "Input should be a valid dictionary"))));

        assertThat(delete(jane, "/auth/fido", Map.of("device_name", "YubiKey")).map()).isEqualTo(Map.of("error",
                true, "message", "Wrong OTP."));
        Map<String, Object> confirm = key.authenticate(anonymous.get("/auth/fido?email=jane@studio.example").map());
        clock.advance(Duration.ofSeconds(61)); // the failures above do not lock the confirmation out
        assertThat(delete(jane, "/auth/fido", Map.of("device_name", "YubiKey", "fido_authentication_response",
                confirm)).map()).isEqualTo(Map.of("success", true));
        assertThat(login(anonymous, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void enforcedTwoFactorRestrictsTokensToEnrolment() {
        ApiClient anonymous = start(true);
        assertThat(anonymous.get("/config").map()).containsEntry("enforce_2fa", true);
        ApiClient.Reply login = login(anonymous, Map.of());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.map()).containsEntry("two_factor_authentication_required", true);
        ApiClient jane = as((String) login.map().get("access_token"));

        ApiClient.Reply data = jane.get("/data/projects");
        assertThat(data.status()).isEqualTo(403);
        assertThat(data.map()).isEqualTo(Map.of("error", true, "two_factor_authentication_required", true,
                "message", "Two-factor authentication setup is required. Please configure 2FA before accessing the "
                        + "API."));
        assertThat(jane.post("/auth/change-password", Map.of("old_password", PASSWORD, "password", "abcdefghij",
                "password_2", "abcdefghij")).status()).isEqualTo(403);
        assertThat(jane.get("/auth/authenticated").status()).isEqualTo(200);

        String secret = (String) jane.put("/auth/totp", Map.of()).map().get("otp_secret");
        ApiClient.Reply enabled = jane.post("/auth/totp", Map.of("totp", totp.codeAt(secret, clock.instant())));
        ApiClient full = as((String) enabled.map().get("access_token"));
        assertThat(full.get("/data/projects").status()).isEqualTo(200);
        assertThat(jane.get("/data/projects").status()).isEqualTo(403);
        assertThat(jane.get("/auth/logout").status()).isEqualTo(200);
    }

    @Test
    void browsersGetCookiesOnEnrolmentAndCookiesServeThe2faRoutes() {
        ApiClient anonymous = start(false);
        ApiClient.Reply login = anonymous.sendWithHeaders("POST", "/auth/login", ApiClient.json(Map.of("email",
                "jane@studio.example", "password", PASSWORD)), "Content-Type", "application/json",
                "User-Agent", BROWSER);
        String cookie = cookie(login, "access_token_cookie");
        ApiClient.Reply setup = anonymous.sendWithHeaders("PUT", "/auth/totp", null, "Cookie",
                "access_token_cookie=" + cookie);
        assertThat(setup.status()).isEqualTo(200);
        String secret = (String) setup.map().get("otp_secret");
        ApiClient.Reply enabled = anonymous.sendWithHeaders("POST", "/auth/totp", ApiClient.json(Map.of("totp",
                totp.codeAt(secret, clock.instant()))), "Content-Type", "application/json", "User-Agent", BROWSER,
                "Cookie", "access_token_cookie=" + cookie);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(cookie(enabled, "access_token_cookie")).isEqualTo(enabled.map().get("access_token"));
        assertThat(cookie(enabled, "refresh_token_cookie")).isEqualTo(enabled.map().get("refresh_token"));
    }

    @Test
    void anAdminResetsTheFactorsOfSomeoneWhoLostTheirDevice() {
        ApiClient anonymous = start(false);
        ApiClient jane = as(token(anonymous));
        String secret = (String) jane.put("/auth/totp", Map.of()).map().get("otp_secret");
        jane.post("/auth/totp", Map.of("totp", totp.codeAt(secret, clock.instant())));
        String janeId = engine.systemSession().data("persons").list(org.zou4j.Query.parse(
                "email=jane@studio.example")).get(0).id();
        ApiClient admin = as((String) anonymous.post("/auth/login", Map.of("email", "admin@studio.example",
                "password", PASSWORD)).map().get("access_token"));
        String path = "/actions/persons/" + janeId + "/disable-two-factor-authentication";
        assertThat(jane.send("DELETE", path, null, null).status()).isEqualTo(403);
        assertThat(admin.send("DELETE", path, null, null).map()).isEqualTo(Map.of("success", true));
        assertThat(login(anonymous, Map.of()).status()).isEqualTo(200);
        assertThat(admin.send("DELETE", path, null, null).map()).isEqualTo(Map.of("error", true, "message",
                "Two factor authentication not enabled for this user."));
    }

    private static String cookie(ApiClient.Reply r, String name) {
        for (String c : r.headers().getOrDefault("set-cookie", List.of())) {
            if (c.startsWith(name + "=")) {
                return c.substring(name.length() + 1, c.indexOf(';'));
            }
        }
        throw new AssertionError("no " + name + " cookie in " + r.headers());
    }
}
