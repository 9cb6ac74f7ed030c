package org.zou4j.internal.access;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;

/**
 * Every routed model × every role × list/get/create/update/delete, against {@link PermissionFixture}, with the
 * expected outcome written as a table (reference zou-data-model.md §6.2, with the Zou holes we close).
 *
 * <p>{@link #MATRIX}: one line per route: the row acted on by get/update, the row deleted, then for each operation
 * the roles allowed, as six positions {@code A M S U C V} (admin, manager, supervisor, user/artist, client, vendor;
 * {@code -} = refused with 403). "Allowed" means anything but 403 (a 400 from validation or a foreign key comes after
 * the permission check). Lines go from roots to leaves; deletes run bottom-up so a check never needs a deleted row.
 *
 * <p>{@link #VISIBILITY}: for scoped lists, which fixture rows each role sees (roles as letters).
 */
class PermissionMatrixTest {

    static final String MATRIX = """
            # route                               | target | delete   | list   | get    | create | update | delete
            departments                            | Mod    | D-leaf   | AMSUCV | AMSUCV | A----- | A----- | A-----
            studios                                | ST     | ST       | AMSUCV | AMSUCV | A----- | A----- | A-----
            persons                                | artist | nobody   | AMSUCV | AMSUCV | A----- | A--U-- | A-----
            project-status                         | Open   | PS-leaf  | AMSUCV | AMSUCV | A----- | A----- | A-----
            projects                               | C      | CL       | AMSUCV | AMSUCV | A----- | AM---- | A-----
            project-templates                      | PT     | PT       | AM---- | AM---- | A----- | A----- | A-----
            entity-types                           | Character | ET-leaf | AMSUCV | AMSUCV | A----- | A----- | A-----
            task-types                             | Modeling | TT-leaf | AMSUCV | AMSUCV | A----- | A----- | A-----
            task-status                            | WIP    | TS-leaf  | AMSUCV | AMSUCV | A----- | A----- | A-----
            entities                               | A1     | A3       | AMSUCV | AMSUCV | AM---- | AM---- | AM----
            tasks                                  | T1     | T3       | AMSUCV | AMSUCV | AM---- | AMS--- | AM----
            organisations                          | ORG    | ORG      | AMSUCV | AMSUCV | A----- | A----- | A-----
            file-status                            | FS     | FS-leaf  | AMSUCV | AMSUCV | A----- | A----- | A-----
            softwares                              | SW     | SW       | AMSUCV | AMSUCV | A----- | A----- | A-----
            hardware-items                         | HW     | HW       | A----- | A----- | A----- | A----- | A-----
            output-types                           | OT     | OT-leaf  | AMSUCV | AMSUCV | A----- | A----- | A-----
            preview-background-files               | PBF    | PBF      | AMSUCV | AMSUCV | A----- | A----- | A-----
            output-files                           | OF1    | OF1      | AMSUC- | AMSUCV | A----- | AM-U-V | A-----
            preview-files                          | PF1    | PF1      | AMSUCV | AMSUCV | A----- | AM-U-V | AM----
            working-files                          | WF1    | WF1      | AMSUC- | AMSUCV | A----- | AMSUCV | A-----
            comments                               | CM1    | CM2      | A----- | AMSU-V | A----- | AMS--- | AM-U--
            attachment-files                       | AT1    | AT1      | A----- | AMSUCV | A----- | A----- | A-----
            time-spents                            | TSP1   | TSP1     | A----- | A----- | A----- | A----- | AM-U--
            day-offs                               | DO1    | DO1      | A----- | A--U-- | A--U-- | A--U-- | A--U--
            custom-actions                         | CA1    | CA1      | AMSUC- | A----- | A----- | A----- | A-----
            status-automations                     | SA1    | SA1      | AMSUC- | A----- | A----- | A----- | A-----
            asset-instances                        | AI1    | AI1      | A----- | AMSUCV | A----- | AMSUCV | A-----
            playlists                              | PL1    | PL1      | AMSUC- | AMSUC- | AMS--- | AMS--- | AMS---
            events                                 | EV1    | EV1      | A----- | A----- | A----- | A----- | A-----
            notifications                          | N1     | N1       | A----- | A----- | A----- | A----- | A-----
            search-filters                         | SF1    | SF1      | A----- | A----- | A----- | A----- | A-----
            search-filter-groups                   | SG1    | SG1      | A----- | A----- | A----- | A----- | A-----
            schedule-items                         | SI1    | SI1      | A----- | A----- | A----- | AMS--- | A-----
            news                                   | NW1    | NW1      | A----- | A----- | A----- | A----- | A-----
            milestones                             | MS1    | MS1      | A----- | AMSUC- | AM---- | AM---- | AM----
            metadata-descriptors                   | MD1    | MD1      | AMSUC- | A----- | A----- | A----- | A-----
            subscriptions                          | SUB1   | SUB1     | A----- | A----- | A----- | A----- | A-----
            entity-links                           | EL1    | EL1      | A----- | A----- | A----- | A----- | A-----
            chats                                  | CH1    | CH2      | A----- | A----- | A----- | A----- | A-----
            chat-messages                          | CHM1   | CHM1     | A----- | A----- | A----- | A----- | A-----
            salary-scales                          | SS1    | SS1      | A----- | A----- | A----- | A----- | A-----
            budgets                                | B1     | B2       | A----- | A----- | A----- | A----- | A-----
            budget-entries                         | BE1    | BE1      | A----- | A----- | A----- | A----- | A-----
            plugins                                | PLG    | PLG      | A----- | A----- | A----- | A----- | A-----
            production-schedule-versions           | PSV1   | PSV2     | A----- | AMSU-- | AM---- | AM---- | A-----
            production-schedule-version-task-links | PSVL1  | PSVL1    | A----- | AMSU-- | AM---- | AM---- | AM----
            """;

