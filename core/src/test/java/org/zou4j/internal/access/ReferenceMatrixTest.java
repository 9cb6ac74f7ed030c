package org.zou4j.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.EngineInternals;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;

/**
 * Cross-project references: a caller who may write a row but not read another row (another project's, typically)
 * cannot make the first row point at the second. For every routed model, every reference column (schema foreign
 * keys and declared polymorphic references) and every writable collection, each non-admin caller who may update (or
 * create) a row of the model tries to write the id of a row they cannot read: the write is refused with the status
 * the referenced row's own GET answers them (or the 400 of a model that validates the pair first, e.g. a schedule
 * task link whose task and version are in different projects), and nothing changes.
 */
class ReferenceMatrixTest {
    private static final List<String> CALLERS = List.of("manager", "supervisor", "artist", "client", "vendor",
            "outsider");

    private static PermissionFixture f;

    @BeforeAll
    static void fixture() {
        f = new PermissionFixture();
    }

    @AfterAll
    static void close() {
        f.close();
    }

    /** A row of the fixture a caller may not read, and the status its GET answers them. */
    private record Foreign(String label, String id, int status) {
    }

    private static Foreign unreadable(Session caller, String route) {
        for (String label : f.labelsOf(route)) {
            try {
                caller.data(route).get(f.id(label));
            } catch (ZouException e) {
                return new Foreign(label, f.id(label), e.httpStatus());
            }
        }
        return null;
    }

    /** The keys of a write that name other rows: reference columns and writable collections. */
    private static List<String> referenceKeys(BoundModel m) {
        List<String> keys = new ArrayList<>();
        for (Column c : m.table().columns()) {
            if (!m.referencedTables(c.name()).isEmpty() && !ModelDef.BASE_FIELDS.contains(c.name())) {
                keys.add(c.name());
            }
        }
        for (Relation r : m.def().relations()) {
            if (r.writable()) {
                keys.add(r.name());
            }
        }
        return keys;
    }

    private static String routeOf(BoundModel m, String key) {
        Relation rel = m.def().relation(key);
        List<String> tables = rel != null ? List.of(rel.otherTable()) : m.referencedTables(key);
        for (String table : tables) {
            BoundModel target = EngineInternals.crud(f.engine).models().find(table);
            if (target != null && target.def().route() != null && !f.labelsOf(target.def().route()).isEmpty()) {
                return target.def().route();
            }
        }
        return null;
    }

    private static Object value(BoundModel m, String key, String id) {
        return m.def().relation(key) != null ? List.of(id) : id;
    }

    private static Map<String, Object> stored(String route, String id) {
        return f.sys.data(route).get(id).asMap();
    }

    @Test
    void updatesCannotPointAtRowsTheCallerCannotRead() {
        int refused = 0;
        List<String> cases = new ArrayList<>();
        for (BoundModel m : EngineInternals.crud(f.engine).models().routes().values()) {
            String route = m.def().route();
            for (String label : f.labelsOf(route)) {
                for (String who : CALLERS) {
                    Session caller = f.asLabel(who);
                    try {
                        caller.data(route).update(f.id(label), Map.of());
                    } catch (ZouException e) {
                        continue; // this caller may not write this row at all
                    }
                    for (String key : referenceKeys(m)) {
                        String targetRoute = routeOf(m, key);
                        Foreign foreign = targetRoute == null ? null : unreadable(caller, targetRoute);
                        if (foreign == null) {
                            continue;
                        }
                        Map<String, Object> before = stored(route, f.id(label));
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put(key, value(m, key, foreign.id()));
                        String name = route + "." + key + " as " + who + " on " + label + " -> " + foreign.label();
                        try {
                            caller.data(route).update(f.id(label), body);
                            // accepted: only when the key is not writable by this caller (silently dropped)
                            Object after = stored(route, f.id(label)).get(key);
                            assertThat(after).as(name).isEqualTo(before.get(key));
                            assertThat(String.valueOf(after)).as(name).doesNotContain(foreign.id());
                        } catch (ZouException e) {
                            // the referenced GET's answer, or a 400 where the model validates the pair first
                            assertThat(e.httpStatus()).as(name).isIn(foreign.status(), 400);
                            assertThat(stored(route, f.id(label))).as(name).isEqualTo(before);
                            refused++;
                            cases.add(name);
                        }
                    }
                }
            }
        }
        // the re-pointings found by probing, each refused
        for (String expected : List.of("output-files.source_file_id as artist", "comments.object_id as artist",
                "comments.previews as artist", "preview-files.task_id as artist", "working-files.task_id as artist",
                "asset-instances.asset_id as artist", "tasks.entity_id as manager")) {
            assertThat(cases).as(expected).anyMatch(c -> c.startsWith(expected));
        }
        assertThat(refused).isGreaterThan(40);
    }

