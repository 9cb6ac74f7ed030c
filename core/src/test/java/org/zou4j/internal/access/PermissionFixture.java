package org.zou4j.internal.access;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.Entry;
import org.zou4j.Session;
import org.zou4j.TestSessions;
import org.zou4j.ZouEngine;
import org.zou4j.testing.TestStorage;

/**
 * A studio with a person of each role and one labelled row of every routed model, all created through the system
 * session (team links with project roles and salary scales, which no route writes, go in raw).
 *
 * <ul>
 *   <li>Persons: {@code admin, manager, supervisor} (department Modeling), {@code artist} (role user), {@code client},
 *   {@code vendor}, {@code outsider} (a user in project Q's team only), {@code nobody} (in no team, no rows).</li>
 *   <li>Projects: {@code P} (open; team: manager, supervisor, artist, client, vendor), {@code Q} (open; team:
 *   outsider), {@code C} (closed; same team as P), {@code CL} (closed, empty, a delete target).</li>
 *   <li>Entities: {@code A1, A2, A3} in P, {@code QA} in Q, {@code CA} in C. Tasks: {@code T1} (P, A1, Modeling,
 *   assigned to artist and vendor), {@code T2} (P, A2, Animation), {@code T3} (P, A2, leaf), {@code TQ} (Q),
 *   {@code TC} (C, CA, assigned to artist and vendor).</li>
 *   <li>Everything else hangs off P / T1 / A1 unless its label says otherwise ({@code ...Q}: project Q,
 *   {@code ...C}: project C).</li>
 * </ul>
 */
final class PermissionFixture implements AutoCloseable {
    static final List<String> ROLES = List.of("admin", "manager", "supervisor", "user", "client", "vendor");

    final ZouEngine engine;
    final Session sys;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    private final Map<String, String> routes = new LinkedHashMap<>();