    static final String VISIBILITY = """
            # route              | roles: rows seen
            projects             | A: P Q C CL             | MSUCV: P
            entities             | A: A1 A2 A3 QA CA       | MSUC: A1 A2 A3         | V: A1
            tasks                | A: T1 T2 T3 TQ TC       | MSUC: T1 T2 T3         | V: T1 TC
            output-files         | A: OF1 OFQ              | MSUC: OF1
            preview-files        | A: PF1 PF2 PFQ PFC      | MSUC: PF1 PF2          | V: PF1
            working-files        | A: WF1 WFQ WFC          | MSUC: WF1 WFC
            playlists            | A: PL1 PL2 PLQ PLC      | MSU: PL1 PL2 PLC       | C: PL2
            metadata-descriptors | A: MD1 MD-any MDQ MDC   | MSUC: MD1 MD-any
            persons              | AMSUCV: admin manager supervisor artist client vendor outsider nobody
            """;

    private static final String ROLE_LETTERS = "AMSUCV";

    /** Create bodies (valid, so that only the permission decides). */
    private static final Map<String, Function<PermissionFixture, Map<String, Object>>> CREATE = Map.ofEntries(
            entry("departments", f -> m("name", "Compositing", "color", "#000000")),
            entry("studios", f -> m("name", "Studio 2", "color", "#000000")),
            entry("persons", f -> m("first_name", "New", "last_name", "Hire", "email", "new@x.org")),
            entry("project-status", f -> m("name", "Pending", "color", "#000000")),
            entry("projects", f -> m("name", "New production")),
            entry("project-templates", f -> m("name", "Template 2")),
            entry("entity-types", f -> m("name", "Prop")),
            entry("task-types", f -> m("name", "Lighting")),
            entry("task-status", f -> m("name", "Retake", "short_name", "rtk", "color", "#ff0000")),
            entry("entities", f -> m("name", "New asset", "project_id", f.id("P"), "entity_type_id",
                    f.id("Character"))),
            entry("tasks", f -> m("name", "new", "project_id", f.id("P"), "entity_id", f.id("A2"),
                    "task_type_id", f.id("Modeling"))),
            entry("organisations", f -> m("name", "Org 2")),
            entry("file-status", f -> m("name", "Draft", "color", "#000000")),
            entry("softwares", f -> m("name", "Maya", "short_name", "ma", "file_extension", "ma")),
            entry("hardware-items", f -> m("name", "Tablet", "short_name", "tb")),
            entry("output-types", f -> m("name", "Render", "short_name", "rd")),
            entry("preview-background-files", f -> m("name", "Studio light")),
            entry("output-files", f -> m("name", "new", "revision", 2, "file_status_id", f.id("FS"),
                    "entity_id", f.id("A1"))),
            entry("preview-files", f -> m("name", "new", "task_id", f.id("T1"))),
            entry("working-files", f -> m("name", "new", "task_id", f.id("T1"), "entity_id", f.id("A1"),
                    "revision", 2)),
            entry("comments", f -> m("object_id", f.id("T1"), "object_type", "Task", "person_id", f.id("artist"),
                    "task_status_id", f.id("WIP"), "text", "new")),
            entry("attachment-files", f -> m("name", "new.png", "comment_id", f.id("CM1"))),
            entry("time-spents", f -> m("task_id", f.id("T1"), "person_id", f.id("artist"), "duration", 1.0,
                    "date", "2024-02-02")),
            entry("day-offs", f -> m("person_id", f.id("artist"), "date", "2024-06-01", "end_date", "2024-06-02")),
            entry("custom-actions", f -> m("name", "Another action")),
            entry("status-automations", f -> m("entity_type", "shot")),
            entry("asset-instances", f -> m("asset_id", f.id("A1"), "number", 2)),
            entry("playlists", f -> m("name", "New playlist", "project_id", f.id("P"))),
            entry("events", f -> m("name", "custom:event")),
            entry("notifications", f -> m("person_id", f.id("artist"), "author_id", f.id("manager"),
                    "type", "mention", "task_id", f.id("T1"))),
            entry("search-filters", f -> m("list_type", "todos", "person_id", f.id("artist"), "name", "new")),
            entry("search-filter-groups", f -> m("list_type", "todos", "person_id", f.id("artist"), "name", "new")),
            entry("schedule-items", f -> m("project_id", f.id("P"), "task_type_id", f.id("Animation"))),
            entry("news", f -> m("author_id", f.id("manager"), "task_id", f.id("T2"))),
            entry("milestones", f -> m("name", "Another", "project_id", f.id("P"))),
            entry("metadata-descriptors", f -> m("project_id", f.id("P"), "entity_type", "Shot", "name", "Frames",
                    "field_name", "frames")),
            entry("subscriptions", f -> m("person_id", f.id("artist"), "task_id", f.id("T2"))),
            entry("entity-links", f -> m("entity_in_id", f.id("A2"), "entity_out_id", f.id("A1"))),
            entry("chats", f -> m("object_id", f.id("A3"))),
            entry("chat-messages", f -> m("chat_id", f.id("CH1"), "person_id", f.id("artist"), "text", "new")),
            entry("salary-scales", f -> m("department_id", f.id("Anim"))),
            entry("budgets", f -> m("name", "Budget 3", "project_id", f.id("P"))),
            entry("budget-entries", f -> m("budget_id", f.id("B1"), "department_id", f.id("Anim"),
                    "start_date", "2024-02-01", "months_duration", 1, "daily_salary", 200.0)),
            entry("plugins", f -> m("plugin_id", "other", "name", "Other", "version", "1", "maintainer_name", "Me",
                    "license", "MIT")),
            entry("production-schedule-versions", f -> m("name", "v3", "project_id", f.id("P"))),
            entry("production-schedule-version-task-links", f -> m("production_schedule_version_id", f.id("PSV1"),
                    "task_id", f.id("T2"))));

