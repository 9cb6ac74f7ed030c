package org.zou4j.internal.assets;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code mask_metadata_for_vendor}: a vendor does not see the {@code data} keys of metadata descriptors that
 * belong to departments, none of them theirs. The hidden field names are looked up once per project.
 */
final class VendorMask {
    private final Tx tx;
    private final Set<UUID> departments;
    private final String descriptorKind;
    private final Map<UUID, Set<String>> hidden = new HashMap<>();

    private VendorMask(Tx tx, Set<UUID> departments, String descriptorKind) {
        this.tx = tx;
        this.departments = departments;
        this.descriptorKind = descriptorKind;
    }

    /** The mask of the caller for entities described as {@code descriptorKind}, or null when the caller sees all. */
    static VendorMask of(HookContext ctx, String descriptorKind) {
        if (!EntityService.isVendor(ctx)) {
            return null;
        }
        return new VendorMask(ctx.tx(), ctx.caller().departmentIds(), descriptorKind);
    }

    /** The field names hidden in {@code projectId}. */
    Set<String> hidden(UUID projectId) throws SQLException {
        Set<String> names = hidden.get(projectId);
        if (names == null) {
            names = new HashSet<>();
            for (Row d : tx.select("metadata_descriptor", List.of(Filter.eq("project_id", projectId),
                    Filter.eq("entity_type", descriptorKind)))) {
                List<Object> owners = tx.column("department_metadata_descriptor_link", "department_id",
                        List.of(Filter.eq("metadata_descriptor_id", d.id())));
                if (!owners.isEmpty() && owners.stream().noneMatch(departments::contains)) {
                    names.add((String) d.get("field_name"));
                }
            }
            hidden.put(projectId, names);
        }
        return names;
    }

    /** Removes the hidden keys from each serialized entity's {@code data}. */
    void apply(List<Map<String, Object>> entities, JsonForm form) throws SQLException {
        for (Map<String, Object> e : entities) {
            Object project = e.get("project_id");
            if (project == null) {
                continue;
            }
            Set<String> names = hidden(UUID.fromString(project.toString()));
            if (!names.isEmpty() && e.get("data") instanceof Map<?, ?> data) {
                Map<String, Object> kept = new LinkedHashMap<>();
                data.forEach((k, v) -> {
                    if (!names.contains(String.valueOf(k))) {
                        kept.put(String.valueOf(k), v);
                    }
                });
                e.put("data", kept);
            }
        }
    }
}
