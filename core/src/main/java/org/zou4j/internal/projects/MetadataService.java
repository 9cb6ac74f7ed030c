package org.zou4j.internal.projects;

import static org.zou4j.internal.crud.BodyFields.optionalBool;
import static org.zou4j.internal.crud.BodyFields.optionalText;
import static org.zou4j.internal.crud.BodyFields.requiredText;
import static org.zou4j.internal.crud.BodyFields.textList;

import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Metadata descriptors of Zou's {@code projects} blueprint: per project (list, create, get, update, delete,
 * reorder) and across every open project the caller manages ({@code /data/metadata-descriptors/all-projects}).
 * Events: {@code metadata-descriptor:new|update|delete} with {@code metadata_descriptor_id}.
 */
public final class MetadataService extends ServiceSupport {
    static final List<String> ENTITY_TYPES = List.of("Asset", "Shot", "Edit", "Episode", "Sequence", "Project", "Task");
    static final List<String> ALL_PROJECTS_ENTITY_TYPES = List.of("Asset", "Shot", "Edit", "Episode", "Sequence",
            "Project");
    private static final Set<String> TEMPORAL = Choices.TEMPORAL_ENTITY_TYPES;

    public MetadataService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    /** Zou's {@code _serialize_descriptor}: the compact descriptor embedded in project lists. */
    static Map<String, Object> compactDescriptor(HookContext ctx, JsonForm form, Row d) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id().toString());
        m.put("name", d.get("name"));
        m.put("field_name", d.get("field_name"));
        m.put("data_type", d.get("data_type"));
        m.put("choices", form.toJsonValue(d.get("choices")));
        m.put("for_client", Boolean.TRUE.equals(d.get("for_client")));
        m.put("entity_type", d.get("entity_type"));
        m.put("task_type_id", d.get("task_type_id") == null ? null : d.get("task_type_id").toString());
        m.put("position", d.get("position"));
        List<String> departments = new ArrayList<>();
        for (Object id : ctx.tx().column("department_metadata_descriptor_link", "department_id",
                List.of(Filter.eq("metadata_descriptor_id", d.id())))) {
            departments.add(id.toString());
        }
        m.put("departments", departments);
        return m;
    }

    /** Zou's python-slugify with {@code _}: ASCII-folded, lower case, runs of other characters collapsed. */
    static String slugify(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .replaceAll("[^\\p{ASCII}]", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "_");
        return slug.replaceAll("^_+|_+$", "");
    }

    // ---- per project -----------------------------------------------------------------------------------------------

    /** {@code GET /data/projects/<id>/metadata-descriptors}: by position then name; clients see for_client ones. */
    public List<Map<String, Object>> list(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireTeam(ctx, projectId);
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("project_id", projectId));
            if (!ctx.caller().isAdmin() && "client".equals(ctx.access().projectRole(projectId))) {
                filters.add(Filter.eq("for_client", true));
            }
            return many(ctx, "metadata_descriptor", ordered(ctx.tx(), filters), true);
        });
    }

    private static List<Row> ordered(Tx tx, List<Filter> filters) throws SQLException {
        List<Row> rows = new ArrayList<>(tx.select("metadata_descriptor", filters));
        rows.sort(Comparator.comparing((Row r) -> (Integer) r.get("position"),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(r -> (String) r.get("name")));
        return rows;
    }

    /** {@code POST /data/projects/<id>/metadata-descriptors} (201). */
    public Map<String, Object> create(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String entityType = optionalText(body, "entity_type", "Asset");
        String taskTypeText = optionalText(body, "task_type_id", null);
        String name = requiredText(body, "name");
        String dataType = optionalText(body, "data_type", "string");
        boolean forClient = Boolean.TRUE.equals(optionalBool(body, "for_client", false));
        List<String> choices = textList(body, "choices", false);
        List<String> departments = textList(body, "departments", false);
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            requireProject(ctx, projectId);
            checkDepartmentsAccess(ctx, projectId, departments);
            if (!ENTITY_TYPES.contains(entityType)) {
                throw ZouException.wrongParameter("Wrong entity type. Please select Asset, Shot, Sequence, Episode, "
                        + "Edit, Project, or Task.");
            }
            UUID taskTypeId = null;
            if (entityType.equals("Task")) {
                if (taskTypeText == null) {
                    throw ZouException.wrongParameter("Task metadata descriptors require a task_type_id.");
                }
                taskTypeId = idOrNull(taskTypeText);
                if (taskTypeId == null || ctx.tx().byId("task_type", taskTypeId) == null) {
                    throw ZouException.wrongParameter("Task type not found.");
                }
            } else if (taskTypeText != null) {
                throw ZouException.wrongParameter("task_type_id only applies to Task metadata descriptors.");
            }
            checkDataType(dataType);
            Row created = insert(ctx, projectId, entityType, taskTypeId, name, dataType, choices, forClient,
                    departments);
            return one(ctx, "metadata_descriptor", created);
        });
    }

    Row insert(HookContext ctx, UUID projectId, String entityType, UUID taskTypeId, String name,
                       String dataType, List<String> choices, boolean forClient, List<String> departments)
            throws SQLException {
        List<UUID> departmentIds = departmentIds(ctx, departments);
        String fieldName = slugify(name);
        List<Filter> same = new ArrayList<>(List.of(Filter.eq("project_id", projectId),
                Filter.eq("entity_type", entityType)));
        if (taskTypeId == null) {
            same.add(new Filter.IsNull("task_type_id"));
            if (ctx.tx().exists("metadata_descriptor", List.of(new Filter.And(same), new Filter.Or(List.of(
                    Filter.eq("name", name), Filter.eq("field_name", fieldName)))))) {
                throw ZouException.wrongParameter("Metadata descriptor already exists.");
            }
        } else if (ctx.tx().exists("metadata_descriptor", List.of(new Filter.And(same),
                Filter.eq("task_type_id", taskTypeId), Filter.eq("name", name)))) {
            throw ZouException.wrongParameter("Metadata descriptor already exists.");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        UUID id = UUID.randomUUID();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("project_id", projectId);
        row.put("entity_type", entityType);
        row.put("task_type_id", taskTypeId);
        row.put("name", name);
        row.put("data_type", dataType);
        row.put("field_name", fieldName);
        row.put("choices", crud.values().fromJson(model("metadata_descriptor").table().column("choices"), choices));
        row.put("for_client", forClient);
        ctx.tx().insert("metadata_descriptor", row);
        ctx.tx().insertLinks("department_metadata_descriptor_link", "metadata_descriptor_id", id, "department_id",
                departmentIds);
        ctx.events().emit("metadata-descriptor:new", Map.of("metadata_descriptor_id", id.toString()), projectId);
        return ctx.tx().byId("metadata_descriptor", id);
    }

    private static List<UUID> departmentIds(HookContext ctx, List<String> departments) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (String d : departments) {
            if (d == null) {
                continue;
            }
            UUID id = idOrNull(d);
            if (id == null || ctx.tx().byId("department", id) == null) {
                throw ZouException.notFound();
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static void checkDataType(String dataType) {
        if (!Choices.METADATA_DESCRIPTOR_TYPES.contains(dataType)) {
            throw ZouException.wrongParameter("Invalid data_type");
        }
    }

    /** Zou's {@code check_all_departments_access}: admins, managers, or supervisors covering the departments. */
    private static void checkDepartmentsAccess(HookContext ctx, UUID projectId, List<String> departments)
            throws SQLException {
        if (ctx.caller().isAdmin()) {
            return;
        }
        boolean belongs = ctx.access().inTeam(projectId);
        String role = ctx.access().projectRole(projectId);
        if (belongs && "manager".equals(role)) {
            return;
        }
        if (belongs && "supervisor".equals(role) && !departments.isEmpty()) {
            Set<UUID> mine = ctx.caller().departmentIds();
            boolean all = true;
            for (UUID d : mine) {
                all &= departments.contains(d.toString());
            }
            if (mine.isEmpty() || all) {
                return;
            }
        }
        throw ZouException.forbidden();
    }

    private static Row requireDescriptor(HookContext ctx, String idText) throws SQLException {
        UUID id = idOrNull(idText);
        Row row = id == null ? null : ctx.tx().byId("metadata_descriptor", id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    private static List<String> departmentsOf(HookContext ctx, UUID descriptorId) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : ctx.tx().column("department_metadata_descriptor_link", "department_id",
                List.of(Filter.eq("metadata_descriptor_id", descriptorId)))) {
            out.add(o.toString());
        }
        return out;
    }

    /** {@code GET /data/projects/<id>/metadata-descriptors/<descriptor_id>} (TEAM). */
    public Map<String, Object> get(Caller caller, String projectIdText, String descriptorIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireTeam(ctx, projectId);
            return oneWithRelations(ctx, "metadata_descriptor", requireDescriptor(ctx, descriptorIdText));
        });
    }

    /**
     * {@code PUT /data/projects/<id>/metadata-descriptors/<descriptor_id>}: a new name renames the field and moves
     * the stored values to the new key; departments are replaced.
     */
    public Map<String, Object> update(Caller caller, String projectIdText, String descriptorIdText,
                                      Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = optionalText(body, "name", null);
        boolean forClient = Boolean.TRUE.equals(optionalBool(body, "for_client", false));
        String dataType = optionalText(body, "data_type", "string");
        List<String> choices = textList(body, "choices", false);
        List<String> departments = textList(body, "departments", false);
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            requireProject(ctx, projectId);
            Row descriptor = requireDescriptor(ctx, descriptorIdText);
            List<String> checked = new ArrayList<>(departmentsOf(ctx, descriptor.id()));
            checked.addAll(departments);
            checkDepartmentsAccess(ctx, projectId, checked);
            if (name != null && name.isEmpty()) {
                throw ZouException.wrongParameter("Name cannot be empty.");
            }
            checkDataType(dataType);
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("name", name);
            changes.put("for_client", forClient);
            changes.put("data_type", dataType);
            changes.put("choices", choices);
            changes.put("departments", departments);
            return one(ctx, "metadata_descriptor", applyUpdate(ctx, descriptor, changes));
        });
    }

    @SuppressWarnings("unchecked")
    private Row applyUpdate(HookContext ctx, Row descriptor, Map<String, Object> changes) throws SQLException {
        Map<String, Object> columns = new LinkedHashMap<>();
        String name = (String) changes.get("name");
        if (name != null && !name.isEmpty()) {
            String fieldName = slugify(name);
            columns.put("name", name);
            columns.put("field_name", fieldName);
            if (!fieldName.equals(descriptor.get("field_name"))) {
                renameField(ctx, descriptor, (String) descriptor.get("field_name"), fieldName);
            }
        }
        columns.put("for_client", changes.get("for_client"));
        columns.put("data_type", changes.get("data_type"));
        columns.put("choices", crud.values().fromJson(model("metadata_descriptor").table().column("choices"),
                changes.get("choices")));
        columns.put("updated_at", ctx.now());
        ctx.tx().updateById("metadata_descriptor", descriptor.id(), columns);
        List<UUID> departmentIds = departmentIds(ctx, (List<String>) changes.get("departments"));
        ctx.tx().delete("department_metadata_descriptor_link",
                List.of(Filter.eq("metadata_descriptor_id", descriptor.id())));
        ctx.tx().insertLinks("department_metadata_descriptor_link", "metadata_descriptor_id", descriptor.id(),
                "department_id", departmentIds);
        ctx.events().emit("metadata-descriptor:update", Map.of("metadata_descriptor_id",
                descriptor.id().toString()), (UUID) descriptor.get("project_id"));
        return ctx.tx().byId("metadata_descriptor", descriptor.id());
    }

    /** {@code DELETE /data/projects/<id>/metadata-descriptors/<descriptor_id>}: also strips the stored values. */
    public void delete(Caller caller, String projectIdText, String descriptorIdText) {
        UUID projectId = projectId(projectIdText);
        write(caller, ctx -> {
            requireProject(ctx, projectId);
            Row descriptor = requireDescriptor(ctx, descriptorIdText);
            checkDepartmentsAccess(ctx, projectId, departmentsOf(ctx, descriptor.id()));
            remove(ctx, descriptor);
            return null;
        });
    }

    private void remove(HookContext ctx, Row descriptor) throws SQLException {
        renameField(ctx, descriptor, (String) descriptor.get("field_name"), null);
        ctx.tx().delete("department_metadata_descriptor_link",
                List.of(Filter.eq("metadata_descriptor_id", descriptor.id())));
        ctx.tx().delete("metadata_descriptor", List.of(Filter.eq("id", descriptor.id())));
        ctx.events().emit("metadata-descriptor:delete", Map.of("metadata_descriptor_id",
                descriptor.id().toString()), (UUID) descriptor.get("project_id"));
    }

    /** Moves (newKey non-null) or removes (newKey null) the metadata value in the rows a descriptor describes. */
    private void renameField(HookContext ctx, Row descriptor, String oldKey, String newKey) throws SQLException {
        UUID projectId = (UUID) descriptor.get("project_id");
        String entityType = (String) descriptor.get("entity_type");
        String table;
        List<Filter> filters = new ArrayList<>();
        if (entityType.equals("Project")) {
            table = "project";
            filters.add(Filter.eq("id", projectId));
        } else if (entityType.equals("Task")) {
            table = "task";
            filters.add(Filter.eq("project_id", projectId));
            filters.add(Filter.eq("task_type_id", descriptor.get("task_type_id")));
        } else {
            table = "entity";
            filters.add(Filter.eq("project_id", projectId));
            if (newKey != null) {
                if (entityType.equals("Shot") || entityType.equals("Edit")) {
                    filters.add(Filter.sub("entity_type_id", "entity_type", "id", Filter.eq("name", entityType)));
                } else if (entityType.equals("Asset")) {
                    filters.add(Filter.sub("entity_type_id", "entity_type", "id",
                            new Filter.Not(Filter.in("name", List.copyOf(TEMPORAL)))));
                }
            }
        }
        var column = model(table).table().column("data");
        for (Row r : ctx.tx().select(table, filters)) {
            Object data = json(r.get("data"));
            if (!(data instanceof Map<?, ?> map) || map.get(oldKey) == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            Object value = copy.remove(oldKey);
            if (newKey != null) {
                copy.put(newKey, value);
            }
            ctx.tx().updateById(table, r.id(), Map.of("data", crud.values().fromJson(column, copy)));
        }
    }

    /** {@code POST /data/projects/<id>/metadata-descriptors/reorder}: positions follow the list, the rest by name. */
    public List<Map<String, Object>> reorder(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String entityType = requiredText(body, "entity_type");
        List<String> ids = textList(body, "descriptor_ids", true);
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            requireManager(ctx, projectId);
            if (!ENTITY_TYPES.contains(entityType)) {
                throw ZouException.wrongParameter("Wrong entity type. Please select Asset, Shot, Sequence, Episode, "
                        + "Edit, Project, or Task.");
            }
            return reorderIn(ctx, projectId, entityType, ids);
        });
    }

    private List<Map<String, Object>> reorderIn(HookContext ctx, UUID projectId, String entityType, List<String> ids)
            throws SQLException {
        List<Filter> filters = List.of(Filter.eq("project_id", projectId), Filter.eq("entity_type", entityType));
        Map<String, Row> byId = new LinkedHashMap<>();
        for (Row r : ctx.tx().select("metadata_descriptor", filters)) {
            byId.put(r.id().toString(), r);
        }
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw ZouException.wrongParameter("Descriptor " + id + " not found for project " + projectId
                        + " and entity type " + entityType);
            }
        }
        int position = 1;
        for (String id : ids) {
            ctx.tx().updateById("metadata_descriptor", UUID.fromString(id), Map.of("position", position++,
                    "updated_at", ctx.now()));
        }
        List<Row> rest = new ArrayList<>();
        for (Row r : byId.values()) {
            if (!ids.contains(r.id().toString())) {
                rest.add(r);
            }
        }
        rest.sort(Comparator.comparing(r -> (String) r.get("name")));
        for (Row r : rest) {
            ctx.tx().updateById("metadata_descriptor", r.id(), Map.of("position", position++,
                    "updated_at", ctx.now()));
        }
        return many(ctx, "metadata_descriptor", ordered(ctx.tx(), filters), true);
    }

    // ---- across projects -------------------------------------------------------------------------------------------

    /** The open projects the caller may edit: every open one for admins, else open ones where they are manager. */
    private List<UUID> accessibleOpenProjects(HookContext ctx) throws SQLException {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.sub("project_status_id", "project_status", "id",
                Filter.in("name", List.of("Active", "open", "Open"))));
        if (!ctx.caller().isAdmin()) {
            UUID me = ctx.caller().personId();
            filters.add(Filter.sub("id", "project_person_link", "project_id",
                    Filter.eq("person_id", me == null ? new UUID(0, 0) : me)));
        }
        List<UUID> out = new ArrayList<>();
        for (Row p : ctx.tx().select("project", filters, List.of(Tx.Order.asc("name")), 0, 0)) {
            if (ctx.caller().isAdmin() || "manager".equals(ctx.access().projectRole(p.id()))) {
                out.add(p.id());
            }
        }
        return out;
    }

    private static void checkAllProjectsEntityType(String entityType) {
        if (!ALL_PROJECTS_ENTITY_TYPES.contains(entityType)) {
            throw ZouException.wrongParameter("Wrong entity type. Please select Asset, Shot, Sequence, Episode, "
                    + "Edit, or Project.");
        }
    }

    /** {@code POST /data/metadata-descriptors/all-projects}: creates it where missing (201, the created ones). */
    public List<Map<String, Object>> createOnAllProjects(Caller caller, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        return write(caller, ctx -> {
            requireGlobalManager(ctx);
            String entityType = optionalText(body, "entity_type", "Asset");
            String name = requiredText(body, "name");
            String dataType = optionalText(body, "data_type", "string");
            boolean forClient = Boolean.TRUE.equals(optionalBool(body, "for_client", false));
            List<String> choices = textList(body, "choices", false);
            List<String> departments = textList(body, "departments", false);
            checkAllProjectsEntityType(entityType);
            checkDataType(dataType);
            String fieldName = slugify(name);
            List<Map<String, Object>> created = new ArrayList<>();
            for (UUID projectId : accessibleOpenProjects(ctx)) {
                if (!ctx.tx().exists("metadata_descriptor", List.of(Filter.eq("project_id", projectId),
                        Filter.eq("entity_type", entityType), Filter.eq("field_name", fieldName)))) {
                    created.add(one(ctx, "metadata_descriptor", insert(ctx, projectId, entityType, null, name,
                            dataType, choices, forClient, departments)));
                }
            }
            return created;
        });
    }

    /** {@code PUT /data/metadata-descriptors/all-projects/<field_name>}: the updated descriptors. */
    public List<Map<String, Object>> updateOnAllProjects(Caller caller, String fieldName,
                                                         Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        return write(caller, ctx -> {
            requireGlobalManager(ctx);
            String entityType = requiredText(body, "entity_type");
            String name = optionalText(body, "name", null);
            boolean forClient = Boolean.TRUE.equals(optionalBool(body, "for_client", false));
            String dataType = optionalText(body, "data_type", "string");
            List<String> choices = textList(body, "choices", false);
            List<String> departments = textList(body, "departments", false);
            checkAllProjectsEntityType(entityType);
            checkDataType(dataType);
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("name", name);
            changes.put("for_client", forClient);
            changes.put("data_type", dataType);
            changes.put("choices", choices);
            changes.put("departments", departments);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row d : byField(ctx, entityType, fieldName)) {
                out.add(one(ctx, "metadata_descriptor", applyUpdate(ctx, d, changes)));
            }
            return out;
        });
    }

    private List<Row> byField(HookContext ctx, String entityType, String fieldName) throws SQLException {
        List<UUID> projects = accessibleOpenProjects(ctx);
        return ctx.tx().select("metadata_descriptor", List.of(Filter.in("project_id", projects),
                Filter.eq("entity_type", entityType), Filter.eq("field_name", fieldName)));
    }

    /** {@code DELETE /data/metadata-descriptors/all-projects/<field_name>?entity_type=}: the removed ids (200). */
    public List<String> deleteOnAllProjects(Caller caller, String fieldName, String entityType) {
        return write(caller, ctx -> {
            requireGlobalManager(ctx);
            checkAllProjectsEntityType(entityType);
            List<String> removed = new ArrayList<>();
            for (Row d : byField(ctx, entityType, fieldName)) {
                remove(ctx, d);
                removed.add(d.id().toString());
            }
            return removed;
        });
    }

    /** {@code POST /actions/metadata-descriptors/all-projects/reorder}: {@code field_order} applied per project. */
    public List<Map<String, Object>> reorderOnAllProjects(Caller caller, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        return write(caller, ctx -> {
            requireGlobalManager(ctx);
            String entityType = requiredText(body, "entity_type");
            List<String> order = textList(body, "field_order", true);
            checkAllProjectsEntityType(entityType);
            List<Map<String, Object>> out = new ArrayList<>();
            for (UUID projectId : accessibleOpenProjects(ctx)) {
                Map<String, String> byField = new LinkedHashMap<>();
                for (Row d : ctx.tx().select("metadata_descriptor", List.of(Filter.eq("project_id", projectId),
                        Filter.eq("entity_type", entityType)))) {
                    byField.put((String) d.get("field_name"), d.id().toString());
                }
                List<String> ids = new ArrayList<>();
                for (String f : order) {
                    if (byField.containsKey(f)) {
                        ids.add(byField.get(f));
                    }
                }
                if (!ids.isEmpty()) {
                    out.addAll(reorderIn(ctx, projectId, entityType, ids));
                }
            }
            return out;
        });
    }
}
