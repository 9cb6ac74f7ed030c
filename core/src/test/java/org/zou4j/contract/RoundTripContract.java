package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.zou4j.DataSet;
import org.zou4j.EngineInternals;
import org.zou4j.Entry;
import org.zou4j.ListResult;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.model.Choice;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.model.NestedObject;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.ColumnType;
import org.zou4j.internal.schema.Schema;
import org.zou4j.internal.schema.TableSchema;

/**
 * One create → get → list → filter → update → delete round trip per routed model, driven by the declarations and the
 * migrated schema: bodies are built from each table's columns (required columns filled with values of their type,
 * foreign keys pointing at parent rows created the same way), and every answer is checked against Zou's JSON form.
 * Part of the storage contract: run on every backend ({@code ModelRoundTripTest} runs it on core's test H2).
 */
public abstract class RoundTripContract extends ContractBase {
    private static final Pattern UUID_FORM = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern TIMESTAMP_FORM = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$");
    private static final Pattern DATE_FORM = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    /** Columns that model hooks require although the schema allows NULL (Zou's per-model POST rules). */
    private static final Map<String, Set<String>> HOOK_REQUIRED = Map.of(
            "task", Set.of("task_type_id", "entity_id"),
            "day_off", Set.of("person_id"));

    /** Keys a model adds to the serialized columns, by answer (reference §3.3–§3.5). */
    private static final Map<String, Set<String>> EXTRA_KEYS = Map.of(
            "person", Set.of("full_name"));

    private final Map<String, Map<String, String>> foreignKeys = new HashMap<>();
    private final Map<String, Set<String>> indexed = new HashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private Schema schema;