    /** The route serving {@code table}, when the fixture has rows of it. */
    private static String routeOfTable(String table) {
        BoundModel target = EngineInternals.crud(f.engine).models().find(table);
        return target != null && target.def().route() != null && !f.labelsOf(target.def().route()).isEmpty()
                ? target.def().route() : null;
    }

    /**
     * Issue #18: ids inside JSON columns (a playlist's {@code shots[].preview_file_id}, a comment reply's
     * {@code person_id}...) are references too. For every model declaring some, every caller who may update a row
     * writes each declared key holding the id of a row they cannot read: refused as that row's GET answers them, and
     * the stored JSON is unchanged.
     */
    @Test
    void idsInsideJsonColumnsCannotPointAtRowsTheCallerCannotRead() {
        List<String> cases = new ArrayList<>();
        for (BoundModel m : EngineInternals.crud(f.engine).models().routes().values()) {
            String route = m.def().route();
            for (Map.Entry<String, Map<String, String>> column : m.def().jsonIds().entrySet()) {
                for (String label : f.labelsOf(route)) {
                    for (String who : CALLERS) {
                        Session caller = f.asLabel(who);
                        try {
                            caller.data(route).update(f.id(label), Map.of());
                        } catch (ZouException e) {
                            continue;
                        }
                        for (Map.Entry<String, String> key : column.getValue().entrySet()) {
                            String targetRoute = routeOfTable(key.getValue());
                            Foreign foreign = targetRoute == null ? null : unreadable(caller, targetRoute);
                            if (foreign == null) {
                                continue;
                            }
                            Map<String, Object> before = stored(route, f.id(label));
                            String name = route + "." + column.getKey() + "[]." + key.getKey() + " as " + who
                                    + " on " + label + " -> " + foreign.label();
                            // nested one level down, as Kitsu writes them: a list of objects
                            Map<String, Object> body = Map.of(column.getKey(),
                                    List.of(Map.of(key.getKey(), foreign.id())));
                            try {
                                caller.data(route).update(f.id(label), body);
                                Object after = stored(route, f.id(label)).get(column.getKey());
                                assertThat(String.valueOf(after)).as(name).doesNotContain(foreign.id());
                            } catch (ZouException e) {
                                assertThat(e.httpStatus()).as(name).isIn(foreign.status(), 400);
                                assertThat(stored(route, f.id(label))).as(name).isEqualTo(before);
                                cases.add(name);
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).anyMatch(c -> c.startsWith("playlists.shots[].preview_file_id as manager"));
    }

    @Test
    void playlistShotsOfTheCallersProjectAreAcceptedAndStoredForeignIdsStay() {
        Session manager = f.as("manager");
        List<Map<String, Object>> own = List.of(Map.of("entity_id", f.id("A1"), "preview_file_id", f.id("PF1")));
        manager.data("playlists").update(f.id("PL1"), Map.of("shots", own));
        assertThat(f.sys.data("playlists").get(f.id("PL1")).get("shots")).isEqualTo(own);
        // a foreign id put there by an admin is not re-judged when the manager keeps it (as unchanged references)
        List<Map<String, Object>> mixed = List.of(
                Map.of("entity_id", f.id("QA"), "preview_file_id", f.id("PFQ")));
        f.sys.data("playlists").update(f.id("PL1"), Map.of("shots", mixed));
        List<Map<String, Object>> more = new ArrayList<>(mixed);
        more.addAll(own);
        manager.data("playlists").update(f.id("PL1"), Map.of("shots", more));
        assertThat(f.sys.data("playlists").get(f.id("PL1")).get("shots")).isEqualTo(more);
        // older clients name the entity "id"
        manager.data("playlists").update(f.id("PL1"), Map.of("shots", own));
        assertThatThrownBy(() -> manager.data("playlists").update(f.id("PL1"),
                Map.of("shots", List.of(Map.of("id", f.id("QA"), "preview_file_id", f.id("PF1"))))))
                .isInstanceOf(ZouException.class);
        assertThat(f.sys.data("playlists").get(f.id("PL1")).get("shots")).isEqualTo(own);
        // a creation with a foreign preview is refused and creates nothing (the same without it is accepted)
        Entry plain = manager.data("playlists").create(Map.of("name", "new", "project_id", f.id("P"),
                "shots", own));
        f.sys.data("playlists").delete(plain.id(), true);
        long count = f.sys.data("playlists").list(Query.all()).size();
        assertThatThrownBy(() -> manager.data("playlists").create(Map.of("name", "new", "project_id", f.id("P"),
                "shots", List.of(Map.of("entity_id", f.id("A1"), "preview_file_id", f.id("PFQ"))))))
                .isInstanceOf(ZouException.class);
        assertThatThrownBy(() -> manager.data("playlists").create(Map.of("name", "new", "project_id", f.id("P"),
                "shots", List.of(Map.of("id", f.id("QA"), "preview_file_id", f.id("PF1"))))))
                .isInstanceOf(ZouException.class);
        assertThat(f.sys.data("playlists").list(Query.all()).size()).isEqualTo(count);
        f.sys.data("playlists").update(f.id("PL1"), Map.of("shots", List.of()));
    }

    @Test
    void creationsCannotPointAtRowsTheCallerCannotRead() {
        int refused = 0;
        for (BoundModel m : EngineInternals.crud(f.engine).models().routes().values()) {
            String route = m.def().route();
            List<String> labels = f.labelsOf(route);
            if (labels.isEmpty()) {
                continue;
            }
            Map<String, Object> template = new LinkedHashMap<>();
            Entry model = f.sys.data(route).get(f.id(labels.get(0)), Query.parse("relations=true"));
            model.asMap().forEach((k, v) -> {
                if (!ModelDef.BASE_FIELDS.contains(k) && v != null
                        && (m.table().has(k) || (m.def().relation(k) != null && m.def().relation(k).writable()))) {
                    template.put(k, v);
                }
            });
            for (String who : CALLERS) {
                Session caller = f.asLabel(who);
                for (String key : referenceKeys(m)) {
                    String targetRoute = routeOf(m, key);
                    Foreign foreign = targetRoute == null ? null : unreadable(caller, targetRoute);
                    if (foreign == null) {
                        continue;
                    }
                    // only where this caller may create such a row with the references they can read
                    if (!createsWithout403(caller, route, template)) {
                        continue;
                    }
                    long count = f.sys.data(route).list(Query.all()).size();
                    Map<String, Object> body = new LinkedHashMap<>(template);
                    body.put(key, value(m, key, foreign.id()));
                    String name = route + "." + key + " as " + who + " -> " + foreign.label();
                    assertThatThrownBy(() -> caller.data(route).create(body)).as(name)
                            .isInstanceOfSatisfying(ZouException.class,
                                    e -> assertThat(e.httpStatus()).as(name).isIn(foreign.status(), 400));
                    assertThat(f.sys.data(route).list(Query.all()).size()).as(name).isEqualTo(count);
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan(5);
    }

    private static boolean createsWithout403(Session caller, String route, Map<String, Object> body) {
        try {
            Entry created = caller.data(route).create(body);
            f.sys.data(route).delete(created.id(), true);
            return true;
        } catch (ZouException e) {
            return e.httpStatus() != 403;
        } catch (RuntimeException e) {
            fail("unexpected " + e);
            return false;
        }
    }

    @Test
    void referencesTheCallerCanReadAreAccepted() {
        Session artist = f.as("user");
        // a comment of theirs may list a preview of their own project
        Entry comment = artist.data("comments").update(f.id("CM1"), Map.of("previews", List.of(f.id("PF1"))));
        assertThat(comment.id()).isEqualTo(f.id("CM1"));
        assertThat(f.sys.data("comments").get(f.id("CM1")).get("previews")).isEqualTo(List.of(f.id("PF1")));
        // an output file of their entity may point at a working file of their task
        artist.data("output-files").update(f.id("OF1"), Map.of("source_file_id", f.id("WF1")));
        assertThat(f.sys.data("output-files").get(f.id("OF1")).get("source_file_id")).isEqualTo(f.id("WF1"));
        // a manager re-points a task at another entity of their project
        f.as("manager").data("tasks").update(f.id("T3"), Map.of("entity_id", f.id("A3")));
        assertThat(f.sys.data("tasks").get(f.id("T3")).get("entity_id")).isEqualTo(f.id("A3"));
    }
}
