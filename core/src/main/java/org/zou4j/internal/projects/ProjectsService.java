package org.zou4j.internal.projects;

import static org.zou4j.internal.crud.BodyFields.optionalBool;
import static org.zou4j.internal.crud.BodyFields.optionalInt;
import static org.zou4j.internal.crud.BodyFields.requiredText;
import static org.zou4j.internal.crud.BodyFields.textList;
import static org.zou4j.internal.crud.BodyFields.validation;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code projects} blueprint, first part: open/all project lists, the team, and the project settings (asset
 * types, task types, task statuses, status automations, preview background files, batch). Every settings change
 * emits {@code project:update} as Zou's {@code _save_project} does.
 */
public final class ProjectsService extends ServiceSupport {
    /** Project status names Zou's admin open-project list accepts. */
    private static final List<String> OPEN_STATUS_NAMES = List.of("Active", "open", "Open");
    private static final Set<String> PROJECT_ROLES = Set.of("user", "supervisor", "manager", "client", "vendor");

    public ProjectsService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    // ---- lists -----------------------------------------------------------------------------------------------------

    /**
     * {@code GET /data/projects/open}: open projects (admins: every open one; others: the open ones whose team they
     * are in) with relations, {@code descriptors}, {@code task_types_priority}, {@code task_statuses_link} and, for
     * TV shows, {@code first_episode_id}; ordered by name.
     */
    public List<Map<String, Object>> openProjects(Caller caller, String name) {
        return read(caller, ctx -> {
            List<Filter> filters = new ArrayList<>();
            if (ctx.caller().isAdmin()) {
                filters.add(Filter.sub("project_status_id", "project_status", "id",
                        Filter.in("name", OPEN_STATUS_NAMES)));
            } else {
                filters.add(Filter.sub("project_status_id", "project_status", "id", Filter.eq("name", "Open")));
                filters.add(myProjects(ctx));
            }
            if (name != null) {
                filters.add(Filter.eq("name", name));
            }
            List<Row> projects = ctx.tx().select("project", filters, List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row p : projects) {
                out.add(withExtraData(ctx, p));
            }
            return out;
        });
    }

    private Filter myProjects(HookContext ctx) {
        UUID me = ctx.caller().personId();
        return Filter.sub("id", "project_person_link", "project_id",
                Filter.eq("person_id", me == null ? new UUID(0, 0) : me));
    }

