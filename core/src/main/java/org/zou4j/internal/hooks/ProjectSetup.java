package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * What a new project inherits (reference §5.4, Project POST): the settings, collections and metadata descriptors of
 * the {@code project_template_id} it names (explicit non-null body values win), and the "Project" metadata
 * descriptors of the open projects.
 */
final class ProjectSetup {
    private static final Set<String> NOT_INHERITED = Set.of("id", "created_at", "updated_at", "name", "description",
            "metadata_descriptors");
    private static final List<String> DESCRIPTOR_COLUMNS = List.of("entity_type", "name", "field_name", "data_type",
            "choices", "for_client", "position");

    private ProjectSetup() {
    }

    /** Loads the template a POST body names (the key is removed) and fills the body from it. */
    static Row applyTemplateToBody(HookContext ctx, Map<String, Object> body) throws SQLException {
        if (!body.containsKey("project_template_id")) {
            return null;
        }
        Object raw = body.remove("project_template_id");
        if (raw == null) {
            return null;
        }
        UUID id = HookSupport.idOf(raw);
        Row template = id == null ? null : ctx.tx().byId("project_template", id);
        if (template == null) {
            throw ZouException.notFound("Project template " + ZouException.echo(raw) + " not found.");
        }
        var projectTable = ctx.models().table("project").table();
        for (Column c : template.table().columns()) {
            Object value = template.get(c.name());
            if (NOT_INHERITED.contains(c.name()) || value == null || !projectTable.has(c.name())
                    || body.get(c.name()) != null) {
                continue;
            }
            body.put(c.name(), HookSupport.json(ctx, value));
        }
        for (Relation rel : Models.PROJECT_TEMPLATE.relations()) {
            if (Models.PROJECT.relation(rel.name()) != null && body.get(rel.name()) == null) {
                body.put(rel.name(), HookSupport.linkedIds(ctx, rel.linkTable(), rel.ownColumn(), rel.otherColumn(),
                        template.id()));
            }
        }
        return template;
    }

    /** After insert: the template's link priorities and board roles, and its metadata descriptors. */
    static void applyTemplateLinks(HookContext ctx, Row template, UUID projectId) throws SQLException {
        Tx tx = ctx.tx();
        for (Row link : tx.select("project_template_task_type_link",
                List.of(Filter.eq("project_template_id", template.id())))) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("priority", link.get("priority"));
            tx.update("project_task_type_link", values, List.of(Filter.eq("project_id", projectId),
                    Filter.eq("task_type_id", link.get("task_type_id"))));
        }
        for (Row link : tx.select("project_template_task_status_link",
                List.of(Filter.eq("project_template_id", template.id())))) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("priority", link.get("priority"));
            values.put("roles_for_board", link.get("roles_for_board"));
            tx.update("project_task_status_link", values, List.of(Filter.eq("project_id", projectId),
                    Filter.eq("task_status_id", link.get("task_status_id"))));
        }
        if (HookSupport.json(ctx, template.get("metadata_descriptors")) instanceof List<?> descriptors) {
            for (Object d : descriptors) {
                if (d instanceof Map<?, ?> map) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (String c : DESCRIPTOR_COLUMNS) {
                        Object v = map.get(c);
                        values.put(c, c.equals("choices") && v != null ? HookSupport.toJson(ctx, v) : v);
                    }
                    List<UUID> departments = new ArrayList<>();
                    if (map.get("departments") instanceof List<?> ids) {
                        for (Object o : ids) {
                            UUID dep = HookSupport.idOf(o);
                            if (dep != null) {
                                departments.add(dep);
                            }
                        }
                    }
                    addDescriptor(ctx, projectId, values, departments);
                }
            }
        }
    }

    /** Copies the "Project" metadata descriptors of the open projects (one per field name) onto a new project. */
    static void copyOpenProjectDescriptors(HookContext ctx, UUID projectId) throws SQLException {
        Tx tx = ctx.tx();
        List<Object> open = tx.column("project_status", "id", List.of(Filter.eq("name", ProjectHooks.OPEN)));
        if (open.isEmpty()) {
            return;
        }
        List<Object> openProjects = tx.column("project", "id", List.of(Filter.eq("project_status_id", open.get(0)),
                Filter.not(Filter.eq("id", projectId))));
        if (openProjects.isEmpty()) {
            return;
        }
        for (Row d : tx.select("metadata_descriptor", List.of(Filter.in("project_id", openProjects),
                Filter.eq("entity_type", "Project")), List.of(Tx.Order.asc("created_at")), 0, 0)) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String c : DESCRIPTOR_COLUMNS) {
                values.put(c, d.get(c));
            }
            List<UUID> departments = new ArrayList<>();
            for (Object dep : tx.column("department_metadata_descriptor_link", "department_id",
                    List.of(Filter.eq("metadata_descriptor_id", d.id())))) {
                departments.add((UUID) dep);
            }
            addDescriptor(ctx, projectId, values, departments);
        }
    }

    /** Inserts a descriptor unless the project already has one with that name or field name. */
    private static void addDescriptor(HookContext ctx, UUID projectId, Map<String, Object> values,
                                      List<UUID> departments) throws SQLException {
        Object entityType = values.get("entity_type");
        Object name = values.get("name");
        Object field = values.get("field_name");
        if (!(entityType instanceof String) || !(name instanceof String) || !(field instanceof String)) {
            return;
        }
        Tx tx = ctx.tx();
        List<Filter> same = List.of(Filter.eq("project_id", projectId), Filter.eq("entity_type", entityType),
                new Filter.IsNull("task_type_id"));
        Set<Object> taken = new HashSet<>();
        for (Row r : tx.select("metadata_descriptor", same)) {
            taken.add(r.get("name"));
            taken.add("field:" + r.get("field_name"));
        }
        if (taken.contains(name) || taken.contains("field:" + field)) {
            return;
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>(values);
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("project_id", projectId);
        tx.insert("metadata_descriptor", row);
        List<Object> known = departments.isEmpty() ? List.of()
                : tx.column("department", "id", List.of(Filter.in("id", departments)));
        tx.insertLinks("department_metadata_descriptor_link", "metadata_descriptor_id", id, "department_id", known);
    }
}
