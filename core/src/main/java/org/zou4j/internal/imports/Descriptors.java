package org.zou4j.internal.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.imports.CsvTable.CsvRow;
import org.zou4j.internal.imports.CsvTable.RowException;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * The metadata descriptor columns of an import ({@code get_descriptor_values}) and person cells
 * ({@code get_person_id}: full name, e-mail or id, case-insensitive).
 */
final class Descriptors {
    private final HookContext ctx;
    private final Map<String, Row> byName = new LinkedHashMap<>();
    private Map<String, UUID> persons;

    /** The descriptors of {@code entityType} in the project; {@code taskTypeId} keeps only that task type's. */
    Descriptors(HookContext ctx, UUID projectId, String entityType, UUID taskTypeId) throws SQLException {
        this.ctx = ctx;
        for (Row d : ctx.tx().select("metadata_descriptor", List.of(Filter.eq("project_id", projectId),
                Filter.eq("entity_type", entityType)))) {
            if (taskTypeId == null || taskTypeId.equals(d.get("task_type_id"))) {
                byName.put((String) d.get("name"), d);
            }
        }
    }

    boolean anyIn(CsvRow row) {
        return byName.keySet().stream().anyMatch(row::has);
    }

    /** A new data map: {@code data} with the row's descriptor cells (booleans as true/false, persons as ids). */
    Map<String, Object> apply(CsvRow row, Map<String, Object> data) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>(data);
        for (Map.Entry<String, Row> e : byName.entrySet()) {
            if (!row.has(e.getKey())) {
                continue;
            }
            Object value = row.get(e.getKey());
            String type = (String) e.getValue().get("data_type");
            if (value != null && !"".equals(value)) {
                if ("boolean".equals(type)) {
                    value = ImportSupport.strtobool((String) value) ? "true" : "false";
                } else if ("person".equals(type)) {
                    value = person((String) value).toString();
                }
            }
            out.put((String) e.getValue().get("field_name"), value);
        }
        return out;
    }

    /** The person a cell names, or a row error. */
    UUID person(String value) throws SQLException {
        if (persons == null) {
            persons = new HashMap<>();
            for (Row p : ctx.tx().select("person", List.of())) {
                persons.put(p.id().toString(), p.id());
                String full = ((p.get("first_name") == null ? "" : p.get("first_name")) + " "
                        + (p.get("last_name") == null ? "" : p.get("last_name"))).trim();
                persons.put(full.toLowerCase(Locale.ROOT), p.id());
                if (p.get("email") != null) {
                    persons.put(p.get("email").toString().toLowerCase(Locale.ROOT), p.id());
                }
            }
        }
        UUID id = persons.get(value.strip().toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new RowException("Person not found for " + value);
        }
        return id;
    }

    /** The persons of a comma-separated cell ({@code <task type> assignations}); empty when blank. */
    List<UUID> persons(String cell) throws SQLException {
        List<UUID> out = new ArrayList<>();
        if (cell == null || cell.isEmpty()) {
            return out;
        }
        for (String part : cell.split(",")) {
            if (!part.isBlank()) {
                out.add(person(part));
            }
        }
        return out;
    }
}