    @BeforeAll
    void readSchema() throws SQLException {
        schema = EngineInternals.crud(engine).database().schema();
        try (Connection c = storage.dataSource().getConnection()) {
            foreignKeys.putAll(SchemaMetadata.foreignKeys(c));
            indexed.putAll(SchemaMetadata.indexedColumns(c));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRoutedModelRoundTrips() {
        return Models.ALL.stream().filter(def -> def.route() != null)
                .map(def -> DynamicTest.dynamicTest(def.route(), () -> roundTrip(def)));
    }

    private void roundTrip(ModelDef def) {
        if (def.table().equals("salary_scale")) {
            salaryScales(def);
            return;
        }
        TableSchema table = schema.table(def.table());
        DataSet data = admin.data(def.route());
        Deque<String> stack = new ArrayDeque<>(List.of(def.table()));
        Map<String, Object> body = body(def, stack);

        // create: the answer is a single GET's (relations included)
        Entry created = data.create(body);
        assertZouForm(def, created, true, "Entity");
        assertSentValuesKept(table, body, created);
        assertEvent(def, created, "new");

        // get
        Entry got = data.get(created.id());
        assertZouForm(def, got, true, def.table().equals("entity") ? "Asset" : def.typeName());
        Entry withoutRelations = data.get(created.id(), Query.parse("relations=false"));
        for (String relation : relationNames(def)) {
            assertThat(withoutRelations.asMap()).doesNotContainKey(relation);
        }

        // list: everything, a page, and each foreign-key or indexed column as a filter
        assertThat(ids(data.list(Query.all()))).contains(created.id());
        try (ListResult page = data.query(Query.parse("page=1&limit=1000"))) {
            assertThat(page.isPage()).isTrue();
            assertThat(page.page()).containsKeys("data", "total", "nb_pages", "limit", "offset", "page");
            List<String> pageIds = new ArrayList<>();
            page.forEach(e -> pageIds.add(e.id()));
            assertThat(pageIds).contains(created.id());
        }
        for (String column : filterColumns(def, table)) {
            Object value = got.get(def.table().equals("notification") && column.equals("type")
                    ? "notification_type" : column);
            if (value == null) {
                continue;
            }
            List<Entry> found = data.list(Query.where(Map.of(column, value.toString())));
            assertThat(ids(found)).as("filter %s=%s", column, value).contains(created.id());
            found.forEach(e -> assertThat(e.get("id")).isNotNull());
        }

        // update one column; the PUT answer has no relations
        Map.Entry<String, Object> change = change(def, table, got);
        if (change != null) {
            Entry updated = data.update(created.id(), Map.of(change.getKey(), change.getValue()));
            assertZouForm(def, updated, false, def.table().equals("entity") ? "Asset" : def.typeName());
            assertThat(updated.get(change.getKey())).isEqualTo(change.getValue());
            assertThat(data.get(created.id()).get(change.getKey())).isEqualTo(change.getValue());
            assertEvent(def, updated, "update");
        }

        // delete (Zou deletes logged time only while its person is assigned to the task)
        if (def.table().equals("time_spent")) {
            admin.data("tasks").update(created.getString("task_id"),
                    Map.of("assignees", List.of(created.getString("person_id"))));
        }
        data.delete(created.id());
        assertThat(failure(() -> data.get(created.id())).httpStatus()).isEqualTo(404);
        assertThat(ids(data.list(Query.all()))).doesNotContain(created.id());
        assertEvent(def, created, "delete");
    }

    /** Zou refuses to create salary scales; the list creates one per department × position × seniority. */
    private void salaryScales(ModelDef def) {
        DataSet data = admin.data(def.route());
        String department = parent("department", new ArrayDeque<>());
        ZouException refused = failure(() -> data.create(Map.of("department_id", department)));
        assertThat(refused.httpStatus()).isEqualTo(400);
        assertThat(refused.body()).containsEntry("message", "Salary scales cannot be created");

        List<Entry> scales = data.list(Query.parse("department_id=" + UUID.randomUUID() + "&page=2"));
        long departments = admin.data("departments").list(Query.all()).size();
        assertThat(scales).hasSize((int) departments * 9);
        Entry scale = scales.stream().filter(s -> department.equals(s.get("department_id"))).findFirst().orElseThrow();
        assertZouForm(def, scale, false, def.typeName());
        Entry updated = data.update(scale.id(), Map.of("salary", 420));
        assertThat(updated.get("salary")).isEqualTo(420);
        data.delete(scale.id());
        assertThat(failure(() -> data.get(scale.id())).httpStatus()).isEqualTo(404);
    }

    // ---- bodies ----------------------------------------------------------------------------------------------------

    /** A valid POST body for {@code def}: required columns, and foreign keys to parent rows (no cycles). */
    private Map<String, Object> body(ModelDef def, Deque<String> stack) {
        TableSchema table = schema.table(def.table());
        Map<String, String> fks = foreignKeys.getOrDefault(def.table(), Map.of());
        Set<String> hookRequired = HOOK_REQUIRED.getOrDefault(def.table(), Set.of());
        Map<String, Object> body = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            String name = c.name();
            if (ModelDef.BASE_FIELDS.contains(name) || def.hiddenFields().contains(name)) {
                continue;
            }
            boolean required = (!c.nullable() && !c.hasDefault()) || hookRequired.contains(name);
            String target = fks.get(name);
            if (target != null) {
                if (target.equals(def.table()) || (!required && stack.contains(target))) {
                    continue;
                }
                body.put(name, parent(target, stack));
            } else if (required) {
                body.put(name, value(def, c));
            }
        }
        return body;
    }

    /** The id of a shared row of {@code table}, created on first use. */
    private String parent(String table, Deque<String> stack) {
        String id = parents.get(table);
        if (id != null) {
            return id;
        }
        ModelDef def = Models.byTable().get(table);
        stack.push(table);
        try {
            id = admin.data(def.route()).create(body(def, stack)).id();
        } finally {
            stack.pop();
        }
        parents.put(table, id);
        return id;
    }

    private Object value(ModelDef def, Column c) {
        int n = counter.incrementAndGet();
        Choice choice = def.choices().get(c.name());
        if (choice != null) {
            return choice.codes().stream().sorted().findFirst().orElseThrow();
        }
        return switch (c.type()) {
            case UUID -> UUID.randomUUID().toString();
            case STRING -> c.name().equals("color") ? "#a1b2c3" : text(c, n);
            case INTEGER, BIGINT -> 1;
            case FLOAT -> 1.5;
            case BOOLEAN -> true;
            case DATE -> String.format("2031-%02d-%02d", 1 + n % 12, 1 + n % 28);
            case TIMESTAMP -> "2031-01-02T03:04:05";
            case JSON -> Map.of("k", "v");
        };
    }

    private static String text(Column c, int n) {
        String s = "v" + n + UUID.randomUUID().toString().replace("-", "");
        int max = c.maxLength() > 0 ? Math.min(c.maxLength(), 12) : 12;
        return s.substring(0, max);
    }

    /** A column to change and its new value: a boolean flipped, else a text, a number. */
    private Map.Entry<String, Object> change(ModelDef def, TableSchema table, Entry current) {
        Set<String> fks = foreignKeys.getOrDefault(def.table(), Map.of()).keySet();
        List<Column> candidates = table.columns().stream()
                .filter(c -> !ModelDef.BASE_FIELDS.contains(c.name()) && !c.name().equals("project_id"))
                .filter(c -> !def.hiddenFields().contains(c.name()) && !def.protectedFields().contains(c.name()))
                .filter(c -> !fks.contains(c.name()) && !def.choices().containsKey(c.name()))
                .filter(c -> !def.emailFields().contains(c.name()))
                .toList();
        for (ColumnType type : List.of(ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.FLOAT, ColumnType.INTEGER)) {
            for (Column c : candidates) {
                if (c.type() != type || (type == ColumnType.STRING && c.maxLength() > 0 && c.maxLength() < 8)) {
                    continue;
                }
                if (def.table().equals("person") && List.of("country", "locale", "timezone", "display_date_format")
                        .contains(c.name())) {
                    continue;
                }
                Object old = current.get(c.name());
                Object value = switch (type) {
                    case BOOLEAN -> !Boolean.TRUE.equals(old);
                    case STRING -> text(c, counter.incrementAndGet());
                    case FLOAT -> 2.5;
                    default -> 2;
                };
                return Map.entry(c.name(), value);
            }
        }
        return null;
    }

    // ---- assertions ------------------------------------------------------------------------------------------------

    /** Zou's JSON: exactly the visible columns (+ nested objects, relations when asked, decorations) and its type. */
    private void assertZouForm(ModelDef def, Entry e, boolean relations, String entityType) {
        TableSchema table = schema.table(def.table());
        Set<String> expected = new LinkedHashSet<>();
        for (Column c : table.columns()) {
            if (!def.hiddenFields().contains(c.name())) {
                expected.add(def.table().equals("notification") && c.name().equals("type")
                        ? "notification_type" : c.name());
            }
        }
        def.nestedObjects().stream().map(NestedObject::name).forEach(expected::add);
        if (relations) {
            expected.addAll(relationNames(def));
        }
        expected.addAll(EXTRA_KEYS.getOrDefault(def.table(), Set.of()));
        expected.add("type");
        Set<String> actual = new LinkedHashSet<>(e.asMap().keySet());
        // decorations some answers add (reference §3.3, §3.5)
        actual.remove("project_status_name");
        actual.remove("first_episode_id");
        if (!relations && List.of("person", "entity", "entity_type").contains(def.table())) {
            actual.removeAll(relationNames(def)); // Zou's PUT answers of these re-add collections
        }
        assertThat(actual).as("keys of %s", def.typeName()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(e.type()).isEqualTo(def.table().equals("entity") ? entityType : def.typeName());
        assertThat(e.getString("id")).matches(UUID_FORM);
        assertThat(e.getString("created_at")).matches(TIMESTAMP_FORM);
        assertThat(e.getString("updated_at")).matches(TIMESTAMP_FORM);
        for (Column c : table.columns()) {
            Object v = e.get(c.name());
            if (v == null || def.hiddenFields().contains(c.name())
                    || (def.table().equals("notification") && c.name().equals("type"))) {
                continue;
            }
            switch (c.type()) {
                case UUID -> assertThat((String) v).as(c.name()).matches(UUID_FORM);
                case TIMESTAMP -> assertThat((String) v).as(c.name()).matches(TIMESTAMP_FORM);
                case DATE -> assertThat((String) v).as(c.name()).matches(DATE_FORM);
                case FLOAT -> assertThat(v).as(c.name()).isInstanceOf(Double.class);
                case INTEGER -> assertThat(v).as(c.name()).isInstanceOf(Integer.class);
                case BIGINT -> assertThat(v).as(c.name()).isInstanceOfAny(Integer.class, Long.class);
                case BOOLEAN -> assertThat(v).as(c.name()).isInstanceOf(Boolean.class);
                case STRING -> assertThat(v).as(c.name()).isInstanceOf(String.class);
                case JSON -> assertThat(v).as(c.name()).isInstanceOfAny(Map.class, List.class, String.class,
                        Number.class, Boolean.class);
            }
        }
        if (relations) {
            for (String r : relationNames(def)) {
                assertThat(e.get(r)).as(r).isInstanceOf(List.class);
            }
        }
    }

    private void assertSentValuesKept(TableSchema table, Map<String, Object> body, Entry created) {
        for (Map.Entry<String, Object> b : body.entrySet()) {
            Object sent = b.getValue();
            Object got = created.get(b.getKey());
            if (table.column(b.getKey()) != null && table.column(b.getKey()).type() == ColumnType.FLOAT) {
                assertThat(got).isEqualTo(((Number) sent).doubleValue());
            } else if (b.getKey().equals("type") && table.name().equals("notification")) {
                assertThat(created.get("notification_type")).isEqualTo(sent);
            } else {
                assertThat(got).as(b.getKey()).isEqualTo(sent);
            }
        }
    }

    private void assertEvent(ModelDef def, Entry row, String verb) {
        if (!def.emitsEvents()) {
            return;
        }
        String prefix = def.table().equals("entity") ? "asset" : def.eventPrefix();
        String idKey = def.table().equals("entity") ? "asset_id" : def.eventIdKey();
        List<Map<String, Object>> events = events(prefix + ":" + verb);
        assertThat(events).as("%s:%s events", prefix, verb).anySatisfy(data -> {
            assertThat(data).containsEntry(idKey, row.id());
            if (row.get("project_id") != null) {
                assertThat(data).containsEntry("project_id", row.get("project_id"));
            }
        });
    }

    private List<String> filterColumns(ModelDef def, TableSchema table) {
        Set<String> columns = new LinkedHashSet<>(foreignKeys.getOrDefault(def.table(), Map.of()).keySet());
        columns.addAll(indexed.getOrDefault(def.table(), Set.of()));
        List<String> result = new ArrayList<>();
        for (String c : columns) {
            Column col = table.column(c);
            if (col != null && col.type() != ColumnType.TIMESTAMP && col.type() != ColumnType.JSON
                    && !def.hiddenFields().contains(c)) {
                result.add(c);
            }
        }
        return result;
    }

    /** The events named {@code name}, newest first, as their data maps. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String name) {
        return admin.data("events").list(Query.where(Map.of("name", name))).stream()
                .map(e -> (Map<String, Object>) e.get("data")).toList();
    }

    private static Set<String> relationNames(ModelDef def) {
        Set<String> names = new LinkedHashSet<>();
        def.relations().stream().map(Relation::name).forEach(names::add);
        return names;
    }

    private static List<String> ids(List<Entry> entries) {
        return entries.stream().map(Entry::id).toList();
    }
}
