package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.TaskChecks;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.hooks.Cascades;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code tasks} blueprint actions: creating the tasks of a task type for a project's entities, deleting tasks,
 * to-review, main previews, priorities, and the preview revisions of a comment.
 */
public final class TaskActions {
    private final TaskSupport s;

    TaskActions(TaskSupport s) {
        this.s = s;
    }

    // ---- create / delete tasks -------------------------------------------------------------------------------------

    /**
     * {@code POST /actions/projects/<project_id>/task-types/<task_type_id>/<kind>/create-tasks} and
     * {@code .../create-tasks/<entity_type>}: one task of the type (status: the default one, named {@code main}) for
     * each listed entity of the project, or each entity of the kind in the project when none is listed
     * ({@code episode_id} narrows); entities that already have one are skipped. Managers (concepts: team members
     * except vendors and clients). Answers the tasks created, {@code task:new} each.
     *
     * @param kind {@code asset}, {@code shot}, {@code edit}, {@code concept}, or an entity type name
     *             ({@code episode}, {@code sequence}...)
     * @param ids  the entity ids of the body, or null for every entity of the kind
     */
    public List<Map<String, Object>> createTasks(Caller caller, String projectIdText, String taskTypeIdText,
                                                 String kind, List<String> ids, String episodeIdText) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        UUID taskTypeId = TaskSupport.pathId(taskTypeIdText);
        List<UUID> entityIds = ids == null ? null : idList(ids, "Request body must only contain valid UUIDs.");
        UUID episodeId = episodeIdText == null || episodeIdText.isEmpty() ? null : Values.tryParseId(episodeIdText);
        if (episodeIdText != null && !episodeIdText.isEmpty() && episodeId == null) {
            throw ZouException.wrongParameter("Invalid UUID value for episode_id: " + episodeIdText);
        }
        return s.write(caller, ctx -> {
            TaskSupport.require(ctx, "project", projectId);
            boolean concept = "concept".equals(kind);
            if (concept) {
                var a = ctx.access();
                String role = a.isAdmin() ? "admin" : a.projectRole(projectId);
                if (!a.isAdmin() && (!a.inTeam(projectId) || "vendor".equals(role) || "client".equals(role))) {
                    throw ZouException.forbidden();
                }
            } else {
                CommentActions.requireManager(ctx, projectId);
            }
            Row taskType = TaskSupport.require(ctx, "task_type", taskTypeId);
            Filter typeFilter = entityTypeFilter(ctx, kind);
            List<Row> entities = new ArrayList<>();
            if (entityIds != null && !entityIds.isEmpty()) {
                for (UUID id : entityIds) {
                    Row e = ctx.tx().byId("entity", id);
                    if (e == null) {
                        throw ZouException.notFound("Entity " + id + " not found.");
                    }
                    if (projectId.equals(e.get("project_id"))) {
                        entities.add(e);
                    }
                }
            } else {
                List<Filter> filters = new ArrayList<>(List.of(Filter.eq("project_id", projectId), typeFilter));
                if (episodeId != null) {
                    filters.add(episodeFilter(kind, episodeId));
                }
                entities = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")),
                        0, 0);
            }
            if (concept) {
                for (Row e : entities) {
                    ctx.requireReadable("entity", e.id());
                }
            }
            if (entities.isEmpty()) {
                return List.<Map<String, Object>>of();
            }
            Set<UUID> existing = new HashSet<>();
            List<UUID> all = entities.stream().map(Row::id).toList();
            for (int i = 0; i < all.size(); i += 500) {
                for (Object o : ctx.tx().column("task", "entity_id", List.of(Filter.eq("task_type_id", taskTypeId),
                        Filter.in("entity_id", all.subList(i, Math.min(all.size(), i + 500)))))) {
                    existing.add((UUID) o);
                }
            }
            Row conceptType = first(ctx.tx().select("entity_type", List.of(Filter.eq("name", "Concept"))));
            boolean forConcept = conceptType != null
                    && conceptType.id().equals(entities.get(0).get("entity_type_id"));
            Row status = defaultStatus(ctx, forConcept);
            List<Row> created = new ArrayList<>();
            for (Row e : entities) {
                if (!existing.add(e.id())) {
                    continue;
                }
                created.add(insertMainTask(ctx, e, taskTypeId, status.id(), caller.personId()));
            }
            List<Map<String, Object>> json = s.many(ctx, "task", created, false);
            for (Map<String, Object> m : json) {
                m.put("assignees", List.of());
                m.put("task_status_id", status.id().toString());
                m.put("task_status_name", status.get("name"));
                m.put("task_status_short_name", status.get("short_name"));
                m.put("task_status_color", status.get("color"));
                m.put("task_type_id", taskTypeId.toString());
                m.put("task_type_name", taskType.get("name"));
                m.put("task_type_color", taskType.get("color"));
                m.put("task_type_priority", taskType.get("priority"));
            }
            return json;
        });
    }

    private static Row first(List<Row> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The entities of a kind: assets are every non-temporal type; otherwise the type named (404 when none). */
    private static Filter entityTypeFilter(HookContext ctx, String kind) throws SQLException {
        if ("asset".equals(kind)) {
            return Filter.sub("entity_type_id", "entity_type", "id",
                    Filter.not(Filter.in("name", List.copyOf(Choices.TEMPORAL_ENTITY_TYPES))));
        }
        String name = kind.isEmpty() ? kind : Character.toUpperCase(kind.charAt(0))
                + kind.substring(1).toLowerCase(Locale.ROOT);
        Row type = first(ctx.tx().select("entity_type", List.of(Filter.eq("name", name))));
        if (type == null) {
            throw ZouException.notFound("Entity type " + name + " not found.");
        }
        return Filter.eq("entity_type_id", type.id());
    }

    /** {@code episode_id}: shots of its sequences, assets from it, anything else whose parent it is. */
    private static Filter episodeFilter(String kind, UUID episodeId) {
        if ("shot".equals(kind)) {
            return Filter.sub("parent_id", "entity", "id", Filter.eq("parent_id", episodeId));
        }
        if ("asset".equals(kind)) {
            return Filter.eq("source_id", episodeId);
        }
        return Filter.eq("parent_id", episodeId);
    }

    /** {@code get_default_status}: the default status (for concepts or not), created as Zou does when missing. */
    static Row defaultStatus(HookContext ctx, boolean forConcept) throws SQLException {
        Row found = first(ctx.tx().select("task_status", List.of(Filter.eq("is_default", true),
                Filter.eq("for_concept", forConcept))));
        if (found != null) {
            return found;
        }
        return forConcept ? createStatus(ctx, "Neutral", "neutral", "#CCCCCC", true, true)
                : createStatus(ctx, "Todo", "todo", "#f5f5f5", true, false);
    }

    private static Row createStatus(HookContext ctx, String name, String shortName, String color, boolean isDefault,
                                    boolean forConcept) throws SQLException {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", name);
        row.put("short_name", shortName);
        row.put("color", color);
        row.put("is_default", isDefault);
        row.put("for_concept", forConcept);
        ctx.tx().insert("task_status", row);
        return ctx.tx().byId("task_status", id);
    }

    private static List<UUID> idList(List<String> ids, String message) {
        List<UUID> out = new ArrayList<>();
        for (String text : ids) {
            UUID id = text == null ? null : Values.tryParseId(text);
            if (id == null) {
                throw ZouException.wrongParameter(message);
            }
            out.add(id);
        }
        return out;
    }

    /**
     * {@code POST /actions/projects/<project_id>/delete-tasks} with a list of task ids: managers; the project's tasks
     * among them are removed with everything hanging off them ({@code task:delete} each); answers the ids given.
     */
    public List<String> deleteTasks(Caller caller, String projectIdText, List<String> taskIds) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        List<UUID> ids = idList(taskIds, "Request body must only contain valid UUIDs.");
        return s.write(caller, ctx -> {
            CommentActions.requireManager(ctx, projectId);
            List<Row> tasks = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += 500) {
                tasks.addAll(ctx.tx().select("task", List.of(Filter.eq("project_id", projectId),
                        Filter.in("id", ids.subList(i, Math.min(ids.size(), i + 500))))));
            }
            removeTasks(ctx, tasks);
            return taskIds;
        });
    }

    /**
     * {@code DELETE /actions/projects/<project_id>/task-types/<task_type_id>/delete-tasks}: admins; every task of the
     * type in the project goes (204).
     */
    public void deleteTasksOfType(Caller caller, String projectIdText, String taskTypeIdText) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        UUID taskTypeId = TaskSupport.pathId(taskTypeIdText);
        s.write(caller, ctx -> {
            CommentActions.requireAdmin(ctx);
            TaskSupport.require(ctx, "project", projectId);
            removeTasks(ctx, ctx.tx().select("task", List.of(Filter.eq("project_id", projectId),
                    Filter.eq("task_type_id", taskTypeId))));
            return null;
        });
    }

    private static void removeTasks(HookContext ctx, List<Row> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        List<Object> ids = new ArrayList<>();
        for (Row t : tasks) {
            ids.add(t.id());
        }
        for (int i = 0; i < ids.size(); i += 500) {
            Cascades.deleteTasks(ctx.tx(), ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        for (Row t : tasks) {
            ctx.events().emit("task:delete", TaskSupport.data("task_id", t.id(), "entity_id", t.get("entity_id"),
                    "task_type_id", t.get("task_type_id")), (UUID) t.get("project_id"));
        }
    }

    // ---- to-review, priority, main preview -------------------------------------------------------------------------

    /**
     * {@code PUT /actions/tasks/<task_id>/to-review} (deprecated in Zou): the task goes to the to-review status
     * ({@code change_status}, default true), {@code task:to-review}; answers the task with its project, entity,
     * entity type, person, comment and preview path.
     */
    public Map<String, Object> toReview(Caller caller, String taskIdText, Map<String, Object> body) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        Object personRaw = body.get("person_id");
        String comment = body.get("comment") == null ? "" : body.get("comment").toString();
        Object change = body.get("change_status");
        boolean changeStatus = change == null || Boolean.TRUE.equals(change)
                || "true".equalsIgnoreCase(change.toString());
        return s.write(caller, ctx -> {
            Row task = ctx.tx().lockById("task", taskId);
            if (task == null) {
                throw ZouException.notFound();
            }
            s.checkTaskRead(ctx, task);
            Row person;
            if (personRaw != null) {
                UUID pid = Values.tryParseId(personRaw.toString());
                person = pid == null ? null : ctx.tx().byId("person", pid);
                if (person == null) {
                    throw new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, "Cannot find given person.",
                            Map.of("error", true, "message", "Cannot find given person."));
                }
            } else {
                person = caller.personId() == null ? null : ctx.tx().byId("person", caller.personId());
            }
            UUID previous = (UUID) task.get("task_status_id");
            if (changeStatus) {
                Row status = first(ctx.tx().select("task_status", List.of(Filter.eq("name", "To review"),
                        Filter.eq("for_concept", false))));
                if (status == null) {
                    status = first(ctx.tx().select("task_status", List.of(Filter.eq("short_name", "pndng"),
                            Filter.eq("for_concept", false))));
                }
                if (status == null) {
                    status = createStatus(ctx, "To review", "pndng", "#f5f5f5", false, false);
                }
                ctx.tx().updateById("task", taskId, Map.of("task_status_id", status.id(), "updated_at", ctx.now()));
                ctx.events().emit("task:update", TaskSupport.data("task_id", taskId), (UUID) task.get("project_id"));
            }
            Row after = ctx.tx().byId("task", taskId);
            Row project = ctx.tx().byId("project", (UUID) task.get("project_id"));
            Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
            Row entityType = entity == null ? null : ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
            Map<String, Object> previewPath = new LinkedHashMap<>();
            previewPath.put("folder_path", "");
            previewPath.put("file_name", "");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("task_id", taskId.toString());
            data.put("task_shotgun_id", task.get("shotgun_id"));
            data.put("entity_type_name", entityType == null ? null : entityType.get("name"));
            data.put("previous_task_status_id", previous == null ? null : previous.toString());
            data.put("entity_shotgun_id", entity == null ? null : entity.get("shotgun_id"));
            data.put("project_shotgun_id", project == null ? null : project.get("shotgun_id"));
            data.put("person_shotgun_id", person == null ? null : person.get("shotgun_id"));
            data.put("comment", comment);
            data.put("preview_path", previewPath);
            data.put("change_status", changeStatus);
            ctx.events().emit("task:to-review", data, (UUID) task.get("project_id"));
            Map<String, Object> answer = s.one(ctx, "task", after, false);
            answer.put("project", project == null ? null : s.one(ctx, "project", project, false));
            answer.put("entity", entity == null ? null : s.one(ctx, "entity", entity, false));
            answer.put("entity_type", entityType == null ? null : s.one(ctx, "entity_type", entityType, false));
            answer.put("person", person == null ? null : s.one(ctx, "person", person, false));
            answer.put("comment", comment);
            answer.put("preview_path", previewPath);
            return answer;
        });
    }

    /**
     * {@code PUT /actions/tasks/set-priority} with {@code task_ids} and {@code priority} (0 or more): the tasks the
     * caller supervises get it ({@code task:update}); others and unknown ids are skipped. Answers the tasks updated.
     */
    public List<Map<String, Object>> setPriority(Caller caller, List<String> taskIds, Object priorityRaw) {
        if (taskIds == null || taskIds.isEmpty()) {
            throw ZouException.wrongParameter("Tasks list required.");
        }
        int priority;
        try {
            priority = priorityRaw instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue())
                    ? n.intValue() : Integer.parseInt(String.valueOf(priorityRaw).trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter("Priority to set is required (an integer, 0 or more).");
        }
        if (priority < 0) {
            throw ZouException.wrongParameter("Priority to set must be 0 or more.");
        }
        return s.write(caller, ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String text : taskIds) {
                UUID id = text == null ? null : Values.tryParseId(text);
                Row task = id == null ? null : ctx.tx().lockById("task", id);
                if (task == null || !TaskChecks.supervises(ctx.access(), (UUID) task.get("project_id"),
                        (UUID) task.get("task_type_id"))) {
                    continue;
                }
                ctx.tx().updateById("task", id, Map.of("priority", priority, "updated_at", ctx.now()));
                ctx.events().emit("task:update", TaskSupport.data("task_id", id), (UUID) task.get("project_id"));
                out.add(s.one(ctx, "task", ctx.tx().byId("task", id), false));
            }
            return out;
        });
    }

    /**
     * {@code PUT /actions/tasks/<task_id>/set-main-preview}: the task's last preview becomes its entity's main
     * preview ({@code preview-file:set-main}, {@code <kind>:update}); clients refused; 400 without a preview.
     */
    public Map<String, Object> setMainPreview(Caller caller, String taskIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        return s.write(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            Map<String, Object> entity = mainPreview(ctx, task);
            if (entity == null) {
                throw ZouException.wrongParameter("This task has no preview file to set as the main preview.");
            }
            return entity;
        });
    }

    /** {@code PUT /actions/tasks/set-main-preview} with {@code task_ids}: answers the entities updated. */
    public List<Map<String, Object>> setMainPreviews(Caller caller, List<String> taskIds) {
        if (taskIds == null || taskIds.isEmpty()) {
            throw ZouException.wrongParameter("Tasks list required.");
        }
        return s.write(caller, ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String text : taskIds) {
                UUID id = Values.tryParseId(text);
                Row task = TaskSupport.require(ctx, "task", id);
                Map<String, Object> entity = mainPreview(ctx, task);
                if (entity != null) {
                    out.add(entity);
                }
            }
            return out;
        });
    }

    private Map<String, Object> mainPreview(HookContext ctx, Row task) throws SQLException {
        s.checkTaskRead(ctx, task);
        UUID projectId = (UUID) task.get("project_id");
        if (!ctx.access().isAdmin() && "client".equals(ctx.access().projectRole(projectId))) {
            throw ZouException.forbidden();
        }
        Row preview = first(ctx.tx().select("preview_file", List.of(Filter.eq("task_id", task.id())),
                List.of(Tx.Order.desc("revision"), Tx.Order.asc("created_at")), 1, 0));
        if (preview == null) {
            return null;
        }
        UUID entityId = (UUID) task.get("entity_id");
        ctx.tx().updateById("entity", entityId, Map.of("preview_file_id", preview.id(), "updated_at", ctx.now()));
        ctx.events().emit("preview-file:set-main", TaskSupport.data("entity_id", entityId, "preview_file_id",
                preview.id()), projectId);
        Row entity = ctx.tx().byId("entity", entityId);
        Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        String kind = type != null && Choices.TEMPORAL_ENTITY_TYPES.contains(String.valueOf(type.get("name")))
                ? String.valueOf(type.get("name")).toLowerCase(Locale.ROOT) : "asset";
        ctx.events().emit(kind + ":update", TaskSupport.data(kind + "_id", entityId), projectId);
        return s.one(ctx, "entity", entity, false);
    }

    // ---- previews of a comment -------------------------------------------------------------------------------------

    /**
     * {@code POST /actions/tasks/<task_id>/comments/<comment_id>/add-preview} ({@code add_preview_file_to_comment}):
     * a preview-file row (status {@code processing}) in the comment's revision, or the next revision of the task, or
     * {@code revision} when given (400 when taken); {@code preview-file:new}, {@code comment:update}; the comment's
     * news points at it. The picture itself is uploaded with {@code POST /pictures/preview-files/<id>}.
     */
    public Map<String, Object> addPreview(Caller caller, String taskIdText, String commentIdText, Object revisionRaw) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        Integer revision = null;
        if (revisionRaw != null) {
            try {
                revision = revisionRaw instanceof Number n ? n.intValue() : Integer.parseInt(revisionRaw.toString());
            } catch (NumberFormatException e) {
                throw ZouException.wrongParameter("revision must be an integer, 0 or more.");
            }
            if (revision < 0) {
                throw ZouException.wrongParameter("revision must be an integer, 0 or more.");
            }
        }
        Integer asked = revision;
        return s.write(caller, ctx -> addPreview(ctx, taskId, commentId, asked, false, ctx.caller().personId()));
    }

    /**
     * Zou's {@code add_preview_file_to_comment} for a comment of {@code taskId} made by a batch of comments: a preview
     * of the comment's author in the comment's revision (or the task's next one). The one way previews join comments.
     *
     * @return the new preview file's id
     */
    public UUID addPreviewToComment(Caller caller, UUID taskId, UUID commentId) {
        return s.write(caller, ctx -> {
            Row comment = TaskSupport.require(ctx, "comment", commentId);
            UUID author = comment.get("person_id") == null ? ctx.caller().personId()
                    : (UUID) comment.get("person_id");
            Map<String, Object> preview = addPreview(ctx, taskId, commentId, null, false, author);
            return UUID.fromString(preview.get("id").toString());
        });
    }

    /**
     * {@code POST /actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>}: another preview
     * in the revision of the given preview file.
     */
    public Map<String, Object> addExtraPreview(Caller caller, String taskIdText, String commentIdText,
                                               String previewIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        UUID previewId = TaskSupport.pathId(previewIdText);
        return s.write(caller, ctx -> {
            if (!TaskChecks.taskAction(ctx.access(), taskId)) {
                throw ZouException.forbidden();
            }
            TaskSupport.require(ctx, "comment", commentId);
            Row related = TaskSupport.require(ctx, "preview_file", previewId);
            Object rev = related.get("revision");
            return addPreview(ctx, taskId, commentId, rev == null ? null : ((Number) rev).intValue(), true,
                    ctx.caller().personId());
        });
    }

    private Map<String, Object> addPreview(HookContext ctx, UUID taskId, UUID commentId, Integer revisionAsked,
                                           boolean extra, UUID personId) throws SQLException {
        Row taskRow = ctx.tx().lockById("task", taskId);
        if (taskRow == null) {
            throw ZouException.notFound();
        }
        if (!TaskChecks.taskAction(ctx.access(), taskId)) {
            throw ZouException.forbidden();
        }
        Row comment = ctx.tx().lockById("comment", commentId);
        if (comment == null) {
            throw ZouException.notFound("Comment not found.");
        }
        if (!taskId.equals(comment.get("object_id"))) {
            throw ZouException.wrongParameter("Comment does not belong to the given task.");
        }
        UUID projectId = (UUID) taskRow.get("project_id");
        List<Row> previews = ctx.tx().select("preview_file", List.of(Filter.sub("id", "comment_preview_link",
                "preview_file", Filter.eq("comment", commentId))), List.of(Tx.Order.asc("revision"),
                Tx.Order.asc("position")), 0, 0);
        int position = 1;
        int revision;
        if (revisionAsked == null && previews.isEmpty()) {
            Row last = first(ctx.tx().select("preview_file", List.of(Filter.eq("task_id", taskId)),
                    List.of(Tx.Order.desc("revision")), 1, 0));
            revision = last == null || last.get("revision") == null ? 1 : ((Number) last.get("revision")).intValue() + 1;
        } else if (revisionAsked == null) {
            revision = ((Number) previews.get(0).get("revision")).intValue();
            position = nextPosition(ctx, taskId, revision);
        } else {
            revision = revisionAsked;
            if (previews.isEmpty() && !extra && ctx.tx().exists("preview_file", List.of(Filter.eq("task_id", taskId),
                    Filter.eq("revision", revision), Filter.eq("position", 1)))) {
                throw ZouException.wrongParameter("Revision " + revision + " already exists for this task.");
            }
            position = nextPosition(ctx, taskId, revision);
        }
        if (position > 1) {
            Row project = ctx.tx().byId("project", projectId);
            if (project != null && project.table().has("is_single_preview_per_revision")
                    && Boolean.TRUE.equals(project.get("is_single_preview_per_revision"))) {
                throw ZouException.wrongParameter(
                        "Only one preview file is allowed per revision for this project.");
            }
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", id.toString().substring(0, 13));
        row.put("revision", revision);
        row.put("position", position);
        row.put("source", "webgui");
        row.put("extension", "mp4");
        row.put("status", "processing");
        row.put("task_id", taskId);
        row.put("person_id", personId);
        ctx.tx().insert("preview_file", row);
        ctx.events().emit("preview-file:new", TaskSupport.data("preview_file_id", id, "comment_id", commentId),
                projectId);
        ctx.tx().insertLinks("comment_preview_link", "comment", commentId, "preview_file", List.of(id));
        ctx.tx().updateById("comment", commentId, Map.of("updated_at", ctx.now()));
        Row news = first(ctx.tx().select("news", List.of(Filter.eq("comment_id", commentId))));
        if (news != null) {
            ctx.tx().updateById("news", news.id(), Map.of("preview_file_id", id, "updated_at", ctx.now()));
        }
        ctx.events().emit("comment:update", TaskSupport.data("comment_id", commentId), projectId);
        return s.one(ctx, "preview_file", ctx.tx().byId("preview_file", id), true);
    }

    private static int nextPosition(HookContext ctx, UUID taskId, int revision) throws SQLException {
        return (int) ctx.tx().count("preview_file", List.of(Filter.eq("task_id", taskId),
                Filter.eq("revision", revision))) + 1;
    }

    /**
     * {@code DELETE /actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>}: the preview file
     * goes ({@code preview-file:delete}), detached from entities, comments and news. Zou only checks project access;
     * here the preview must belong to the task and the caller may act on it.
     */
    public void removePreview(Caller caller, String taskIdText, String commentIdText, String previewIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        TaskSupport.pathId(commentIdText);
        UUID previewId = TaskSupport.pathId(previewIdText);
        s.write(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            Row preview = TaskSupport.require(ctx, "preview_file", previewId);
            if (!taskId.equals(preview.get("task_id")) || !TaskChecks.taskAction(ctx.access(), taskId)) {
                throw ZouException.forbidden();
            }
            var m = s.model("preview_file");
            m.hooks().beforeDelete(ctx, preview, true);
            ctx.tx().delete("comment_preview_link", List.of(Filter.eq("preview_file", previewId)));
            s.crud.delete(ctx, m, preview);
            return null;
        });
    }

    /**
     * Inserts an entity's "main" task of a task type as Zou creates it (zero duration/estimation/completion, the
     * given status and assigner) and emits {@code task:new}; answers the stored row.
     */
    static Row insertMainTask(HookContext ctx, Row entity, UUID taskTypeId, UUID statusId, UUID assignerId)
            throws SQLException {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", "main");
        row.put("duration", 0.0);
        row.put("estimation", 0.0);
        row.put("completion_rate", 0);
        row.put("project_id", entity.get("project_id"));
        row.put("task_type_id", taskTypeId);
        row.put("task_status_id", statusId);
        row.put("entity_id", entity.id());
        row.put("assigner_id", assignerId);
        ctx.tx().insert("task", row);
        ctx.events().emit("task:new", TaskSupport.data("task_id", id), (UUID) entity.get("project_id"));
        return ctx.tx().byId("task", id);
    }
}
