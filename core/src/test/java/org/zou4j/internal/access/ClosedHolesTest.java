package org.zou4j.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;

/** The permission holes Zou has and zou4j closes, one test each. */
class ClosedHolesTest {

    static void forbidden(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.httpStatus())
                .isEqualTo(403));
    }

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    @Test
    void creatingATaskNeedsTheManagerOfItsProject() {
        try (PermissionFixture f = new PermissionFixture()) {
            Map<String, Object> inP = m("name", "layout", "project_id", f.id("P"), "entity_id", f.id("A2"),
                    "task_type_id", f.id("Modeling"));
            // Zou lets any authenticated person create tasks anywhere
            forbidden(() -> f.as("user").data("tasks").create(inP));
            forbidden(() -> f.as("supervisor").data("tasks").create(inP));
            forbidden(() -> f.as("client").data("tasks").create(inP));
            forbidden(() -> f.asLabel("outsider").data("tasks").create(inP));
            assertThat(f.as("manager").data("tasks").create(inP).get("project_id")).isEqualTo(f.id("P"));

            // a global manager outside project Q's team
            forbidden(() -> f.as("manager").data("tasks").create(m("name", "x", "project_id", f.id("Q"),
                    "entity_id", f.id("QA"), "task_type_id", f.id("Modeling"))));
            // a project of theirs cannot carry an entity of another production
            forbidden(() -> f.as("manager").data("tasks").create(m("name", "x", "project_id", f.id("P"),
                    "entity_id", f.id("QA"), "task_type_id", f.id("Modeling"))));
            // without project_id the entity's project decides
            assertThat(f.as("manager").data("tasks").create(m("name", "y", "entity_id", f.id("A2"),
                    "task_type_id", f.id("Animation"))).id()).isNotNull();

            // a project role of manager is enough, a global artist otherwise
            f.team("P", "nobody", "manager");
            assertThat(f.asLabel("nobody").data("tasks").create(m("name", "z", "project_id", f.id("P"),
                    "entity_id", f.id("A1"), "task_type_id", f.id("Animation"))).id()).isNotNull();
        }
    }

    @Test
    void aPersonCannotChangeTheirOwnPrivilegesHrFactsTwoFactorFlagsOrEmail() {
        try (PermissionFixture f = new PermissionFixture()) {
            String artist = f.id("artist");
            Map<String, Object> attempt = m(
                    "first_name", "Artie", "phone", "+33 9 99",
                    "role", "admin", "active", false, "archived", true, "is_bot", true, "is_guest", true,
                    "totp_enabled", true, "email_otp_enabled", true, "fido_enabled", true,
                    "preferred_two_factor_authentication", "totp",
                    "daily_salary", 9999, "position", "supervisor", "seniority", "senior",
                    "contract_type", "freelance", "expiration_date", "2099-01-01", "studio_id", f.id("ST"),
                    "departments", List.of(f.id("Mod")), "email", "attacker@evil.org", "ldap_uid", "x",
                    "is_generated_from_ldap", true);
            Entry answer = f.as("user").data("persons").update(artist, attempt);
            assertThat(answer.get("first_name")).isEqualTo("Artie");

            Entry stored = f.sys.data("persons").get(artist);
            assertThat(stored.get("first_name")).isEqualTo("Artie");
            assertThat(stored.get("phone")).isEqualTo("+33 9 99");
            assertThat(stored.get("role")).isEqualTo("user");
            assertThat(stored.get("active")).isEqualTo(true);
            assertThat(stored.get("archived")).isEqualTo(false);
            assertThat(stored.get("is_bot")).isEqualTo(false);
            assertThat(stored.get("is_guest")).isEqualTo(false);
            assertThat(stored.get("totp_enabled")).isEqualTo(false);
            assertThat(stored.get("email_otp_enabled")).isEqualTo(false);
            assertThat(stored.get("fido_enabled")).isEqualTo(false);
            assertThat(stored.get("preferred_two_factor_authentication")).isNull();
            assertThat(stored.get("daily_salary")).isEqualTo(321);
            assertThat(stored.get("position")).isEqualTo("artist");
            assertThat(stored.get("seniority")).isEqualTo("mid");
            assertThat(stored.get("contract_type")).isEqualTo("open-ended");
            assertThat(stored.get("expiration_date")).isNull();
            assertThat(stored.get("studio_id")).isNull();
            assertThat(stored.get("departments")).isEqualTo(List.of());
            assertThat(stored.get("email")).isEqualTo("artist@x.org");
            assertThat(stored.get("ldap_uid")).isNull();

            // an admin changes them
            f.as("admin").data("persons").update(artist, m("role", "supervisor", "email", "art@x.org",
                    "daily_salary", 400, "departments", List.of(f.id("Mod"))));
            Entry changed = f.sys.data("persons").get(artist);
            assertThat(changed.get("role")).isEqualTo("supervisor");
            assertThat(changed.get("email")).isEqualTo("art@x.org");
            assertThat(changed.get("daily_salary")).isEqualTo(400);
            assertThat(changed.get("departments")).isEqualTo(List.of(f.id("Mod")));

            // nobody but an admin edits someone else; nobody deletes themself
            forbidden(() -> f.as("manager").data("persons").update(artist, m("first_name", "x")));
            forbidden(() -> f.as("admin").data("persons").delete(f.id("admin")));
        }
    }

    @Test
    void vendorsCannotListMetadataDescriptors() {
        try (PermissionFixture f = new PermissionFixture()) {
            forbidden(() -> f.as("vendor").data("metadata-descriptors").list(Query.all()));
            forbidden(() -> f.as("vendor").data("metadata-descriptors").list(Query.parse("project_id=" + f.id("P"))));
            assertThat(f.as("user").data("metadata-descriptors").list(Query.all())).hasSize(2);
        }
    }

    @Test
    void assigneesOfAPreviewsTaskMayUpdateItOthersNeedToManage() {
        try (PermissionFixture f = new PermissionFixture()) {
            Map<String, Object> change = m("description", "retimed");
            // Zou checked the entity id as a task id: every non-manager was refused
            assertThat(f.as("user").data("preview-files").update(f.id("PF1"), change).get("description"))
                    .isEqualTo("retimed");
            assertThat(f.as("vendor").data("preview-files").update(f.id("PF1"), change).id()).isNotNull();
            forbidden(() -> f.as("user").data("preview-files").update(f.id("PF2"), change));
            forbidden(() -> f.as("client").data("preview-files").update(f.id("PF1"), change));
            forbidden(() -> f.as("supervisor").data("preview-files").update(f.id("PF1"), change));
            assertThat(f.as("manager").data("preview-files").update(f.id("PF2"), change).id()).isNotNull();
            // the team of a closed production still counts
            assertThat(f.as("user").data("preview-files").update(f.id("PFC"), change).id()).isNotNull();
            forbidden(() -> f.asLabel("outsider").data("preview-files").update(f.id("PF1"), change));
        }
    }

    @Test
    void theScheduleTaskLinkListAnswersOnlyTheAskedProject() {
        try (PermissionFixture f = new PermissionFixture()) {
            String route = "production-schedule-version-task-links";
            // Zou ignored project_id here and answered every project's links
            assertThat(f.as("manager").data(route).list(Query.parse("project_id=" + f.id("P"))))
                    .extracting(Entry::id).containsExactly(f.id("PSVL1"));
            assertThat(f.as("user").data(route).list(Query.parse("project_id=" + f.id("P"))))
                    .extracting(Entry::id).containsExactly(f.id("PSVL1"));
            assertThat(f.as("admin").data(route).list(Query.parse("project_id=" + f.id("Q"))))
                    .extracting(Entry::id).containsExactly(f.id("PSVLQ"));
            assertThat(f.as("admin").data(route).list(Query.all())).hasSize(2);

            forbidden(() -> f.as("manager").data(route).list(Query.all()));
            forbidden(() -> f.as("manager").data(route).list(Query.parse("project_id=" + f.id("Q"))));
            forbidden(() -> f.as("client").data(route).list(Query.parse("project_id=" + f.id("P"))));
            forbidden(() -> f.as("vendor").data(route).list(Query.parse("project_id=" + f.id("P"))));
            assertThatThrownBy(() -> f.as("manager").data(route).list(Query.parse(
                    "project_id=6f1c0fd4-4b1e-4a7e-9a44-000000000000")))
                    .isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));

            // the versions themselves: the project_id filter is a column there
            assertThat(f.as("manager").data("production-schedule-versions")
                    .list(Query.parse("project_id=" + f.id("P")))).extracting(Entry::id)
                    .containsExactlyInAnyOrder(f.id("PSV1"), f.id("PSV2"));
        }
    }

    @Test
    void chatAttachmentsNeedAccessToTheChatsProject() {
        try (PermissionFixture f = new PermissionFixture()) {
            Entry chat = f.sys.data("chats").create(m("object_id", f.id("QA")));
            Entry message = f.sys.data("chat-messages").create(m("chat_id", chat.id(), "person_id",
                    f.id("outsider"), "text", "see attached"));
            Entry attachment = f.sys.data("attachment-files").create(m("name", "q.png", "chat_message_id",
                    message.id()));
            // Zou only checked the vendor rule on chat attachments
            forbidden(() -> f.as("user").data("attachment-files").get(attachment.id()));
            forbidden(() -> f.as("manager").data("attachment-files").get(attachment.id()));
            assertThat(f.asLabel("outsider").data("attachment-files").get(attachment.id()).id())
                    .isEqualTo(attachment.id());

            Entry onA1 = f.sys.data("attachment-files").create(m("name", "a1.png", "chat_message_id",
                    f.id("CHM1")));
            assertThat(f.as("user").data("attachment-files").get(onA1.id()).id()).isEqualTo(onA1.id());
            forbidden(() -> f.asLabel("outsider").data("attachment-files").get(onA1.id()));
        }
    }
}