    /** Harmless updates. */
    private static final Map<String, Map<String, Object>> UPDATE = Map.ofEntries(
            entry("departments", m("color", "#111111")),
            entry("studios", m("color", "#111111")),
            entry("persons", m("first_name", "Arty")),
            entry("project-status", m("color", "#111111")),
            entry("projects", m("description", "changed")),
            entry("project-templates", m("description", "changed")),
            entry("entity-types", m("description", "changed")),
            entry("task-types", m("color", "#111111")),
            entry("task-status", m("color", "#111111")),
            entry("entities", m("description", "changed")),
            entry("tasks", m("priority", 2)),
            entry("organisations", m("hours_by_day", 7.0)),
            entry("file-status", m("color", "#111111")),
            entry("softwares", m("version", "4.2")),
            entry("hardware-items", m("inventory_amount", 3)),
            entry("output-types", m("short_name", "cch")),
            entry("preview-background-files", m("original_name", "sky.hdr")),
            entry("output-files", m("comment", "changed")),
            entry("preview-files", m("description", "changed")),
            entry("working-files", m("description", "changed")),
            entry("comments", m("pinned", true)),
            entry("attachment-files", m("name", "renamed.png")),
            entry("time-spents", m("duration", 3.0)),
            entry("day-offs", m("description", "holidays")),
            entry("custom-actions", m("url", "http://localhost/2")),
            entry("status-automations", m("archived", true)),
            entry("asset-instances", m("description", "changed")),
            entry("playlists", m("name", "Dailies 2")),
            entry("events", m("name", "task:new")),
            entry("notifications", m("read", true)),
            entry("search-filters", m("name", "renamed")),
            entry("search-filter-groups", m("name", "renamed")),
            entry("schedule-items", m("man_days", 3)),
            entry("news", m("change", true)),
            entry("milestones", m("name", "Final delivery")),
            entry("metadata-descriptors", m("name", "Complexity")),
            entry("subscriptions", m()),
            entry("entity-links", m("label", "uses")),
            entry("chats", m()),
            entry("chat-messages", m("text", "edited")),
            entry("salary-scales", m("salary", 150)),
            entry("budgets", m("name", "Budget v2")),
            entry("budget-entries", m("months_duration", 3)),
            entry("plugins", m("description", "changed")),
            entry("production-schedule-versions", m("locked", true)),
            entry("production-schedule-version-task-links", m("estimation", 2.0)));

    record Spec(String route, String target, String deleteTarget, Map<String, String> allowed) {
        boolean allows(String op, String role) {
            return allowed.get(op).charAt(PermissionFixture.ROLES.indexOf(role)) != '-';
        }
    }

