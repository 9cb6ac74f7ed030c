package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;

class PasswordTest {
    // Python bcrypt: bcrypt.hashpw(b"correct horse battery staple", bcrypt.gensalt(12)), what Zou stores.
    private static final String ZOU_HASH = "$2b$12$DY.BRMavQrzOLYIZrJlCXuUpfKEkxtame3Ob.5N0S9rSeS7WyUk7u";

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private SharedH2 storage;
    private ZouEngine engine;

    @BeforeEach
    void start() {
        storage = SharedH2.fresh();
        engine = AuthFixture.engine(storage, clock).build();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String storedHash(String id) {
        return (String) AuthFixture.query(storage.dataSource(), "SELECT password FROM person WHERE id = ?",
                UUID.fromString(id)).get(0).get("password");
    }

    private static ZouException fails(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aPasswordPostedToPersonsIsStoredAsABcryptHashAndNeverAnswered() {
        Entry jane = person(engine, "jane@studio.example", PASSWORD, "user");
        assertThat(jane.asMap()).doesNotContainKey("password");
        assertThat(storedHash(jane.id())).startsWith("$2b$04$").hasSize(60).doesNotContain(PASSWORD);
        assertThat(engine.systemSession().data("persons").get(jane.id()).asMap()).doesNotContainKey("password");
        assertThat(engine.login(LoginRequest.of("jane@studio.example", PASSWORD)).succeeded()).isTrue();
    }

    @Test
    void aPersonUpdateCannotSetThePassword() {
        Entry jane = person(engine, "jane@studio.example", PASSWORD, "user");
        String before = storedHash(jane.id());
        engine.systemSession().data("persons").update(jane.id(), Map.of("password", "plain text", "jti", "x"));
        assertThat(storedHash(jane.id())).isEqualTo(before);
    }

    @Test
    void aPasswordBcryptCannotHoldIsRefusedWithAClearMessage() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", "Long");
        body.put("last_name", "Pass");
        body.put("email", "long@studio.example");
        body.put("password", "é".repeat(37)); // 74 UTF-8 bytes
        ZouException e = fails(() -> engine.systemSession().data("persons").create(body));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("at most 72 bytes").doesNotContain("é");
    }

    @Test
    void aPasswordPostedToPersonsFollowsTheLengthRule() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", "Short");
        body.put("last_name", "Pass");
        body.put("email", "short@studio.example");
        body.put("password", "1234567");
        ZouException e = fails(() -> engine.systemSession().data("persons").create(body));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.body()).containsEntry("message", "Password is too short.");
    }

    @Test
    void aHashMadeByZouAtCost12StillLogsIn() {
        Entry jane = person(engine, "jane@studio.example", null, "user");
        AuthFixture.exec(storage.dataSource(), "UPDATE person SET password = ? WHERE id = ?", ZOU_HASH,
                UUID.fromString(jane.id()));
        assertThat(engine.login(LoginRequest.of("jane@studio.example", "correct horse battery staple")).succeeded())
                .isTrue();
    }

    @Test
    void aPersonWithoutPasswordCannotLogIn() {
        person(engine, "csv@studio.example", null, "user");
        assertThat(fails(() -> engine.login(LoginRequest.of("csv@studio.example", ""))).body())
                .isEqualTo(Map.of("login", false));
    }

    @Test
    void changePasswordChecksTheOldOneThenTheRulesAndKeepsOtherSessions() {
        person(engine, "jane@studio.example", PASSWORD, "user");
        String token = engine.login(LoginRequest.of("jane@studio.example", PASSWORD)).accessToken();
        Session s = engine.session(token);

        assertThat(fails(() -> engine.changePassword(s, PASSWORD, "short", "short")).body())
                .isEqualTo(Map.of("error", true, "message", "Password is too short."));
        assertThat(fails(() -> engine.changePassword(s, PASSWORD, "long enough 1", "long enough 2")).body())
                .isEqualTo(Map.of("error", true, "message", "Confirmation password doesn't match."));
        assertThat(fails(() -> engine.changePassword(s, "nope", "long enough 1", "long enough 1")).body())
                .isEqualTo(Map.of("error", true, "message", "Old password is wrong."));
        assertThat(fails(() -> engine.changePassword(s, null, "", null)).body().toString())
                .contains("old_password").contains("Field required").contains("password_2");

        engine.changePassword(s, PASSWORD, "long enough 1", "long enough 1");

        assertThat(engine.login(LoginRequest.of("jane@studio.example", "long enough 1")).succeeded()).isTrue();
        assertThat(fails(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD))).body())
                .isEqualTo(Map.of("login", false));
        assertThat(engine.session(token).personId()).isEqualTo(s.personId()); // as Zou: sessions stay
    }

    @Test
    void aBotCannotChangeAPassword() {
        Entry bot = engine.systemSession().data("persons").create(Map.of("first_name", "B", "last_name", "B",
                "is_bot", true));
        Session s = engine.session(bot.getString("access_token"));
        assertThat(fails(() -> engine.changePassword(s, "a", "b", "c")).httpStatus()).isEqualTo(403);
    }

    @Test
    void theMinimumLengthIsConfigurable() {
        try (ZouEngine strict = AuthFixture.engine(storage.another(), clock).minPasswordLength(12).build()) {
            person(strict, "jane@studio.example", PASSWORD, "user");
            Session s = strict.session(strict.login(LoginRequest.of("jane@studio.example", PASSWORD)).accessToken());
            assertThat(fails(() -> strict.changePassword(s, PASSWORD, "elevenchars", "elevenchars")).body())
                    .containsEntry("message", "Password is too short.");
            strict.changePassword(s, PASSWORD, "twelve chars", "twelve chars");
        }
    }

    @Test
    void ensureAdminCreatesTheFirstAdminOnce() {
        assertThat(fails(() -> engine.ensureAdmin("admin@studio.example", "short")).getMessage())
                .isEqualTo("Password is too short.");
        assertThat(engine.ensureAdmin("admin@studio.example", "a good password")).isTrue();
        assertThat(engine.ensureAdmin("other@studio.example", "a good password")).isFalse();
        Session admin = engine.session(engine.login(LoginRequest.of("admin@studio.example", "a good password"))
                .accessToken());
        assertThat(admin.role()).isEqualTo("admin");
        assertThat(engine.systemSession().data("persons").list(Query.all())).hasSize(1);
    }

    @Test
    void passwordResetWithoutAMailSenderIsAClearError() {
        person(engine, "jane@studio.example", PASSWORD, "user");
        ZouException e = fails(() -> engine.requestPasswordReset("jane@studio.example"));
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("mailSender");
    }

    @Test
    void aWrongResetTokenIsRefused() {
        assertThat(fails(() -> engine.resetPassword("jane@studio.example", "NOPE", "long enough", "long enough"))
                .body()).isEqualTo(Map.of("error", true, "message", "Wrong or expired token."));
    }

    @Test
    void sessionForPersonChecksThePerson() {
        Entry jane = person(engine, "jane@studio.example", PASSWORD, "supervisor");
        assertThat(engine.sessionForPerson(jane.id()).role()).isEqualTo("supervisor");
        assertThat(fails(() -> engine.sessionForPerson("not-a-uuid")).httpStatus()).isEqualTo(400);
        assertThat(fails(() -> engine.sessionForPerson(UUID.randomUUID().toString())).httpStatus()).isEqualTo(401);
        engine.systemSession().data("persons").update(jane.id(), Map.of("active", false));
        assertThat(fails(() -> engine.sessionForPerson(jane.id())).httpStatus()).isEqualTo(401);
    }

    @Test
    void authenticatedAnswersTheUserWithDevicesAndTheOrganisation() {
        Entry jane = person(engine, "jane@studio.example", PASSWORD, "user");
        AuthFixture.exec(storage.dataSource(), "UPDATE person SET fido_credentials = ? FORMAT JSON WHERE id = ?",
                "[{\"device_name\": \"YubiKey\", \"credential_id\": 1}]", UUID.fromString(jane.id()));
        Session s = engine.session(engine.login(LoginRequest.of("jane@studio.example", PASSWORD)).accessToken());
        Map<String, Object> body = engine.authenticated(s);
        assertThat(body.get("authenticated")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) body.get("user");
        assertThat(user.get("id")).isEqualTo(jane.id());
        assertThat(user.get("fido_devices")).isEqualTo(java.util.List.of("YubiKey"));
        assertThat(user).doesNotContainKey("fido_credentials");
        assertThat(body.get("organisation")).isNotNull();
    }
}