    PermissionFixture() {
        engine = ZouEngine.builder().storage(new TestStorage()).secretKey("0123456789abcdef0123456789abcdef").build();
        sys = engine.systemSession();
        try {
            build();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    @Override
    public void close() {
        engine.close();
    }

    String id(String label) {
        String id = ids.get(label);
        if (id == null) {
            throw new IllegalArgumentException("No fixture row " + label);
        }
        return id;
    }

    /** The label of a fixture row, or "?" for rows the fixture did not make. */
    String label(String id) {
        return labels.getOrDefault(id, "?");
    }

    /** Labels of the rows made through {@code route}, in creation order. */
    List<String> labelsOf(String route) {
        return routes.entrySet().stream().filter(e -> e.getValue().equals(route)).map(Map.Entry::getKey).toList();
    }

    /** The person label acting for a role. */
    static String personOf(String role) {
        return role.equals("user") ? "artist" : role;
    }

    Session as(String role) {
        return TestSessions.asPerson(engine, id(personOf(role)));
    }

    Session asLabel(String personLabel) {
        return TestSessions.asPerson(engine, id(personLabel));
    }

    Entry make(String label, String route, Map<String, ?> body) {
        Entry e = sys.data(route).create(body);
        ids.put(label, e.id());
        routes.put(label, route);
        labels.put(e.id(), label);
        return e;
    }

    /** Adds a person to a project's team, with a project role ({@code null}: global role applies). */
    void team(String project, String person, String role) {
        TestSessions.inTransaction(engine, tx -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("project_id", UUID.fromString(id(project)));
            row.put("person_id", UUID.fromString(id(person)));
            row.put("role", role);
            tx.insert("project_person_link", row);
            return null;
        });
    }

    private void raw(String label, String table, Map<String, Object> values) {
        UUID id = UUID.randomUUID();
        TestSessions.inTransaction(engine, tx -> {
            Map<String, Object> row = new LinkedHashMap<>(values);
            row.put("id", id);
            row.put("created_at", LocalDateTime.now());
            row.put("updated_at", LocalDateTime.now());
            tx.insert(table, row);
            return null;
        });
        ids.put(label, id.toString());
        labels.put(id.toString(), label);
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private void build() {
        make("Mod", "departments", m("name", "Modeling", "color", "#000001"));
        make("Anim", "departments", m("name", "Animation", "color", "#000002"));
        make("D-leaf", "departments", m("name", "Leaf department", "color", "#000003"));
        make("ST", "studios", m("name", "Studio", "color", "#000000"));

        make("admin", "persons", m("first_name", "Ada", "last_name", "Admin", "email", "admin@x.org", "role", "admin"));
        make("manager", "persons", m("first_name", "Max", "last_name", "Manager", "email", "manager@x.org",
                "role", "manager"));
        make("supervisor", "persons", m("first_name", "Sue", "last_name", "Supervisor", "email", "sup@x.org",
                "role", "supervisor", "departments", List.of(id("Mod"))));
        make("artist", "persons", m("first_name", "Art", "last_name", "Ist", "email", "artist@x.org", "role", "user",
                "phone", "+33 1 23", "daily_salary", 321));
        make("client", "persons", m("first_name", "Cli", "last_name", "Ent", "email", "client@x.org",
                "role", "client"));
        make("vendor", "persons", m("first_name", "Ven", "last_name", "Dor", "email", "vendor@x.org",
                "role", "vendor"));
        make("outsider", "persons", m("first_name", "Out", "last_name", "Sider", "email", "out@x.org"));
        make("nobody", "persons", m("first_name", "No", "last_name", "Body", "email", "nobody@x.org"));

        make("Open", "project-status", m("name", "Open", "color", "#000000"));
        make("Closed", "project-status", m("name", "Closed", "color", "#000000"));
        make("PS-leaf", "project-status", m("name", "Leaf", "color", "#000000"));
        make("P", "projects", m("name", "Open production", "project_status_id", id("Open")));
        make("Q", "projects", m("name", "Other production", "project_status_id", id("Open")));
        make("C", "projects", m("name", "Closed production", "project_status_id", id("Closed")));
        make("CL", "projects", m("name", "Empty closed production", "project_status_id", id("Closed")));
        for (String person : List.of("manager", "supervisor", "artist", "client", "vendor")) {
            team("P", person, null);
            team("C", person, null);
        }
        team("Q", "outsider", null);

        make("Character", "entity-types", m("name", "Character"));
        make("Shot", "entity-types", m("name", "Shot"));
        make("ET-leaf", "entity-types", m("name", "Leaf type"));
        make("Modeling", "task-types", m("name", "Modeling", "department_id", id("Mod")));
        make("Animation", "task-types", m("name", "Animation", "department_id", id("Anim")));
        make("TT-leaf", "task-types", m("name", "Leaf task type"));
        make("WIP", "task-status", m("name", "WIP", "short_name", "wip", "color", "#000000"));
        make("DONE", "task-status", m("name", "Done", "short_name", "done", "color", "#000000",
                "is_artist_allowed", false, "is_client_allowed", false));
        make("TS-leaf", "task-status", m("name", "Leaf", "short_name", "leaf", "color", "#000000"));

        make("A1", "entities", m("name", "Hero", "project_id", id("P"), "entity_type_id", id("Character")));
        make("A2", "entities", m("name", "Villain", "project_id", id("P"), "entity_type_id", id("Character")));
        make("A3", "entities", m("name", "Leaf asset", "project_id", id("P"), "entity_type_id", id("Character")));
        make("QA", "entities", m("name", "Q asset", "project_id", id("Q"), "entity_type_id", id("Character")));
        make("CA", "entities", m("name", "C asset", "project_id", id("C"), "entity_type_id", id("Character")));

        List<String> artistAndVendor = List.of(id("artist"), id("vendor"));
        make("T1", "tasks", m("name", "main", "project_id", id("P"), "entity_id", id("A1"),
                "task_type_id", id("Modeling"), "task_status_id", id("WIP"), "assignees", artistAndVendor));
        make("T2", "tasks", m("name", "main", "project_id", id("P"), "entity_id", id("A2"),
                "task_type_id", id("Animation"), "task_status_id", id("WIP")));
        make("T3", "tasks", m("name", "leaf", "project_id", id("P"), "entity_id", id("A2"),
                "task_type_id", id("Modeling"), "task_status_id", id("WIP")));
        make("TQ", "tasks", m("name", "main", "project_id", id("Q"), "entity_id", id("QA"),
                "task_type_id", id("Modeling"), "task_status_id", id("WIP")));
        make("TC", "tasks", m("name", "main", "project_id", id("C"), "entity_id", id("CA"),
                "task_type_id", id("Modeling"), "task_status_id", id("WIP"), "assignees", artistAndVendor));

        make("ORG", "organisations", m("name", "Studio org", "chat_token_slack", "xoxb-secret"));
        make("FS", "file-status", m("name", "Published", "color", "#000000"));
        make("FS-leaf", "file-status", m("name", "Leaf", "color", "#000000"));
        make("SW", "softwares", m("name", "Blender", "short_name", "bl", "file_extension", "blend"));
        make("HW", "hardware-items", m("name", "Workstation", "short_name", "ws"));
        make("OT", "output-types", m("name", "Cache", "short_name", "cache"));
        make("OT-leaf", "output-types", m("name", "Leaf", "short_name", "leaf"));
        make("PBF", "preview-background-files", m("name", "Sky"));
        make("PT", "project-templates", m("name", "Template"));

        make("OF1", "output-files", m("name", "hero", "revision", 1, "file_status_id", id("FS"),
                "entity_id", id("A1"), "output_type_id", id("OT")));
        make("OFQ", "output-files", m("name", "q", "revision", 1, "file_status_id", id("FS"),
                "entity_id", id("QA")));
        make("PF1", "preview-files", m("name", "pf1", "task_id", id("T1")));
        make("PF2", "preview-files", m("name", "pf2", "task_id", id("T2")));
        make("PFQ", "preview-files", m("name", "pfq", "task_id", id("TQ")));
        make("PFC", "preview-files", m("name", "pfc", "task_id", id("TC")));
        make("WF1", "working-files", m("name", "wf1", "task_id", id("T1"), "entity_id", id("A1"), "revision", 1));
        make("WFQ", "working-files", m("name", "wfq", "task_id", id("TQ"), "entity_id", id("QA"), "revision", 1));
        make("WFC", "working-files", m("name", "wfc", "task_id", id("TC"), "entity_id", id("CA"), "revision", 1));
        make("CM1", "comments", m("object_id", id("T1"), "object_type", "Task", "person_id", id("artist"),
                "task_status_id", id("WIP"), "text", "looks good", "checklist", List.of()));
        make("CM2", "comments", m("object_id", id("T1"), "object_type", "Task", "person_id", id("artist"),
                "task_status_id", id("WIP"), "text", "leaf"));
        make("AT1", "attachment-files", m("name", "ref.png", "comment_id", id("CM1")));
        make("TSP1", "time-spents", m("task_id", id("T1"), "person_id", id("artist"), "duration", 2.0,
                "date", "2024-01-10"));
        make("DO1", "day-offs", m("person_id", id("artist"), "date", "2024-05-01", "end_date", "2024-05-02"));
        make("CA1", "custom-actions", m("name", "Open in tool", "url", "http://localhost"));
        make("SA1", "status-automations", m("entity_type", "asset"));
        make("AI1", "asset-instances", m("asset_id", id("A1"), "number", 1));
        make("PL1", "playlists", m("name", "Dailies", "project_id", id("P")));
        make("PL2", "playlists", m("name", "Client review", "project_id", id("P"), "for_client", true));
        make("PLQ", "playlists", m("name", "Q dailies", "project_id", id("Q")));
        make("PLC", "playlists", m("name", "C dailies", "project_id", id("C")));
        make("EV1", "events", m("name", "task:update"));
        make("N1", "notifications", m("person_id", id("artist"), "author_id", id("manager"), "type", "comment",
                "task_id", id("T1")));
        make("SF1", "search-filters", m("list_type", "todos", "person_id", id("artist"), "name", "mine"));
        make("SG1", "search-filter-groups", m("list_type", "todos", "person_id", id("artist"), "name", "group"));
        make("SI1", "schedule-items", m("project_id", id("P"), "task_type_id", id("Modeling")));
        make("NW1", "news", m("author_id", id("manager"), "task_id", id("T1")));
        make("MS1", "milestones", m("name", "Delivery", "project_id", id("P")));
        make("MD1", "metadata-descriptors", m("project_id", id("P"), "entity_type", "Asset", "name", "Difficulty",
                "field_name", "difficulty", "departments", List.of(id("Mod"))));
        make("MD-any", "metadata-descriptors", m("project_id", id("P"), "entity_type", "Asset", "name", "Note",
                "field_name", "note"));
        make("MDQ", "metadata-descriptors", m("project_id", id("Q"), "entity_type", "Asset", "name", "Q",
                "field_name", "q"));
        make("MDC", "metadata-descriptors", m("project_id", id("C"), "entity_type", "Asset", "name", "C",
                "field_name", "c"));
        make("SUB1", "subscriptions", m("person_id", id("artist"), "task_id", id("T1")));
        make("EL1", "entity-links", m("entity_in_id", id("A1"), "entity_out_id", id("A2")));
        make("CH1", "chats", m("object_id", id("A1")));
        make("CH2", "chats", m("object_id", id("A2")));
        make("CHM1", "chat-messages", m("chat_id", id("CH1"), "person_id", id("artist"), "text", "hi"));
        raw("SS1", "salary_scale", m("department_id", UUID.fromString(id("Mod")), "position", "artist",
                "seniority", "mid", "salary", 100));
        make("B1", "budgets", m("name", "Budget", "project_id", id("P")));
        make("B2", "budgets", m("name", "Leaf budget", "project_id", id("P")));
        make("BE1", "budget-entries", m("budget_id", id("B1"), "department_id", id("Mod"), "start_date", "2024-01-01",
                "months_duration", 2, "daily_salary", 300.0));
        make("PLG", "plugins", m("plugin_id", "my-plugin", "name", "My plugin", "version", "1.0",
                "maintainer_name", "Me", "license", "MIT"));
        make("PSV1", "production-schedule-versions", m("name", "v1", "project_id", id("P")));
        make("PSV2", "production-schedule-versions", m("name", "leaf", "project_id", id("P")));
        make("PSVQ", "production-schedule-versions", m("name", "vq", "project_id", id("Q")));
        make("PSVL1", "production-schedule-version-task-links", m("production_schedule_version_id", id("PSV1"),
                "task_id", id("T1")));
        make("PSVLQ", "production-schedule-version-task-links", m("production_schedule_version_id", id("PSVQ"),
                "task_id", id("TQ")));
    }
}