    static List<Spec> specs() {
        List<String> ops = List.of("list", "get", "create", "update", "delete");
        List<Spec> specs = new ArrayList<>();
        for (String line : MATRIX.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String[] cells = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
            Map<String, String> allowed = new LinkedHashMap<>();
            for (int i = 0; i < ops.size(); i++) {
                String cell = cells[3 + i];
                if (cell.length() != 6 || !cell.matches("[AMSUCV-]{6}")) {
                    throw new IllegalArgumentException("Bad cell '" + cell + "' in: " + line);
                }
                allowed.put(ops.get(i), cell);
            }
            specs.add(new Spec(cells[0], cells[1], cells[2], allowed));
        }
        return specs;
    }

    /** route → role → expected labels. */
    static Map<String, Map<String, Set<String>>> visibility() {
        Map<String, Map<String, Set<String>>> result = new LinkedHashMap<>();
        for (String line : VISIBILITY.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList()) {
            String[] cells = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
            Map<String, Set<String>> byRole = new LinkedHashMap<>();
            for (int i = 1; i < cells.length; i++) {
                String[] kv = cells[i].split(":", 2);
                Set<String> rows = new TreeSet<>(Arrays.asList(kv[1].trim().split("\\s+")));
                for (char c : kv[0].trim().toCharArray()) {
                    byRole.put(PermissionFixture.ROLES.get(ROLE_LETTERS.indexOf(c)), rows);
                }
            }
            result.put(cells[0], byRole);
        }
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"admin", "manager", "supervisor", "user", "client", "vendor"})
    void everyRouteAnswersEachRoleAsTheMatrixSays(String role) {
        List<Spec> specs = specs();
        Map<String, Map<String, Set<String>>> visibility = visibility();
        try (PermissionFixture f = new PermissionFixture()) {
            assertThat(specs.stream().map(Spec::route)).as("the matrix covers every routed model")
                    .containsExactlyInAnyOrderElementsOf(f.engine.dataRoutes());
            assertThat(CREATE.keySet()).containsExactlyInAnyOrderElementsOf(f.engine.dataRoutes());
            assertThat(UPDATE.keySet()).containsExactlyInAnyOrderElementsOf(f.engine.dataRoutes());

            Session s = f.as(role);
            List<String> errors = new ArrayList<>();
            for (Spec spec : specs) {
                Outcome o = attempt(() -> s.data(spec.route()).list(Query.all()));
                check(errors, spec, "list", role, o);
                Set<String> expected = visibility.getOrDefault(spec.route(), Map.of()).get(role);
                if (expected != null && o.allowed()) {
                    @SuppressWarnings("unchecked")
                    List<Entry> rows = (List<Entry>) o.value();
                    Set<String> seen = rows.stream().map(e -> f.label(e.id())).collect(Collectors.toCollection(TreeSet::new));
                    if (!seen.equals(expected)) {
                        errors.add(spec.route() + " list as " + role + ": expected rows " + expected + ", saw " + seen);
                    }
                }
            }
            for (Spec spec : specs) {
                check(errors, spec, "get", role, attempt(() -> s.data(spec.route()).get(f.id(spec.target()))));
            }
            for (Spec spec : specs) {
                check(errors, spec, "update", role, attempt(() -> s.data(spec.route())
                        .update(f.id(spec.target()), UPDATE.get(spec.route()))));
            }
            for (Spec spec : specs) {
                check(errors, spec, "create", role, attempt(() -> s.data(spec.route())
                        .create(CREATE.get(spec.route()).apply(f))));
            }
            List<Spec> leavesFirst = new ArrayList<>(specs);
            Collections.reverse(leavesFirst);
            for (Spec spec : leavesFirst) {
                check(errors, spec, "delete", role, attempt(() -> {
                    s.data(spec.route()).delete(f.id(spec.deleteTarget()));
                    return null;
                }));
            }
            assertThat(errors).as("matrix mismatches for role " + role).isEmpty();
        }
    }

    record Outcome(boolean allowed, Object value, ZouException error) {
    }

    private static Outcome attempt(java.util.function.Supplier<Object> op) {
        try {
            return new Outcome(true, op.get(), null);
        } catch (ZouException e) {
            return new Outcome(e.httpStatus() != 403, null, e);
        }
    }

    private static void check(List<String> errors, Spec spec, String op, String role, Outcome o) {
        boolean expected = spec.allows(op, role);
        if (o.error() != null && o.error().httpStatus() == 404) {
            errors.add(spec.route() + " " + op + " as " + role + ": unexpected 404");
        } else if (o.allowed() != expected) {
            errors.add(spec.route() + " " + op + " as " + role + ": expected " + (expected ? "allowed" : "403")
                    + ", got " + (o.error() == null ? "success" : o.error().httpStatus() + " " + o.error().getMessage()));
        }
    }

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
