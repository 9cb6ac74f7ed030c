package org.zou4j.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zou4j.internal.access.ClosedHolesTest.m;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.TestSessions;
import org.zou4j.ZouException;
import org.zou4j.internal.model.Models;

/** What each caller sees of persons and organisations, and what they may filter on (reference §3.4, §4.7). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HiddenFieldsTest {
    private PermissionFixture f;

    private static final List<String> NON_ADMINS = List.of("manager", "supervisor", "user", "client", "vendor");
    private static final List<String> PRIVATE = List.of("email", "phone", "daily_salary", "country", "contract_type",
            "totp_enabled", "notifications_slack_userid", "expiration_date");

    @BeforeAll
    void fixture() {
        f = new PermissionFixture();
        // secrets in the row, to prove they never leave
        TestSessions.inTransaction(f.engine, tx -> tx.updateById("person", UUID.fromString(f.id("artist")), m(
                "password", "$2b$12$abcdefghijklmnopqrstuuQ3X3b3x3b3x3b3x3b3x3b3x3b3x3b3",
                "totp_secret", "JBSWY3DPEHPK3PXP", "email_otp_secret", "JBSWY3DPEHPK3PXP", "jti", "some-jti",
                "login_failed_attemps", 2)));
    }

    @AfterAll
    void close() {
        f.close();
    }

    private static void assertNoSecret(Map<String, Object> person) {
        assertThat(person).doesNotContainKeys(Models.PERSON_SECRETS.toArray(String[]::new));
    }

    @Test
    void nonAdminsListEveryPersonAsTheMinimalDict() {
        for (String role : NON_ADMINS) {
            List<Entry> persons = f.as(role).data("persons").list(Query.all());
            assertThat(persons).hasSize(8);
            for (Entry p : persons) {
                assertThat(p.asMap().keySet()).as(role).containsExactlyElementsOf(PersonAccess.MINIMAL_KEYS);
                assertThat(p.get("departments")).isEqualTo(List.of());
            }
        }
        Entry sup = f.as("user").data("persons").list(Query.parse("relations=true&first_name=Sue")).get(0);
        assertThat(sup.get("departments")).isEqualTo(List.of(f.id("Mod")));
    }

    @Test
    void aSingleGetIsMinimalExceptForManagersAdminsAndThePersonThemself() {
        String artist = f.id("artist");
        for (String role : List.of("supervisor", "client", "vendor")) {
            Entry seen = f.as(role).data("persons").get(artist);
            assertThat(seen.asMap().keySet()).containsExactlyElementsOf(PersonAccess.MINIMAL_KEYS);
            assertThat(seen.asMap()).doesNotContainKeys(PRIVATE.toArray(String[]::new));
        }
        for (String role : List.of("admin", "manager", "user")) {
            Entry seen = f.as(role).data("persons").get(artist);
            assertThat(seen.get("email")).as(role).isEqualTo("artist@x.org");
            assertThat(seen.get("daily_salary")).isEqualTo(321);
            assertNoSecret(seen.asMap());
        }
        // the artist reads others minimal
        assertThat(f.as("user").data("persons").get(f.id("manager")).asMap())
                .doesNotContainKeys(PRIVATE.toArray(String[]::new));
    }

    @Test
    void secretsNeverLeaveForAnyone() {
        for (String role : PermissionFixture.ROLES) {
            f.as(role).data("persons").list(Query.all()).forEach(p -> assertNoSecret(p.asMap()));
            f.as(role).data("persons").list(Query.parse("page=1")).forEach(p -> assertNoSecret(p.asMap()));
            assertNoSecret(f.as(role).data("persons").get(f.id("artist")).asMap());
        }
        assertNoSecret(f.as("user").data("persons").update(f.id("artist"), m("phone", "+1")).asMap());
        assertNoSecret(f.as("admin").data("persons").update(f.id("artist"), m("phone", "+2")).asMap());
        Entry created = f.as("admin").data("persons").create(m("first_name", "S", "last_name", "X",
                "email", "sx@x.org", "password", "hunter2hunter2"));
        assertNoSecret(created.asMap());
        f.as("admin").data("persons").delete(created.id());
    }

    @Test
    void nonAdminsFilterPersonsOnlyOnTheMinimalKeysAndEmail() {
        var persons = f.as("user").data("persons");
        assertThat(persons.list(Query.parse("email=ARTIST@x.org"))).extracting(Entry::id).containsExactly(f.id("artist"));
        assertThat(persons.list(Query.parse("full_name=Sue Supervisor"))).extracting(Entry::id)
                .containsExactly(f.id("supervisor"));
        assertThat(persons.list(Query.parse("departments=" + f.id("Mod")))).extracting(Entry::id)
                .containsExactly(f.id("supervisor"));
        assertThat(persons.list(Query.parse("role=vendor"))).hasSize(1);
        assertThat(persons.list(Query.parse("no_such_key=1"))).hasSize(8);
        for (String key : List.of("phone", "daily_salary", "contract_type", "country", "position", "totp_enabled",
                "expiration_date")) {
            for (String role : NON_ADMINS) {
                assertThatThrownBy(() -> f.as(role).data("persons").list(Query.parse(key + "=1")))
                        .isInstanceOfSatisfying(ZouException.class, e -> {
                            assertThat(e.httpStatus()).isEqualTo(400);
                            assertThat(e.getMessage()).isEqualTo("Filtering on " + key + " is not allowed.");
                        });
            }
        }
        // admins filter on anything but the secrets
        assertThat(f.as("admin").data("persons").list(Query.parse("daily_salary=321"))).hasSize(1);
        assertThatThrownBy(() -> f.as("admin").data("persons").list(Query.parse("totp_secret=JBSWY3DPEHPK3PXP")))
                .isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void organisationChatTokensAreAdminOnly() {
        List<String> tokens = List.of("chat_token_slack", "chat_webhook_mattermost", "chat_token_discord");
        for (String role : NON_ADMINS) {
            Entry listed = f.as(role).data("organisations").list(Query.all()).get(0);
            assertThat(listed.asMap()).doesNotContainKeys(tokens.toArray(String[]::new));
            assertThat(listed.get("hours_by_day")).isNotNull();
            assertThat(f.as(role).data("organisations").get(f.id("ORG")).asMap())
                    .doesNotContainKeys(tokens.toArray(String[]::new));
            for (String token : tokens) {
                assertThatThrownBy(() -> f.as(role).data("organisations").list(Query.parse(token + "=xoxb-secret")))
                        .isInstanceOfSatisfying(ZouException.class, e ->
                                assertThat(e.getMessage()).isEqualTo("Filtering on " + token + " is not allowed."));
            }
        }
        assertThat(f.as("admin").data("organisations").get(f.id("ORG")).get("chat_token_slack"))
                .isEqualTo("xoxb-secret");
        assertThat(f.as("admin").data("organisations").list(Query.parse("chat_token_slack=xoxb-secret"))).hasSize(1);
    }
}
