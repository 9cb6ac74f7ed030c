package org.zou4j.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zou4j.internal.access.ClosedHolesTest.forbidden;
import static org.zou4j.internal.access.ClosedHolesTest.m;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.TestSessions;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Filter;

/** Project roles, client isolation, vendor scoping, supervisor limits and the order of checks. */
class ScopedAccessTest {

    @Test
    void aProjectRoleReplacesTheGlobalRoleInThatProjectOnly() {
        try (PermissionFixture f = new PermissionFixture()) {
            f.team("P", "nobody", "manager");
            assertThat(f.asLabel("nobody").data("projects").update(f.id("P"), m("description", "x")).id()).isNotNull();
            assertThat(f.asLabel("nobody").data("tasks").update(f.id("T2"), m("name", "renamed")).id()).isNotNull();
            forbidden(() -> f.asLabel("nobody").data("projects").update(f.id("Q"), m("description", "x")));

            // a global manager demoted to artist in C manages P, not C
            TestSessions.inTransaction(f.engine, tx -> tx.update("project_person_link", m("role", "user"),
                    List.of(Filter.eq("project_id", UUID.fromString(f.id("C"))),
                            Filter.eq("person_id",
                                    UUID.fromString(f.id("manager"))))));
            forbidden(() -> f.as("manager").data("projects").update(f.id("C"), m("description", "x")));
            assertThat(f.as("manager").data("projects").update(f.id("P"), m("description", "x")).id()).isNotNull();

            // admin is a global role only: as a project role it is ignored
            f.team("Q", "artist", "admin");
            forbidden(() -> f.as("user").data("projects").update(f.id("Q"), m("description", "x")));
            assertThat(f.as("user").data("projects").get(f.id("Q")).id()).isEqualTo(f.id("Q"));

            // a project role of vendor narrows a global artist to their assigned work there
            TestSessions.inTransaction(f.engine, tx -> tx.update("project_person_link", m("role", "vendor"),
                    List.of(Filter.eq("project_id", UUID.fromString(f.id("P"))),
                            Filter.eq("person_id",
                                    UUID.fromString(f.id("artist"))))));
            assertThat(f.as("user").data("tasks").get(f.id("T1")).id()).isEqualTo(f.id("T1"));
            forbidden(() -> f.as("user").data("tasks").get(f.id("T2")));
            forbidden(() -> f.as("user").data("milestones").get(f.id("MS1")));
        }
    }

    @Test
    void clientsReadClientCommentsAndForClientOnesAndIsolationNarrowsThatToTheirOwn() {
        try (PermissionFixture f = new PermissionFixture()) {
            Entry client2 = f.sys.data("persons").create(m("first_name", "Other", "last_name", "Client",
                    "email", "c2@x.org", "role", "client"));
            TestSessions.inTransaction(f.engine, tx -> {
                tx.insert("project_person_link", m("project_id", UUID.fromString(f.id("P")),
                        "person_id", UUID.fromString(client2.id()), "role", null));
                return null;
            });
            Entry byClient = comment(f, f.id("client"), false);
            Entry byClient2 = comment(f, client2.id(), false);
            Entry forClient = comment(f, f.id("artist"), true);
            String internal = f.id("CM1");

            var asClient = f.as("client").data("comments");
            assertThat(asClient.get(byClient.id()).id()).isNotNull();
            assertThat(asClient.get(byClient2.id()).id()).isNotNull();
            assertThat(asClient.get(forClient.id()).id()).isNotNull();
            forbidden(() -> asClient.get(internal));
            // studio members never read what clients wrote
            forbidden(() -> f.as("user").data("comments").get(byClient.id()));
            forbidden(() -> f.as("vendor").data("comments").get(byClient.id()));
            assertThat(f.as("supervisor").data("comments").get(byClient.id()).id()).isNotNull();
            assertThat(f.as("manager").data("comments").get(byClient.id()).id()).isNotNull();

            f.sys.data("projects").update(f.id("P"), m("is_clients_isolated", true));
            assertThat(asClient.get(byClient.id()).id()).isNotNull();
            forbidden(() -> asClient.get(byClient2.id()));
            assertThat(asClient.get(forClient.id()).id()).isNotNull();
            forbidden(() -> asClient.get(internal));
        }
    }

    private static Entry comment(PermissionFixture f, String author, boolean forClient) {
        return f.sys.data("comments").create(m("object_id", f.id("T1"), "object_type", "Task", "person_id", author,
                "task_status_id", f.id("WIP"), "text", "note", "for_client", forClient));
    }

    @Test
    void vendorsOnlyReachWhatTheyAreAssignedTo() {
        try (PermissionFixture f = new PermissionFixture()) {
            var vendor = f.as("vendor");
            assertThat(vendor.data("tasks").get(f.id("T1")).id()).isEqualTo(f.id("T1"));
            forbidden(() -> vendor.data("tasks").get(f.id("T2")));
            forbidden(() -> vendor.data("entities").get(f.id("A2")));
            forbidden(() -> vendor.data("preview-files").get(f.id("PF2")));
            forbidden(() -> vendor.data("playlists").get(f.id("PL1")));
            forbidden(() -> vendor.data("working-files").list(Query.all()));
            // filters combine with the scope
            assertThat(vendor.data("tasks").list(Query.parse("project_id=" + f.id("C")))).extracting(Entry::id)
                    .containsExactly(f.id("TC"));
        }
    }