    private Map<String, Object> withExtraData(HookContext ctx, Row project) throws SQLException {
        Map<String, Object> json = oneWithRelations(ctx, "project", project);
        UUID projectId = project.id();
        List<Filter> descriptorFilters = new ArrayList<>();
        descriptorFilters.add(Filter.eq("project_id", projectId));
        if (!ctx.caller().isAdmin()) {
            String role = ctx.access().projectRole(projectId);
            if ("client".equals(role)) {
                descriptorFilters.add(Filter.eq("for_client", true));
            } else if ("vendor".equals(role)) {
                List<UUID> departments = new ArrayList<>(ctx.caller().departmentIds());
                descriptorFilters.add(new Filter.Or(List.of(
                        new Filter.Not(Filter.sub("id", "department_metadata_descriptor_link",
                                "metadata_descriptor_id")),
                        Filter.sub("id", "department_metadata_descriptor_link", "metadata_descriptor_id",
                                Filter.in("department_id", departments)))));
            }
        }
        List<Map<String, Object>> descriptors = new ArrayList<>();
        for (Row d : ctx.tx().select("metadata_descriptor", descriptorFilters)) {
            descriptors.add(MetadataService.compactDescriptor(ctx, crud.jsonForm(), d));
        }
        json.put("descriptors", descriptors);
        Map<String, Object> priorities = new LinkedHashMap<>();
        for (Row l : ctx.tx().select("project_task_type_link", List.of(Filter.eq("project_id", projectId)))) {
            priorities.put(l.get("task_type_id").toString(), l.get("priority"));
        }
        json.put("task_types_priority", priorities);
        Map<String, Object> statusLinks = new LinkedHashMap<>();
        for (Row l : ctx.tx().select("project_task_status_link", List.of(Filter.eq("project_id", projectId)))) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("priority", l.get("priority"));
            v.put("roles_for_board", json(l.get("roles_for_board")));
            statusLinks.put(l.get("task_status_id").toString(), v);
        }
        json.put("task_statuses_link", statusLinks);
        if ("tvshow".equals(project.get("production_type"))) {
            Row episode = firstEpisode(ctx, projectId);
            if (episode != null) {
                json.put("first_episode_id", episode.id().toString());
            }
        }
        return json;
    }

    private static Row firstEpisode(HookContext ctx, UUID projectId) throws SQLException {
        Filter episodeType = Filter.sub("entity_type_id", "entity_type", "id", Filter.eq("name", "Episode"));
        List<Row> running = ctx.tx().select("entity", List.of(Filter.eq("project_id", projectId), episodeType,
                Filter.eq("status", "running")), List.of(Tx.Order.asc("name")), 1, 0);
        if (!running.isEmpty()) {
            return running.get(0);
        }
        List<Row> any = ctx.tx().select("entity", List.of(Filter.eq("project_id", projectId), episodeType),
                List.of(Tx.Order.asc("name")), 1, 0);
        return any.isEmpty() ? null : any.get(0);
    }

    /**
     * {@code GET /data/projects/all}: admins get every project with {@code project_status_name} and its Project
     * descriptors; others the projects whose team they are in. With {@code name}: a one-element list (404 when none).
     */
    public List<Map<String, Object>> allProjects(Caller caller, String name) {
        return read(caller, ctx -> {
            List<Filter> filters = new ArrayList<>();
            if (!ctx.caller().isAdmin()) {
                filters.add(myProjects(ctx));
            }
            if (name != null) {
                filters.add(ctx.caller().isAdmin() ? new Filter.ILike("name", name) : Filter.eq("name", name));
                List<Row> found = ctx.tx().select("project", filters, List.of(Tx.Order.asc("name")), 0, 0);
                if (found.isEmpty()) {
                    throw ZouException.notFound();
                }
                return List.of(one(ctx, "project", found.get(0)));
            }
            List<Row> projects = ctx.tx().select("project", filters, List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row p : projects) {
                Map<String, Object> json = one(ctx, "project", p);
                if (ctx.caller().isAdmin()) {
                    Row status = ctx.access().row("project_status", (UUID) p.get("project_status_id"));
                    json.put("project_status_name", status == null ? null : status.get("name"));
                    List<Map<String, Object>> descriptors = new ArrayList<>();
                    for (Row d : ctx.tx().select("metadata_descriptor", List.of(Filter.eq("project_id", p.id()),
                            Filter.eq("entity_type", "Project")))) {
                        descriptors.add(MetadataService.compactDescriptor(ctx, crud.jsonForm(), d));
                    }
                    json.put("descriptors", descriptors);
                }
                out.add(json);
            }
            return out;
        });
    }

    // ---- team ------------------------------------------------------------------------------------------------------

    /** {@code GET /data/projects/<id>/team}: the team with each person's {@code project_role} (TEAM). */
    public List<Map<String, Object>> team(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireTeam(ctx, projectId);
            boolean manager = ctx.caller().isAdmin() || ctx.caller().hasRole("manager");
            List<Row> links = ctx.tx().select("project_person_link", List.of(Filter.eq("project_id", projectId)));
            Map<UUID, String> roles = new LinkedHashMap<>();
            for (Row l : links) {
                roles.put((UUID) l.get("person_id"), (String) l.get("role"));
            }
            List<Row> persons = ctx.tx().select("person", List.of(Filter.in("id", new ArrayList<>(roles.keySet()))));
            List<Map<String, Object>> out = crud.serialize(ctx, model("person"), persons, manager,
                    manager ? ModelHooks.View.GET : ModelHooks.View.LIST);
            for (Map<String, Object> p : out) {
                p.put("project_role", roles.get(UUID.fromString((String) p.get("id"))));
            }
            return out;
        });
    }

    /** {@code POST /data/projects/<id>/team}: adds a person (optionally with a project role); answers the project. */
    public Map<String, Object> addTeamMember(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String personText = requiredText(body, "person_id");
        String role = projectRole(body);
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            Row project = requireManager(ctx, projectId);
            Row person = requireRef(ctx, "person", "Person", personText);
            if (!ctx.tx().exists("project_person_link", key("project_id", projectId, "person_id", person.id()))) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("project_id", projectId);
                link.put("person_id", person.id());
                link.put("role", role);
                ctx.tx().insert("project_person_link", link);
            } else if (role != null) {
                ctx.tx().update("project_person_link", Map.of("role", role),
                        key("project_id", projectId, "person_id", person.id()));
            }
            return saveProject(ctx, project);
        });
    }

    private static String projectRole(Map<String, Object> body) {
        Object v = body.get("role");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || !PROJECT_ROLES.contains(s)) {
            throw validation("role", "Input should be 'user', 'supervisor', 'manager', 'client' or 'vendor'");
        }
        return s;
    }

    /**
     * {@code PUT /data/projects/<id>/team/<person_id>}: sets (or with null clears) the member's project role;
     * answers {@code {project_id, person_id, role}}.
     */
    public Map<String, Object> updateTeamMemberRole(Caller caller, String projectIdText, String personIdText,
                                                    Map<String, Object> rawBody) {
        String role = projectRole(BodyFields.of(rawBody));
        UUID projectId = projectId(projectIdText);
        UUID personId = idOrNull(personIdText);
        return write(caller, ctx -> {
            requireManager(ctx, projectId);
            List<Filter> key = key("project_id", projectId, "person_id", personId == null ? new UUID(0, 0) : personId);
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("role", role);
            if (personId == null || ctx.tx().update("project_person_link", changes, key) == 0) {
                throw ZouException.wrongParameter("Person is not a member of the project team");
            }
            ctx.events().emit("project:update", Map.of(), projectId);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("project_id", projectId.toString());
            out.put("person_id", personId.toString());
            out.put("role", role);
            return out;
        });
    }

    /** {@code DELETE /data/projects/<id>/team/<person_id>}: removes the member (204 even when absent). */
    public void removeTeamMember(Caller caller, String projectIdText, String personIdText) {
        removeLink(caller, projectIdText, "project_person_link", "person_id", personIdText);
    }

    // ---- settings --------------------------------------------------------------------------------------------------

    /** {@code POST /data/projects/<id>/settings/asset-types}: answers the project (201). */
    public Map<String, Object> addAssetType(Caller caller, String projectIdText, Map<String, Object> body) {
        return addLink(caller, projectIdText, body, "asset_type_id", "entity_type", "EntityType",
                "project_asset_type_link");
    }

    public void removeAssetType(Caller caller, String projectIdText, String assetTypeId) {
        removeLink(caller, projectIdText, "project_asset_type_link", "asset_type_id", assetTypeId);
    }

    /** {@code POST /data/projects/<id>/settings/task-types}: links a task type with its priority (201, project). */
    public Map<String, Object> addTaskType(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String taskTypeText = requiredText(body, "task_type_id");
        Integer priority = optionalInt(body, "priority");
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            Row project = requireManager(ctx, projectId);
            if (idOrNull(taskTypeText) == null) {
                throw ZouException.wrongParameter("task_type_id is required and must be a valid UUID");
            }
            Row taskType = requireRef(ctx, "task_type", "TaskType", taskTypeText);
            if (!ctx.tx().exists("project_task_type_link", key("project_id", projectId, "task_type_id",
                    taskType.id()))) {
                insertTaskTypeLink(ctx, projectId, taskType.id(), priority);
            }
            return saveProject(ctx, project);
        });
    }

    private static void insertTaskTypeLink(HookContext ctx, UUID projectId, UUID taskTypeId, Integer priority)
            throws SQLException {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", UUID.randomUUID());
        link.put("created_at", ctx.now());
        link.put("updated_at", ctx.now());
        link.put("project_id", projectId);
        link.put("task_type_id", taskTypeId);
        link.put("priority", priority);
        ctx.tx().insert("project_task_type_link", link);
    }

    private void insertTaskStatusLink(HookContext ctx, UUID projectId, UUID statusId) throws SQLException {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", UUID.randomUUID());
        link.put("created_at", ctx.now());
        link.put("updated_at", ctx.now());
        link.put("project_id", projectId);
        link.put("task_status_id", statusId);
        link.put("roles_for_board", crud.values().fromJson(
                model("project_task_status_link").table().column("roles_for_board"), DEFAULT_BOARD_ROLES));
        ctx.tx().insert("project_task_status_link", link);
    }

    private static final List<String> DEFAULT_BOARD_ROLES = List.of("user", "admin", "supervisor", "manager", "vendor");

    public void removeTaskType(Caller caller, String projectIdText, String taskTypeId) {
        removeLink(caller, projectIdText, "project_task_type_link", "task_type_id", taskTypeId);
    }

    /** {@code GET /data/projects/<id>/settings/task-status}: the project's task statuses (TEAM). */
    public List<Map<String, Object>> taskStatuses(Caller caller, String projectIdText) {
        return linkedRows(caller, projectIdText, "task_status", "project_task_status_link", "task_status_id", false);
    }

    public Map<String, Object> addTaskStatus(Caller caller, String projectIdText, Map<String, Object> body) {
        return addLink(caller, projectIdText, body, "task_status_id", "task_status", "TaskStatus",
                "project_task_status_link");
    }

    public void removeTaskStatus(Caller caller, String projectIdText, String statusId) {
        removeLink(caller, projectIdText, "project_task_status_link", "task_status_id", statusId);
    }

    /** {@code GET /data/projects/<id>/settings/status-automations} (MGR). */
    public List<Map<String, Object>> statusAutomations(Caller caller, String projectIdText) {
        return linkedRows(caller, projectIdText, "status_automation", "project_status_automation_link",
                "status_automation_id", true);
    }

    public Map<String, Object> addStatusAutomation(Caller caller, String projectIdText, Map<String, Object> body) {
        return addLink(caller, projectIdText, body, "status_automation_id", "status_automation", "StatusAutomation",
                "project_status_automation_link");
    }

    public void removeStatusAutomation(Caller caller, String projectIdText, String id) {
        removeLink(caller, projectIdText, "project_status_automation_link", "status_automation_id", id);
    }

    /** {@code GET /data/projects/<id>/settings/preview-background-files} (TEAM). */
    public List<Map<String, Object>> previewBackgroundFiles(Caller caller, String projectIdText) {
        return linkedRows(caller, projectIdText, "preview_background_file", "project_preview_background_file_link",
                "preview_background_file_id", false);
    }

    public Map<String, Object> addPreviewBackgroundFile(Caller caller, String projectIdText,
                                                        Map<String, Object> body) {
        return addLink(caller, projectIdText, body, "preview_background_file_id", "preview_background_file",
                "PreviewBackgroundFile", "project_preview_background_file_link");
    }

    public void removePreviewBackgroundFile(Caller caller, String projectIdText, String id) {
        removeLink(caller, projectIdText, "project_preview_background_file_link", "preview_background_file_id", id);
    }

    /**
     * {@code POST /data/projects/<id>/settings/batch}: adds task types (with priorities), task statuses and asset
     * types in one go, skipping unknown ids; {@code replace_task_types} also unlinks task types absent from the list.
     * Answers the project and emits one {@code project:update}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> settingsBatch(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        Map<String, Integer> wantedTypes = new LinkedHashMap<>();
        Object types = body.get("task_types");
        if (types != null && !(types instanceof List<?>)) {
            throw validation("task_types", "Input should be a valid list");
        }
        if (types != null) {
            for (Object entry : (List<Object>) types) {
                if (!(entry instanceof Map<?, ?> m)) {
                    throw validation("task_types", "Input should be a valid dictionary");
                }
                Map<String, Object> e = (Map<String, Object>) m;
                wantedTypes.put(requiredText(e, "task_type_id"), optionalInt(e, "priority"));
            }
        }
        List<String> statusIds = textList(body, "task_status_ids", false);
        List<String> assetTypeIds = textList(body, "asset_type_ids", false);
        boolean replace = Boolean.TRUE.equals(optionalBool(body, "replace_task_types", false));
        UUID projectId = projectId(projectIdText);
        return write(caller, ctx -> {
            Row project = requireManager(ctx, projectId);
            Tx tx = ctx.tx();
            Map<String, Row> existing = new LinkedHashMap<>();
            for (Row l : tx.select("project_task_type_link", List.of(Filter.eq("project_id", projectId)))) {
                existing.put(l.get("task_type_id").toString(), l);
            }
            Set<String> wantedIds = new HashSet<>();
            for (Map.Entry<String, Integer> e : wantedTypes.entrySet()) {
                UUID id = idOrNull(e.getKey());
                if (id == null) {
                    continue;
                }
                wantedIds.add(id.toString());
                Row link = existing.get(id.toString());
                if (link == null) {
                    if (tx.byId("task_type", id) != null) {
                        insertTaskTypeLink(ctx, projectId, id, e.getValue());
                        existing.put(id.toString(), null);
                    }
                } else if (e.getValue() != null && !e.getValue().equals(link.get("priority"))) {
                    tx.updateById("project_task_type_link", link.id(), Map.of("priority", e.getValue(),
                            "updated_at", ctx.now()));
                }
            }
            if (replace) {
                for (String id : existing.keySet()) {
                    if (!wantedIds.contains(id)) {
                        tx.delete("project_task_type_link", key("project_id", projectId, "task_type_id",
                                UUID.fromString(id)));
                    }
                }
            }
            for (String s : statusIds) {
                UUID id = idOrNull(s);
                if (id != null && tx.byId("task_status", id) != null && !tx.exists("project_task_status_link",
                        key("project_id", projectId, "task_status_id", id))) {
                    insertTaskStatusLink(ctx, projectId, id);
                }
            }
            for (String s : assetTypeIds) {
                UUID id = idOrNull(s);
                if (id != null && tx.byId("entity_type", id) != null && !tx.exists("project_asset_type_link",
                        key("project_id", projectId, "asset_type_id", id))) {
                    tx.insert("project_asset_type_link", Map.of("project_id", projectId, "asset_type_id", id));
                }
            }
            return saveProject(ctx, project);
        });
    }

    // ---- shared link handling --------------------------------------------------------------------------------------

    private Map<String, Object> addLink(Caller caller, String projectIdText, Map<String, Object> rawBody,
                                        String bodyKey, String table, String modelName, String linkTable) {
        String refText = requiredText(BodyFields.of(rawBody), bodyKey);
        UUID projectId = projectId(projectIdText);
        String linkColumn = bodyKey.equals("asset_type_id") ? "asset_type_id" : bodyKey;
        return write(caller, ctx -> {
            Row project = requireManager(ctx, projectId);
            Row ref = requireRef(ctx, table, modelName, refText);
            if (ctx.tx().exists(linkTable, key("project_id", projectId, linkColumn, ref.id()))) {
                return one(ctx, "project", project); // already linked: no save, no event (Zou)
            }
            if (linkTable.equals("project_task_status_link")) {
                insertTaskStatusLink(ctx, projectId, ref.id());
            } else {
                ctx.tx().insert(linkTable, Map.of("project_id", projectId, linkColumn, ref.id()));
            }
            return saveProject(ctx, project);
        });
    }

    private void removeLink(Caller caller, String projectIdText, String linkTable, String linkColumn,
                            String refText) {
        UUID projectId = projectId(projectIdText);
        UUID refId = idOrNull(refText);
        write(caller, ctx -> {
            Row project = requireManager(ctx, projectId);
            if (refId != null) {
                ctx.tx().delete(linkTable, key("project_id", projectId, linkColumn, refId));
            }
            saveProject(ctx, project);
            return null;
        });
    }

    private List<Map<String, Object>> linkedRows(Caller caller, String projectIdText, String table,
                                                 String linkTable, String linkColumn, boolean managerOnly) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            if (managerOnly) {
                requireManager(ctx, projectId);
            } else {
                requireTeam(ctx, projectId);
            }
            List<Row> rows = ctx.tx().select(table, List.of(Filter.sub("id", linkTable, linkColumn,
                    Filter.eq("project_id", projectId))));
            return many(ctx, table, rows, false);
        });
    }

    /** Zou's {@code _save_project}: bumps {@code updated_at}, emits {@code project:update}, answers the project. */
    Map<String, Object> saveProject(HookContext ctx, Row project) throws SQLException {
        ctx.tx().updateById("project", project.id(), Map.of("updated_at", ctx.now()));
        ctx.events().emit("project:update", Map.of(), project.id());
        return one(ctx, "project", ctx.tx().byId("project", project.id()));
    }

    static boolean validRole(String role) {
        return Choices.ROLES.contains(role);
    }
}
