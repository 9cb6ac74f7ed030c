package org.zou4j.events;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.zou4j.Entry;
import org.zou4j.ErrorCode;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.internal.model.Choice;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.Schema;
import org.zou4j.internal.schema.TableSchema;
import org.zou4j.storage.StorageBackend;

/**
 * Valid create bodies for any declared model, built from the migrated schema and the declarations: every required
 * column gets a value of its type (choices take an allowed code, e-mails and unique strings are fresh), every
 * required foreign key (and {@code project_id}, when the model has one) gets a parent row created through the
 * parent's own route first. Fields the engine requires beyond the schema (its 400 names them) are added and the create
 * retried; a time spent gets a task its person is assigned to (Zou's rule for logging time). Not thread-safe.
 */
final class ModelBodies {
    private final Session session;
    private final Schema schema;
    private final Map<String, Map<String, String>> foreignKeys = new HashMap<>(); // table -> column -> table
    private final AtomicInteger counter = new AtomicInteger();
    private int depth;
    private String sharedProject; // the project of every row of one top-level create

    ModelBodies(Session session, StorageBackend storage) throws SQLException {
        this.session = session;
        try (Connection c = storage.dataSource().getConnection()) {
            this.schema = Schema.read(c);
            DatabaseMetaData md = c.getMetaData();
            for (String table : schema.tables().keySet()) {
                Map<String, String> fks = new HashMap<>();
                try (ResultSet rs = md.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
                    while (rs.next()) {
                        fks.put(rs.getString("FKCOLUMN_NAME").toLowerCase(),
                                rs.getString("PKTABLE_NAME").toLowerCase());
                    }
                }
                foreignKeys.put(table, fks);
            }
        }
    }

    TableSchema table(ModelDef def) {
        return schema.table(def.table());
    }

    /** A row created through {@code def}'s route, and the body that created it. */
    record Created(Entry row, Map<String, Object> body) {
    }

    /** Creates a row of {@code def} through its route, with the parents it needs (all in one project). */
    Created create(ModelDef def) {
        boolean top = depth++ == 0;
        try {
            return createRow(def);
        } finally {
            depth--;
            if (top) {
                sharedProject = null;
            }
        }
    }

    private Created createRow(ModelDef def) {
        Map<String, Object> body = createBody(def);
        if (def.table().equals("time_spent")) {
            Entry task = create(Models.byTable().get("task")).row();
            String person = create(Models.byTable().get("person")).row().id();
            session.data("tasks").update(task.id(), Map.of("assignees", List.of(person)));
            body.put("task_id", task.id());
            body.put("person_id", person);
        }
        Map<String, String> fks = foreignKeys.getOrDefault(def.table(), Map.of());
        for (int attempt = 0; ; attempt++) {
            try {
                return new Created(session.data(def.route()).create(body), body);
            } catch (ZouException e) {
                Object fields = e.body().get("fields");
                if (e.code() != ErrorCode.MISSING_FIELD || !(fields instanceof List<?> missing) || attempt > 3) {
                    throw e;
                }
                for (Object f : missing) {
                    String field = (String) f;
                    String parent = fks.get(field);
                    body.put(field, parent != null ? parentId(parent) : value(def, table(def).column(field)));
                }
            }
        }
    }

    /** A create body for {@code def}, creating the parent rows it needs. */
    Map<String, Object> createBody(ModelDef def) {
        TableSchema t = table(def);
        Map<String, String> fks = foreignKeys.getOrDefault(def.table(), Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        for (Column c : t.columns()) {
            if (ModelDef.BASE_FIELDS.contains(c.name())) {
                continue;
            }
            boolean required = !c.nullable() && !c.hasDefault();
            boolean project = c.name().equals("project_id") && "project".equals(fks.get("project_id"));
            if (!required && !project) {
                continue;
            }
            String parent = fks.get(c.name());
            body.put(c.name(), parent != null ? parentId(parent) : value(def, c));
        }
        return body;
    }

    /** A body that changes one harmless column, or an empty body when the model has none. */
    Map<String, Object> updateBody(ModelDef def) {
        TableSchema t = table(def);
        Set<String> fks = foreignKeys.getOrDefault(def.table(), Map.of()).keySet();
        for (Column c : t.columns()) {
            String n = c.name();
            if (c.type() == org.zou4j.internal.schema.ColumnType.STRING && c.nullable() && !fks.contains(n)
                    && !def.choices().containsKey(n) && !def.hiddenFields().contains(n)
                    && !def.protectedFields().contains(n) && !def.emailFields().contains(n) && !n.endsWith("_id")
                    && (c.maxLength() == 0 || c.maxLength() >= 8)) {
                return Map.of(n, "changed");
            }
        }
        return Map.of();
    }

    private String parentId(String table) {
        if (table.equals("project")) {
            if (sharedProject == null) {
                sharedProject = create(Models.byTable().get("project")).row().id();
            }
            return sharedProject;
        }
        ModelDef def = Models.byTable().get(table);
        if (def == null || def.route() == null) {
            throw new IllegalStateException("No route to create a parent " + table);
        }
        return create(def).row().id();
    }

    private Object value(ModelDef def, Column c) {
        int n = counter.incrementAndGet();
        Choice choice = def.choices().get(c.name());
        if (choice != null) {
            String code = new ArrayList<>(choice.codes()).stream().sorted().findFirst().orElseThrow();
            return choice.isList() ? List.of(code) : code;
        }
        if (def.emailFields().contains(c.name())) {
            return "person" + n + "@example.com";
        }
        return switch (c.type()) {
            case STRING -> c.name().contains("color") ? "#000000" : fit("v" + n, c.maxLength());
            case INTEGER, BIGINT -> 1;
            case FLOAT -> 1.0;
            case BOOLEAN -> true;
            case DATE -> "2024-01-02";
            case TIMESTAMP -> "2024-01-02T03:04:05";
            case JSON -> Map.of();
            case UUID -> java.util.UUID.randomUUID().toString();
        };
    }

    private static String fit(String s, int max) {
        return max > 0 && s.length() > max ? s.substring(s.length() - max) : s;
    }
}