    @Test
    void supervisorsWriteWithinTheirDepartmentsAndAllowedKeys() {
        try (PermissionFixture f = new PermissionFixture()) {
            var sup = f.as("supervisor");
            assertThat(sup.data("tasks").update(f.id("T1"), m("priority", 3, "due_date", "2024-09-01")).id())
                    .isNotNull();
            forbidden(() -> sup.data("tasks").update(f.id("T1"), m("name", "renamed")));
            forbidden(() -> sup.data("tasks").update(f.id("T1"), m("assignees", List.of(f.id("client")))));
            forbidden(() -> sup.data("tasks").update(f.id("T2"), m("priority", 3))); // Animation
            forbidden(() -> sup.data("tasks").delete(f.id("T3")));

            assertThat(sup.data("entities").update(f.id("A1"), m("data", m("difficulty", 3))).id()).isNotNull();
            forbidden(() -> sup.data("entities").update(f.id("A1"), m("data", m("note", "x")))); // no department
            forbidden(() -> sup.data("entities").update(f.id("A1"), m("data", m("unknown", "x"))));
            forbidden(() -> sup.data("entities").update(f.id("A1"), m("description", "x")));

            assertThat(sup.data("schedule-items").update(f.id("SI1"), m("man_days", 4)).id()).isNotNull();
            assertThat(sup.data("playlists").create(m("name", "Sup review", "project_id", f.id("P"))).id()).isNotNull();

            // a supervisor without department covers every department
            Entry free = f.sys.data("persons").create(m("first_name", "Free", "last_name", "Sup", "email", "fs@x.org",
                    "role", "supervisor"));
            TestSessions.inTransaction(f.engine, tx -> {
                tx.insert("project_person_link", m("project_id", UUID.fromString(f.id("P")),
                        "person_id", UUID.fromString(free.id()), "role", null));
                return null;
            });
            var freeSup = TestSessions.asPerson(f.engine, free.id());
            assertThat(freeSup.data("tasks").update(f.id("T2"), m("priority", 4)).id()).isNotNull();
            assertThat(freeSup.data("entities").update(f.id("A1"), m("data", m("note", "x"))).id()).isNotNull();
        }
    }

    @Test
    void commentsAreEditedByTheirAuthorExceptForStatusFlagsAndOwnership() {
        try (PermissionFixture f = new PermissionFixture()) {
            var artist = f.as("user").data("comments");
            String cm1 = f.id("CM1");
            assertThat(artist.update(cm1, m("text", "edited")).get("text")).isEqualTo("edited");
            forbidden(() -> artist.update(cm1, m("for_client", true)));
            forbidden(() -> artist.update(cm1, m("person_id", f.id("manager"))));
            forbidden(() -> artist.update(cm1, m("object_id", f.id("T2"))));
            forbidden(() -> artist.update(cm1, m("task_status_id", f.id("DONE")))); // not artist-allowed
            forbidden(() -> f.as("supervisor").data("comments").update(cm1, m("text", "not mine")));
            forbidden(() -> f.as("client").data("comments").update(cm1, m("pinned", true)));

            // ticking someone else's checklist needs being assigned (or the department's supervisor)
            f.sys.data("comments").update(cm1, m("checklist", List.of(m("text", "fix hands", "checked", false))));
            var ticked = m("checklist", List.of(m("text", "fix hands", "checked", true)));
            assertThat(f.as("vendor").data("comments").update(cm1, ticked).id()).isNotNull(); // assigned to T1
            forbidden(() -> f.as("client").data("comments").update(cm1,
                    m("checklist", List.of(m("text", "fix hands", "checked", false)))));
        }
    }

    @Test
    void dayOffsAndTimeSpentsFollowTheirPerson() {
        try (PermissionFixture f = new PermissionFixture()) {
            forbidden(() -> f.as("user").data("day-offs").update(f.id("DO1"), m("person_id", f.id("manager"))));
            forbidden(() -> f.as("user").data("day-offs").create(m("person_id", f.id("manager"),
                    "date", "2024-07-01", "end_date", "2024-07-02")));
            forbidden(() -> f.as("manager").data("day-offs").get(f.id("DO1")));

            // even an admin cannot delete time logged by someone not assigned to the task (Zou)
            Entry ts = f.sys.data("time-spents").create(m("task_id", f.id("T2"), "person_id", f.id("manager"),
                    "duration", 1.0, "date", "2024-01-11"));
            forbidden(() -> f.as("admin").data("time-spents").delete(ts.id()));
            forbidden(() -> f.as("manager").data("time-spents").delete(ts.id()));
        }
    }

    @Test
    void anUnknownRowIs404AndAMalformedId400BeforeAnyPermissionCheck() {
        try (PermissionFixture f = new PermissionFixture()) {
            String unknown = "0b8d6a1e-8e3b-4f6c-9f7e-0123456789ab";
            for (String route : List.of("comments", "hardware-items", "time-spents", "projects")) {
                var data = f.as("client").data(route);
                status(404, () -> data.get(unknown));
                status(404, () -> data.update(unknown, m("name", "x")));
                status(404, () -> data.delete(unknown));
                status(400, () -> data.get("not-an-id"));
                status(400, () -> data.delete("not-an-id"));
            }
            // a project unknown to a non-admin's create: 404
            status(404, () -> f.as("manager").data("milestones").create(m("name", "x", "project_id", unknown)));
        }
    }

    private static void status(int expected, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ZouException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(expected));
    }
}
