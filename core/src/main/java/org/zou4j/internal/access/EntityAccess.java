package org.zou4j.internal.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Entity updates (Zou's {@code check_metadata_department_access}): admins; team members who are managers there or
 * created the entity; team supervisors changing only {@code data}, each key of which is a metadata descriptor of
 * one of their departments (a supervisor without department may change any).
 */
final class EntityAccess {
    private EntityAccess() {
    }

    private static final Ref PROJECT = Ref.column("project_id");
    private static final Set<String> NOT_DESCRIBED = Set.of("Sequence", "Episode", "Scene", "Concept");

    static Rule update() {
        return Rule.ADMIN
                .or(Rules.team(PROJECT).and(Rules.teamRole(PROJECT, "manager").or(Rules.self("created_by"))))
                .or(Rules.teamRole(PROJECT, "supervisor").and(Rules.onlyChanging("data"))
                        .and(EntityAccess::descriptorsOfMyDepartments));
    }

    private static boolean descriptorsOfMyDepartments(AccessContext ctx, Target t) throws SQLException {
        if (ctx.caller().departmentIds().isEmpty()) {
            return true;
        }
        String kind = descriptorKind(ctx, t.id("entity_type_id"));
        JsonNode data = Json.node(t.changes().get("data"));
        if (kind == null || !data.isObject() || data.isEmpty()) {
            return false;
        }
        List<Row> descriptors = ctx.tx().select("metadata_descriptor", List.of(
                Filter.eq("project_id", t.id("project_id")), Filter.eq("entity_type", kind)));
        for (Iterator<String> keys = data.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            Row descriptor = descriptors.stream().filter(d -> key.equals(d.get("field_name"))).findFirst()
                    .orElse(null);
            if (descriptor == null || !sharesDepartment(ctx, descriptor.id())) {
                return false;
            }
        }
        return true;
    }

    /** The metadata descriptors' entity type for an entity type: Shot, Edit, Asset, or none. */
    private static String descriptorKind(AccessContext ctx, UUID entityTypeId) throws SQLException {
        Row type = ctx.row("entity_type", entityTypeId);
        if (type == null) {
            return null;
        }
        String name = (String) type.get("name");
        if ("Shot".equals(name) || "Edit".equals(name)) {
            return name;
        }
        return NOT_DESCRIBED.contains(name) ? null : "Asset";
    }

    private static boolean sharesDepartment(AccessContext ctx, UUID descriptorId) throws SQLException {
        List<Object> departments = ctx.tx().column("department_metadata_descriptor_link", "department_id",
                List.of(Filter.eq("metadata_descriptor_id", descriptorId)));
        for (Object d : departments) {
            if (ctx.caller().departmentIds().contains(d)) {
                return true;
            }
        }
        return false;
    }
}
