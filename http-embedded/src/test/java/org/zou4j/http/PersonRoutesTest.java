package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.mail.MailMessage;

/**
 * Zou's {@code persons} blueprint over HTTP, part one: the admin actions on a person (departments, password, reset
 * link, invitation, avatar), desktop logins and presence, and days off by period. Runs on H2; {@link Postgres} runs
 * the same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class PersonRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends PersonRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String newPerson(String first, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", first);
        body.put("last_name", "Tester");
        body.put("email", first.toLowerCase() + System.nanoTime() + "@world.example");
        body.put("role", role);
        body.put("password", TaskWorld.PASSWORD);
        return w.create("persons", body);
    }

    private String email(String personId) {
        return (String) w.admin.get("/data/persons/" + personId).map().get("email");
    }

    private MailMessage mailTo(String address) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (MailMessage m : w.mails) {
                if (m.to().contains(address)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + address);
    }

    // ---- departments -----------------------------------------------------------------------------------------------

    /** Zou's test_person_departments (test_add_to_department, test_remove_from_department). */
    @Test
    void anAdminAddsAPersonToADepartmentAndRemovesItAgain() {
        String person = newPerson("Dora", "user");
        String dep = w.departments.get("animation");
        ApiClient.Reply added = w.admin.post("/actions/persons/" + person + "/departments/add",
                Map.of("department_id", dep));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.map()).containsEntry("id", person);
        assertThat((List<Object>) added.map().get("departments")).containsExactly(dep);
        assertThat(w.eventsNamed("person:update", "person_id", person)).isNotEmpty();

        ApiClient.Reply removed = w.admin.delete("/api/actions/persons/" + person + "/departments/" + dep);
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);
        assertThat((List<Object>) w.admin.get("/data/persons/" + person).map().get("departments")).isEmpty();
    }

    @Test
    void departmentActionsAreForAdminsAndNeedAKnownDepartment() {
        String person = newPerson("Dino", "user");
        String dep = w.departments.get("animation");
        assertThat(w.as("manager").post("/actions/persons/" + person + "/departments/add",
                Map.of("department_id", dep)).status()).isEqualTo(403);
        assertThat(w.as("artist").delete("/actions/persons/" + person + "/departments/" + dep).status())
                .isEqualTo(403);
        ApiClient.Reply unknown = w.admin.post("/actions/persons/" + person + "/departments/add",
                Map.of("department_id", java.util.UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.map()).containsEntry("message", "Department ID matches no department");
        assertThat(w.admin.delete("/actions/persons/" + person + "/departments/"
                + java.util.UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(w.admin.post("/actions/persons/" + person + "/departments/add", Map.of()).status())
                .isEqualTo(400);
        assertThat(w.admin.post("/actions/persons/" + java.util.UUID.randomUUID() + "/departments/add",
                Map.of("department_id", dep)).status()).isEqualTo(404);
    }

    // ---- passwords and invitation ---------------------------------------------------------------------------------

    @Test
    void anAdminChangesAPasswordAndThePersonIsToldByMail() throws Exception {
        String person = newPerson("Paula", "user");
        String email = email(person);
        ApiClient.Reply r = w.admin.send("POST", "/actions/persons/" + person + "/change-password",
                "{\"password\": \"a brand new secret\", \"password_2\": \"a brand new secret\"}",
                "application/json");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).isEqualTo(Map.of("success", true));
        assertThat(w.engine.login(LoginRequest.of(email, "a brand new secret")).access()).isPresent();
        assertThat(mailTo(email).text()).contains("administrator");
    }

    /** Zou's test_persons.test_change_password_for_existing_admin_is_blocked, among others. */
    @Test
    void changePasswordRefusals() {
        String person = newPerson("Pia", "user");
        Map<String, Object> body = Map.of("password", "a brand new secret", "password_2", "a brand new secret");
        assertThat(w.as("manager").post("/actions/persons/" + person + "/change-password", body).status())
                .isEqualTo(403);
        ApiClient.Reply mismatch = w.admin.post("/actions/persons/" + person + "/change-password",
                Map.of("password", "a brand new secret", "password_2", "another secret"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.map()).containsEntry("error", true)
                .containsEntry("message", "Confirmation password doesn't match.");
        ApiClient.Reply shortOne = w.admin.post("/actions/persons/" + person + "/change-password",
                Map.of("password", "short", "password_2", "short"));
        assertThat(shortOne.map()).containsEntry("message", "Password is too short.");
        // Zou's check_password_change_allowed: not another admin's password
        String otherAdmin = newPerson("Ada", "admin");
        ApiClient.Reply admin = w.admin.post("/actions/persons/" + otherAdmin + "/change-password", body);
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.map()).containsEntry("message", "An admin can't change another admin's password.");
        assertThat(w.admin.post("/actions/persons/" + java.util.UUID.randomUUID() + "/change-password", body)
                .status()).isEqualTo(404);
    }

    /**
     * Zou's test_persons.test_get_reset_password_link. Unlike Zou (test_get_reset_password_link_is_reused), a second
     * call makes a new link: reset tokens are stored hashed, so an earlier one cannot be handed out again.
     */
    @Test
    void aResetPasswordLinkLetsThePersonChooseAPassword() {
        String person = newPerson("Rita", "user");
        String email = email(person);
        ApiClient.Reply r = w.admin.post("/actions/persons/" + person + "/reset-password-link", Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        String link = (String) r.map().get("reset_password_link");
        Matcher m = Pattern.compile("/reset-change-password\\?email=([^&]+)&token=([A-Z0-9]+)$").matcher(link);
        assertThat(m.find()).as(link).isTrue();
        assertThat(java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(email);
        ApiClient.Reply reset = w.anonymous().put("/auth/reset-password", Map.of("email", email,
                "token", m.group(2), "password", "chosen by rita", "password2", "chosen by rita"));
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        assertThat(w.engine.login(LoginRequest.of(email, "chosen by rita")).access()).isPresent();
        assertThat(w.as("artist").post("/actions/persons/" + person + "/reset-password-link", Map.of()).status())
                .isEqualTo(403);
    }

    /** Zou's test_persons.test_invite_person. */
    @Test
    void anInvitationMailsALinkToChooseAPassword() throws Exception {
        String person = newPerson("Ines", "user");
        String email = email(person);
        ApiClient.Reply r = w.admin.get("/actions/persons/" + person + "/invite");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).isEqualTo(Map.of("success", true, "message", "Email sent"));
        MailMessage mail = mailTo(email);
        assertThat(mail.text()).contains("/reset-change-password?email=").contains("&type=new");
        assertThat(w.as("manager").get("/actions/persons/" + person + "/invite").status()).isEqualTo(403);
    }

    // ---- avatar ----------------------------------------------------------------------------------------------------

    @Test
    void anAdminClearsAnAvatar() {
        String person = newPerson("Ava", "user");
        ApiClient.Reply uploaded = PictureRoutesTest.upload(w.admin, "/pictures/thumbnails/persons/" + person,
                "ava.png", PictureRoutesTest.picture(40, 40, "png"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        assertThat(w.admin.getBytes("/pictures/thumbnails/persons/" + person + ".png").status()).isEqualTo(200);
        assertThat(w.as("artist").delete("/actions/persons/" + person + "/clear-avatar").status()).isEqualTo(403);
        assertThat(w.admin.delete("/actions/persons/" + person + "/clear-avatar").status()).isEqualTo(204);
        assertThat(w.admin.get("/data/persons/" + person).map()).containsEntry("has_avatar", false);
        assertThat(w.eventsNamed("person:update", "person_id", person)).isNotEmpty();
        assertThat(w.admin.getBytes("/pictures/thumbnails/persons/" + person + ".png").status()).isEqualTo(404);
    }

    /** The user route clears the caller's own avatar the same way (picture gone from the file store). */
    @Test
    void aPersonClearsTheirOwnAvatar() {
        String person = newPerson("Otto", "user");
        ApiClient me = w.client(email(person));
        assertThat(PictureRoutesTest.upload(me, "/pictures/thumbnails/persons/" + person, "me.png",
                PictureRoutesTest.picture(40, 40, "png")).status()).isEqualTo(201);
        assertThat(me.delete("/actions/user/clear-avatar").status()).isEqualTo(204);
        assertThat(w.admin.get("/data/persons/" + person).map()).containsEntry("has_avatar", false);
        assertThat(w.admin.getBytes("/pictures/thumbnails/persons/" + person + ".png").status()).isEqualTo(404);
    }

    // ---- desktop logins and presence -------------------------------------------------------------------------------

    /** Zou's test_desktop_login_logs.test_add_logs. */
    @Test
    void desktopLoginsAreWrittenByThePersonAndReadByManagers() {
        String artist = w.persons.get("artist2");
        ApiClient.Reply own = w.as("artist2").post("/data/persons/" + artist + "/desktop-login-logs",
                Map.of("date", "2024-03-05T09:30:00"));
        assertThat(own.status()).as(own.text()).isEqualTo(201);
        assertThat(own.map()).containsEntry("person_id", artist).containsEntry("date", "2024-03-05T09:30:00");
        assertThat(w.as("artist").post("/data/persons/" + artist + "/desktop-login-logs", Map.of()).status())
                .isEqualTo(403);
        assertThat(w.admin.post("/data/persons/" + artist + "/desktop-login-logs", Map.of()).status())
                .isEqualTo(201);
        List<Map<String, Object>> logs = w.as("manager").get("/data/persons/" + artist + "/desktop-login-logs")
                .list();
        assertThat(logs).hasSize(2);
        assertThat(logs.get(1)).containsEntry("date", "2024-03-05T09:30:00"); // newest first
        assertThat(w.as("artist2").get("/data/persons/" + artist + "/desktop-login-logs").list()).hasSize(2);
        assertThat(w.as("artist").get("/data/persons/" + artist + "/desktop-login-logs").status())
                .isEqualTo(403);
        assertThat(w.admin.get("/data/persons/" + artist).map().get("last_presence")).isNotNull();
    }

    /** Zou's test_desktop_login_logs.test_get_csv (a login of another month is not stamped on this one). */
    @Test
    void presenceLogsAreACsvOfTheMonthForAdmins() {
        String person = newPerson("Zelda", "user");
        w.admin.post("/data/persons/" + person + "/desktop-login-logs", Map.of("date", "2023-02-14T10:00:00"));
        w.admin.post("/data/persons/" + person + "/desktop-login-logs", Map.of("date", "2023-03-01T10:00:00"));
        ApiClient.Reply r = w.admin.get("/data/persons/presence-logs/2023-02");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("text/csv");
        assertThat(r.header("content-disposition")).contains("kitsu_export.csv");
        String[] lines = r.text().split("\r\n");
        StringBuilder header = new StringBuilder("2023");
        for (int d = 1; d <= 28; d++) {
            header.append(';').append(d);
        }
        assertThat(lines[0]).isEqualTo(header.toString());
        String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith("Zelda Tester;")).findFirst()
                .orElseThrow();
        String[] cells = row.split(";", -1);
        assertThat(cells).hasSize(29);
        assertThat(cells[14]).isEqualTo("X");
        assertThat(cells[1]).isEmpty(); // the March login is not stamped on the 1st
        assertThat(w.as("manager").get("/data/persons/presence-logs/2023-02").status()).isEqualTo(403);
        assertThat(w.as("manager").get("/data/persons/presence-logs/2023-13").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/persons/presence-logs/2023-13").status()).isEqualTo(400);
        assertThat(w.admin.get("/data/persons/presence-logs/february").status()).isEqualTo(400);
    }

    // ---- days off --------------------------------------------------------------------------------------------------

    /**
     * Zou's test_persons.test_the_day_off_listings_each_hold_their_own_period (a period does not carry the first day
     * of the next one) and test_get_person_day_off_for_date_is_admin_or_self.
     */
    @Test
    void daysOffByPeriodIncludeTheDaysOffOverlappingIt() {
        String person = newPerson("Dayo", "user");
        ApiClient me = w.client(email(person));
        // Jan 30 - Feb 2 2023 spans two months and ISO weeks 5 (Jan 30 is a Monday)
        w.create("day-offs", Map.of("person_id", person, "date", "2023-01-30", "end_date", "2023-02-02"));
        w.create("day-offs", Map.of("person_id", person, "date", "2023-03-06", "end_date", "2023-03-06"));
        String other = w.create("day-offs", Map.of("person_id", w.persons.get("artist2"), "date", "2023-01-10",
                "end_date", "2023-01-10"));
        assertThat(me.get("/data/persons/" + person + "/day-offs/").list()).hasSize(2);
        assertThat(me.get("/data/persons/" + person + "/day-offs/month/2023/01").list()).hasSize(1);
        assertThat(me.get("/data/persons/" + person + "/day-offs/month/2023/02").list()).hasSize(1);
        assertThat(me.get("/data/persons/" + person + "/day-offs/month/2023/04").list()).isEmpty();
        assertThat(me.get("/data/persons/" + person + "/day-offs/week/2023/5").list()).hasSize(1);
        assertThat(me.get("/data/persons/" + person + "/day-offs/week/2023/4").list()).isEmpty();
        assertThat(me.get("/data/persons/" + person + "/day-offs/year/2023").list()).hasSize(2);
        assertThat(me.get("/data/persons/" + person + "/day-offs/year/2022").list()).isEmpty();
        assertThat(me.get("/data/persons/" + person + "/day-offs/week/2023/53").status()).isEqualTo(400);

        assertThat(me.get("/data/persons/" + person + "/day-offs/2023-02-01").map())
                .containsEntry("date", "2023-01-30").containsEntry("end_date", "2023-02-02");
        assertThat(me.get("/data/persons/" + person + "/day-offs/2023-02-03").map()).isEmpty();
        assertThat(me.get("/data/persons/" + person + "/day-offs/not-a-date").status()).isEqualTo(400);

        // someone else's: only an admin (Zou's check_person_access)
        assertThat(w.as("manager").get("/data/persons/" + person + "/day-offs").status()).isEqualTo(403);
        assertThat(w.as("artist").get("/data/persons/" + person + "/day-offs/2023-02-01").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/persons/" + person + "/day-offs/year/2023").list()).hasSize(2);

        // the month for everyone: all for an admin, one's own otherwise
        List<Map<String, Object>> all = w.admin.get("/data/persons/day-offs/2023/01").list();
        assertThat(all).extracting(d -> d.get("id")).contains(other);
        assertThat(all).extracting(d -> d.get("person_id")).contains(person);
        List<Map<String, Object>> mine = me.get("/data/persons/day-offs/2023/01").list();
        assertThat(mine).extracting(d -> d.get("person_id")).containsOnly(person);
        assertThat(me.get("/data/persons/day-offs/2023").list()).hasSize(2);
        assertThat(w.admin.get("/data/persons/day-offs/2023/13").status()).isEqualTo(400);
    }

    @Test
    void botsHaveNoDaysOffOrTimeSheets() {
        String bot = w.create("persons", Map.of("first_name", "Robo", "last_name", "Bot", "is_bot", true,
                "email", "bot" + System.nanoTime() + "@world.example"));
        assertThat(w.admin.get("/data/persons/" + bot + "/day-offs").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/persons/" + bot + "/time-spents").status()).isEqualTo(403);
        assertThat(w.admin.get("/actions/persons/" + bot + "/invite").status()).isEqualTo(403);
        assertThat(w.admin.get("/data/persons/" + java.util.UUID.randomUUID() + "/day-offs").status())
                .isEqualTo(404);
    }
}
