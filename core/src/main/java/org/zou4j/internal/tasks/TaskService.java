package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.TaskChecks;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code tasks} blueprint beyond commenting ({@code tasks_service}): assignments, the full task, task lists per
 * entity and person, time spents per task, date and person, a task's comments, and the open-tasks page.
 */
public final class TaskService {
    private final TaskSupport s;
    private final CommentService comments;
    private final CommentActions actions;
    private final NewsService news;
    private final TaskActions taskActions;
    private final TaskLists lists;

    public TaskService(CommentService comments) {
        this.comments = comments;
        this.s = comments.support();
        this.actions = new CommentActions(comments);
        this.news = new NewsService(s);
        this.taskActions = new TaskActions(s);
        this.lists = new TaskLists(s);
    }

    /** The tasks blueprint's create/delete/to-review/priority/preview actions. */
    public TaskActions taskActions() {
        return taskActions;
    }

    /** The tasks blueprint's project lists, previews and stats. */
    public TaskLists lists() {
        return lists;
    }

    /** The news blueprint's project feed. */
    public NewsService news() {
        return news;
    }

    /** The comments blueprint's attachment, move and comment-many actions. */
    public CommentActions actions() {
        return actions;
    }

    // ---- assignments -----------------------------------------------------------------------------------------------

    /** {@code check_task_department_access}: who may assign {@code personId} to the task. */
    private static boolean mayAssign(HookContext ctx, Row task, UUID personId) throws SQLException {
        var a = ctx.access();
        if (a.isAdmin()) {
            return true;
        }
        UUID project = (UUID) task.get("project_id");
        if (!a.inTeam(project)) {
            return false;
        }
        String role = a.projectRole(project);
        UUID department = a.taskTypeDepartment((UUID) task.get("task_type_id"));
        Set<UUID> mine = ctx.caller().departmentIds();
        if ("manager".equals(role)) {
            return true;
        }
        if ("supervisor".equals(role)) {
            if (mine.isEmpty()) {
                return true;
            }
            if (department != null && mine.contains(department)) {
                for (Object d : ctx.tx().column("department_link", "department_id",
                        List.of(Filter.eq("person_id", personId)))) {
                    if (mine.contains((UUID) d)) {
                        return true;
                    }
                }
            }
        }
        return department != null && mine.contains(department) && personId.equals(ctx.caller().personId());
    }

    private static Row assignee(HookContext ctx, UUID personId) throws SQLException {
        Row person = personId == null ? null : ctx.tx().byId("person", personId);
        if (person == null) {
            throw new ZouException(ErrorCode.WRONG_PARAMETER, 400, "Assignee doesn't exist in database.",
                    Map.of("error", "Assignee doesn't exist in database."));
        }
        return person;
    }

    /** Bots may only work on projects that enable bot collaboration (Zou's {@code check_person_is_not_bot}). */
    private static boolean botRefused(HookContext ctx, Row person, UUID projectId) throws SQLException {
        if (!Boolean.TRUE.equals(person.get("is_bot"))) {
            return false;
        }
        Row project = projectId == null ? null : ctx.tx().byId("project", projectId);
        return project == null || !project.table().has("is_bot_collaboration_enabled")
                || !Boolean.TRUE.equals(project.get("is_bot_collaboration_enabled"));
    }

    Map<String, Object> assignOne(HookContext ctx, Row task, Row person) throws SQLException {
        UUID taskId = task.id();
        UUID projectId = (UUID) task.get("project_id");
        if (!ctx.tx().exists("task_person_link", List.of(Filter.eq("task_id", taskId),
                Filter.eq("person_id", person.id())))) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("task_id", taskId);
            link.put("person_id", person.id());
            ctx.tx().insert("task_person_link", link);
        }
        UUID assigner = ctx.caller().personId();
        Map<String, Object> changes = new LinkedHashMap<>();
        if (assigner != null) {
            changes.put("assigner_id", assigner);
        }
        changes.put("updated_at", ctx.now());
        ctx.tx().updateById("task", taskId, changes);
        ctx.events().emit("task:assign", TaskSupport.data("task_id", taskId, "person_id", person.id()), projectId);
        ctx.events().emit("task:update", TaskSupport.data("task_id", taskId), projectId);
        Row updated = ctx.tx().byId("task", taskId);
        Notifications.forAssignation(ctx, updated, person.id(), (UUID) updated.get("assigner_id"));
        return s.one(ctx, "task", updated, true);
    }

    static void addTeamMember(HookContext ctx, UUID projectId, UUID personId) throws SQLException {
        if (!ctx.tx().exists("project_person_link", List.of(Filter.eq("project_id", projectId),
                Filter.eq("person_id", personId)))) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("project_id", projectId);
            link.put("person_id", personId);
            ctx.tx().insert("project_person_link", link);
        }
    }

    /** {@code PUT /actions/tasks/<task_id>/assign} with {@code person_id}. */
    public Map<String, Object> assign(Caller caller, String taskIdText, String personIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        if (personIdText == null || personIdText.isEmpty()) {
            throw ZouException.wrongParameter("Assignee ID required.");
        }
        UUID personId = Values.tryParseId(personIdText);
        return s.write(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            Row person = assignee(ctx, personId);
            if (botRefused(ctx, person, (UUID) task.get("project_id")) || !mayAssign(ctx, task, personId)) {
                throw ZouException.forbidden();
            }
            Map<String, Object> answer = assignOne(ctx, task, person);
            addTeamMember(ctx, (UUID) task.get("project_id"), personId);
            return answer;
        });
    }

    /** {@code PUT /actions/persons/<person_id>/assign} with {@code task_ids}: tasks refused or unknown are skipped. */
    public List<Map<String, Object>> assignMany(Caller caller, String personIdText, List<String> taskIds) {
        UUID personId = Values.tryParseId(personIdText);
        requireTaskIds(taskIds);
        return s.write(caller, ctx -> {
            List<Map<String, Object>> done = new ArrayList<>();
            UUID firstProject = null;
            for (String text : taskIds) {
                UUID taskId = Values.tryParseId(text);
                Row task = taskId == null ? null : ctx.tx().byId("task", taskId);
                if (task == null) {
                    continue;
                }
                Row person = assignee(ctx, personId);
                if (botRefused(ctx, person, (UUID) task.get("project_id")) || !mayAssign(ctx, task, personId)) {
                    continue;
                }
                done.add(assignOne(ctx, task, person));
                if (firstProject == null) {
                    firstProject = (UUID) task.get("project_id");
                }
            }
            if (firstProject != null) {
                addTeamMember(ctx, firstProject, personId);
            }
            return done;
        });
    }

    private static void requireTaskIds(List<String> taskIds) {
        if (taskIds == null || taskIds.isEmpty()) {
            throw ZouException.wrongParameter("Tasks list required.");
        }
    }

    /**
     * {@code PUT /actions/tasks/clear-assignation} with {@code task_ids} and optional {@code person_id}: answers the
     * ids of the tasks cleared (refused or unknown ones are skipped).
     */
    public List<String> clearAssignation(Caller caller, List<String> taskIds, String personIdText) {
        requireTaskIds(taskIds);
        UUID personId = personIdText == null || personIdText.isEmpty() ? null : Values.tryParseId(personIdText);
        return s.write(caller, ctx -> {
            List<String> cleared = new ArrayList<>();
            for (String text : taskIds) {
                UUID taskId = Values.tryParseId(text);
                Row task = taskId == null ? null : ctx.tx().byId("task", taskId);
                if (task == null || !mayUnassign(ctx, task, personId)) {
                    continue;
                }
                UUID projectId = (UUID) task.get("project_id");
                List<Object> removed = personId == null
                        ? ctx.tx().column("task_person_link", "person_id", List.of(Filter.eq("task_id", taskId)))
                        : List.of(personId);
                List<Filter> which = new ArrayList<>(List.of(Filter.eq("task_id", taskId)));
                if (personId != null) {
                    which.add(Filter.eq("person_id", personId));
                }
                ctx.tx().delete("task_person_link", which);
                ctx.tx().updateById("task", taskId, Map.of("updated_at", ctx.now()));
                for (Object p : removed) {
                    ctx.events().emit("task:unassign", TaskSupport.data("person_id", p, "task_id", taskId), projectId);
                }
                ctx.events().emit("task:update", TaskSupport.data("task_id", taskId), projectId);
                cleared.add(text);
            }
            return cleared;
        });
    }

    /** {@code check_task_department_access_for_unassign}. */
    private static boolean mayUnassign(HookContext ctx, Row task, UUID personId) throws SQLException {
        var a = ctx.access();
        if (a.isAdmin()) {
            return true;
        }
        UUID project = (UUID) task.get("project_id");
        if (!a.inTeam(project)) {
            return false;
        }
        String role = a.projectRole(project);
        if ("manager".equals(role)) {
            return true;
        }
        Set<UUID> mine = ctx.caller().departmentIds();
        UUID department = a.taskTypeDepartment((UUID) task.get("task_type_id"));
        if ("supervisor".equals(role) && (mine.isEmpty() || department != null && mine.contains(department))) {
            return true;
        }
        return a.assignedTo(task.id()) && ctx.caller().personId().equals(personId);
    }

    // ---- single task views -----------------------------------------------------------------------------------------

    /** {@code GET /data/tasks/<task_id>/full}. */
    public Map<String, Object> fullTask(Caller caller, String taskIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        return s.read(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            Tx tx = ctx.tx();
            Map<String, Object> full = s.one(ctx, "task", task, true);
            Row entity = tx.byId("entity", (UUID) task.get("entity_id"));
            Row entityType = entity == null ? null : tx.byId("entity_type", (UUID) entity.get("entity_type_id"));
            full.put("entity", entity == null ? null : s.one(ctx, "entity", entity, false));
            full.put("entity_type", entityType == null ? null : s.one(ctx, "entity_type", entityType, false));
            full.put("is_subscribed", caller.personId() != null && tx.exists("subscription", List.of(
                    Filter.eq("task_id", taskId), Filter.eq("person_id", caller.personId()))));
            List<Row> persons = tx.select("person", List.of(Filter.sub("id", "task_person_link", "person_id",
                    Filter.eq("task_id", taskId))));
            full.put("persons", s.many(ctx, "person", persons, false));
            full.put("project", s.one(ctx, "project", tx.byId("project", (UUID) task.get("project_id")), false));
            Row status = tx.byId("task_status", (UUID) task.get("task_status_id"));
            full.put("task_status", status == null ? null : s.one(ctx, "task_status", status, false));
            Row type = tx.byId("task_type", (UUID) task.get("task_type_id"));
            full.put("task_type", type == null ? null : s.one(ctx, "task_type", type, false));
            full.put("type", "Task");
            Row assigner = task.get("assigner_id") == null ? null : tx.byId("person", (UUID) task.get("assigner_id"));
            if (assigner != null) {
                full.put("assigner", s.one(ctx, "person", assigner, false));
            }
            if (entity != null && entity.get("parent_id") != null && entityType != null) {
                String typeName = String.valueOf(entityType.get("name"));
                Row sequence = null;
                if (typeName.equals("Sequence")) {
                    sequence = entity;
                } else if (typeName.equals("Shot") || typeName.equals("Scene")) {
                    sequence = tx.byId("entity", (UUID) entity.get("parent_id"));
                }
                if (sequence != null) {
                    full.put("sequence", s.one(ctx, "entity", sequence, false));
                    Row episode = sequence.get("parent_id") == null ? null
                            : tx.byId("entity", (UUID) sequence.get("parent_id"));
                    if (episode != null) {
                        full.put("episode", s.one(ctx, "entity", episode, false));
                    }
                }
            }
            return full;
        });
    }

    /** {@code GET /data/entities/<entity_id>/task-types/<task_type_id>/tasks}: ordered by name. */
    public List<Map<String, Object>> entityTasks(Caller caller, String entityIdText, String taskTypeIdText) {
        UUID entityId = TaskSupport.pathId(entityIdText);
        UUID taskTypeId = TaskSupport.pathId(taskTypeIdText);
        return s.read(caller, ctx -> {
            Row entity = TaskSupport.require(ctx, "entity", entityId);
            if (!ctx.access().inTeam((UUID) entity.get("project_id"))) {
                throw ZouException.forbidden();
            }
            List<Row> rows = ctx.tx().select("task", List.of(Filter.eq("entity_id", entityId),
                    Filter.eq("task_type_id", taskTypeId)), List.of(Tx.Order.asc("name")), 0, 0);
            return s.many(ctx, "task", rows, true);
        });
    }

    // ---- time spents -----------------------------------------------------------------------------------------------

    /** {@code check_time_spent_access}: the person is assigned, and the caller is them, an admin or a team manager. */
    private static void checkTimeSpentAccess(HookContext ctx, Row task, UUID personId) throws SQLException {
        boolean assigned = ctx.tx().exists("task_person_link", List.of(Filter.eq("task_id", task.id()),
                Filter.eq("person_id", personId)));
        var a = ctx.access();
        UUID project = (UUID) task.get("project_id");
        boolean allowed = assigned && (personId.equals(a.me()) || a.isAdmin()
                || a.inTeam(project) && "manager".equals(a.projectRole(project)));
        if (!allowed) {
            throw ZouException.forbidden();
        }
    }

    private static LocalDate date(String text) {
        LocalDate d = text == null ? null : Values.parseDate(text);
        if (d == null) {
            throw ZouException.wrongParameter("Wrong date format.");
        }
        return d;
    }

    /**
     * {@code POST /actions/tasks/<id>/time-spents/<date>/persons/<person_id>} (set, or add when {@code add}): the
     * duration in minutes must be positive; the task's duration becomes the sum of its time spents.
     */
    public Map<String, Object> setTimeSpent(Caller caller, String taskIdText, String dateText, String personIdText,
                                            Object durationValue, boolean add) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID personId = TaskSupport.pathId(personIdText);
        double duration = duration(durationValue);
        LocalDate date = date(dateText);
        return s.write(caller, ctx -> {
            Row task = ctx.tx().lockById("task", taskId);
            if (task == null) {
                throw ZouException.notFound();
            }
            Row person = TaskSupport.require(ctx, "person", personId);
            if (botRefused(ctx, person, (UUID) task.get("project_id"))) {
                throw ZouException.forbidden();
            }
            checkTimeSpentAccess(ctx, task, personId);
            UUID projectId = (UUID) task.get("project_id");
            List<Filter> key = List.of(Filter.eq("task_id", taskId), Filter.eq("person_id", personId),
                    Filter.eq("date", date));
            List<Row> existing = ctx.tx().select("time_spent", key);
            LocalDateTime now = ctx.now();
            UUID id;
            if (!existing.isEmpty()) {
                Row current = existing.get(0);
                id = current.id();
                double value = add ? ((Number) current.get("duration")).doubleValue() + duration : duration;
                ctx.tx().updateById("time_spent", id, Map.of("duration", value, "updated_at", now));
                ctx.events().emit("time-spent:update", TaskSupport.data("time_spent_id", id), projectId);
            } else {
                id = UUID.randomUUID();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("created_at", now);
                row.put("updated_at", now);
                row.put("duration", duration);
                row.put("date", date);
                row.put("task_id", taskId);
                row.put("person_id", personId);
                ctx.tx().insert("time_spent", row);
                if (person.table().has("last_presence")) {
                    ctx.tx().updateById("person", personId, Map.of("last_presence", now.toLocalDate()));
                }
                ctx.events().emit("time-spent:new", TaskSupport.data("time_spent_id", id), projectId);
            }
            recomputeDuration(ctx, task);
            return s.one(ctx, "time_spent", ctx.tx().byId("time_spent", id), false);
        });
    }

    private static double duration(Object v) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = v == null ? Double.NaN : Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || d <= 0) {
            throw ZouException.wrongParameter("Duration in minutes must be a number greater than 0.");
        }
        return d;
    }

    private static void recomputeDuration(HookContext ctx, Row task) throws SQLException {
        double total = 0;
        for (Object d : ctx.tx().column("time_spent", "duration", List.of(Filter.eq("task_id", task.id())))) {
            total += d == null ? 0 : ((Number) d).doubleValue();
        }
        ctx.tx().updateById("task", task.id(), Map.of("duration", total, "updated_at", ctx.now()));
        ctx.events().emit("task:update", TaskSupport.data("task_id", task.id()), (UUID) task.get("project_id"));
    }

    /** {@code DELETE /actions/tasks/<id>/time-spents/<date>/persons/<person_id>}: answers the deleted row (201). */
    public Map<String, Object> deleteTimeSpent(Caller caller, String taskIdText, String dateText,
                                               String personIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID personId = TaskSupport.pathId(personIdText);
        LocalDate date = date(dateText);
        return s.write(caller, ctx -> {
            Row task = ctx.tx().lockById("task", taskId);
            if (task == null) {
                throw ZouException.notFound();
            }
            TaskSupport.require(ctx, "person", personId);
            checkTimeSpentAccess(ctx, task, personId);
            List<Row> existing = ctx.tx().select("time_spent", List.of(Filter.eq("task_id", taskId),
                    Filter.eq("person_id", personId), Filter.eq("date", date)));
            if (existing.isEmpty()) {
                throw ZouException.notFound("Time spent not found.");
            }
            Row row = existing.get(0);
            Map<String, Object> answer = s.one(ctx, "time_spent", row, false);
            answer.put("duration", 0.0);
            ctx.tx().delete("time_spent", List.of(Filter.eq("id", row.id())));
            ctx.events().emit("time-spent:delete", TaskSupport.data("time_spent_id", row.id()),
                    (UUID) task.get("project_id"));
            recomputeDuration(ctx, task);
            return answer;
        });
    }

    /** {@code GET /actions/tasks/<id>/time-spents[/<date>]}: time spents by person id, plus {@code total}. */
    public Map<String, Object> timeSpents(Caller caller, String taskIdText, String dateText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        LocalDate date = dateText == null ? null : date(dateText);
        return s.read(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            List<Filter> filters = new ArrayList<>(List.of(Filter.eq("task_id", taskId)));
            if (date != null) {
                filters.add(Filter.eq("date", date));
            }
            Map<String, Object> result = new LinkedHashMap<>();
            double total = 0;
            List<Row> rows = ctx.tx().select("time_spent", filters, List.of(Tx.Order.asc("date")), 0, 0);
            List<Map<String, Object>> json = s.many(ctx, "time_spent", rows, false);
            for (int i = 0; i < rows.size(); i++) {
                String person = String.valueOf(rows.get(i).get("person_id"));
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) result.computeIfAbsent(person, k -> new ArrayList<>());
                list.add(json.get(i));
                total += ((Number) rows.get(i).get("duration")).doubleValue();
            }
            result.put("total", total);
            return result;
        });
    }

    // ---- comments of a task ----------------------------------------------------------------------------------------

    /** {@code GET /data/tasks/<task_id>/comments}: newest first, each with its author and status summary. */
    public List<Map<String, Object>> taskComments(Caller caller, String taskIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        return s.read(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            List<Row> visible = new ArrayList<>();
            for (Row c : ctx.tx().select("comment", List.of(Filter.eq("object_id", taskId)),
                    List.of(Tx.Order.desc("created_at")), 0, 0)) {
                if (readable(ctx, c)) {
                    visible.add(c);
                }
            }
            List<Map<String, Object>> json = s.many(ctx, "comment", visible, true);
            boolean client = "client".equals(ctx.access().projectRole((UUID) task.get("project_id")));
            Map<UUID, Row> people = new HashMap<>();
            for (int i = 0; i < visible.size(); i++) {
                Row c = visible.get(i);
                Map<String, Object> m = json.get(i);
                Row author = person(ctx, people, (UUID) c.get("person_id"));
                boolean authorIsClient = author != null && "client".equals(author.get("role"));
                m.put("person", client && !authorIsClient ? null : shortPerson(author));
                Row editor = person(ctx, people, (UUID) c.get("editor_id"));
                m.put("editor", client && editor != null && !"client".equals(editor.get("role")) ? null
                        : shortPerson(editor));
                Row status = ctx.access().row("task_status", (UUID) c.get("task_status_id"));
                if (status != null) {
                    Map<String, Object> st = new LinkedHashMap<>();
                    st.put("name", status.get("name"));
                    st.put("short_name", status.get("short_name"));
                    st.put("color", status.get("color"));
                    st.put("id", status.id().toString());
                    m.put("task_status", st);
                }
                m.put("attachment_files", s.many(ctx, "attachment_file", ctx.tx().select("attachment_file",
                        List.of(Filter.eq("comment_id", c.id()))), false));
            }
            return json;
        });
    }

    private boolean readable(HookContext ctx, Row comment) throws SQLException {
        try {
            s.model("comment").access().checkRead(ctx.access(), comment);
            return true;
        } catch (ZouException e) {
            return false;
        }
    }

    private static Row person(HookContext ctx, Map<UUID, Row> cache, UUID id) throws SQLException {
        if (id == null) {
            return null;
        }
        Row p = cache.get(id);
        if (p == null) {
            p = ctx.tx().byId("person", id);
            cache.put(id, p);
        }
        return p;
    }

    static Map<String, Object> shortPerson(Row p) {
        if (p == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("first_name", p.get("first_name"));
        m.put("last_name", p.get("last_name"));
        m.put("full_name", CommentService.fullName(p));
        m.put("has_avatar", p.get("has_avatar"));
        m.put("role", p.get("role"));
        return m;
    }

    /** {@code GET /data/tasks/<task_id>/comments/<comment_id>}. */
    public Map<String, Object> taskComment(Caller caller, String taskIdText, String commentIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        return s.read(caller, ctx -> {
            Row comment = TaskSupport.require(ctx, "comment", commentId);
            if (!taskId.equals(comment.get("object_id"))) {
                throw ZouException.notFound("Comment not found.");
            }
            s.model("comment").access().checkRead(ctx.access(), comment);
            return s.one(ctx, "comment", comment, true);
        });
    }

    /**
     * {@code DELETE /data/tasks/<task_id>/comments/<comment_id>}: managers of the project, or the author; the task's
     * data is recomputed from the remaining comments, {@code task:status-changed} when its status moved.
     */
    public void deleteTaskComment(Caller caller, String taskIdText, String commentIdText) {
        TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        s.write(caller, ctx -> {
            Row comment = TaskSupport.require(ctx, "comment", commentId);
            UUID taskId = (UUID) comment.get("object_id");
            Row task = ctx.tx().lockById("task", taskId);
            if (task == null) {
                throw ZouException.notFound();
            }
            UUID projectId = (UUID) task.get("project_id");
            String role = ctx.access().projectRole(projectId);
            if ("admin".equals(role) || "manager".equals(role)) {
                if (!ctx.access().inTeam(projectId)) {
                    throw ZouException.forbidden();
                }
            } else if (!comment.get("person_id").equals(caller.personId())) {
                throw ZouException.forbidden();
            }
            removeComment(ctx, comment, projectId);
            Row after = comments.resetTaskData(ctx, task);
            if (!java.util.Objects.equals(after.get("task_status_id"), task.get("task_status_id"))) {
                ctx.events().emit("task:status-changed", TaskSupport.data("task_id", taskId,
                        "new_task_status_id", after.get("task_status_id"),
                        "previous_task_status_id", task.get("task_status_id"),
                        "person_id", comment.get("person_id")), projectId);
            }
            return null;
        });
    }

    /** {@code deletion_service.remove_comment}: the comment and what hangs off it; {@code comment:delete}. */
    void removeComment(HookContext ctx, Row comment, UUID projectId) throws SQLException {
        Tx tx = ctx.tx();
        List<Object> one = List.of(comment.id());
        List<Object> attachments = tx.column("attachment_file", "id", List.of(Filter.in("comment_id", one)));
        tx.delete("notification", List.of(Filter.in("comment_id", one)));
        tx.delete("news", List.of(Filter.in("comment_id", one)));
        tx.delete("attachment_file", List.of(Filter.in("comment_id", one)));
        tx.delete("comment_preview_link", List.of(Filter.in("comment", one)));
        tx.delete("comment_mentions", List.of(Filter.in("comment", one)));
        tx.delete("comment_department_mentions", List.of(Filter.in("comment", one)));
        tx.delete("comment_acknoledgments", List.of(Filter.in("comment", one)));
        tx.delete("comment", List.of(Filter.eq("id", comment.id())));
        for (Object a : attachments) {
            tx.afterCommit(() -> comments.files().delete((UUID) a));
        }
        ctx.events().emit("comment:delete", TaskSupport.data("comment_id", comment.id()), projectId);
    }

    // ---- open tasks ------------------------------------------------------------------------------------------------

    /**
     * {@code GET /data/tasks/open-tasks}: tasks of open projects (of the caller's projects when not admin), filtered,
     * ordered by project, episode, sequence, entity type, entity and task type names; Zou's envelope
     * {@code {data, stats, limit, is_more, page}} ({@link OpenTasks}).
     */
    public Map<String, Object> openTasks(Caller caller, Query query) {
        return OpenTasks.answer(s, caller, query);
    }

    // ---- person tasks ----------------------------------------------------------------------------------------------

    /**
     * {@code GET /data/persons/<person_id>/tasks} ({@code done=false}) and {@code .../done-tasks}: the person's
     * tasks in the caller's projects (open projects for admins), not done or done.
     */
    public List<Map<String, Object>> personTasks(Caller caller, String personIdText, boolean done) {
        UUID personId = TaskSupport.pathId(personIdText);
        return s.read(caller, ctx -> {
            Row person = TaskSupport.require(ctx, "person", personId);
            if (Boolean.TRUE.equals(person.get("is_bot"))) {
                throw ZouException.forbidden();
            }
            String role = caller.role();
            if (!personId.equals(caller.personId()) && "vendor".equals(role)) {
                throw ZouException.forbidden();
            }
            if ("vendor".equals(role) && "vendor".equals(person.get("role")) || "client".equals(role)) {
                return List.of();
            }
            StringBuilder sql = new StringBuilder("SELECT t.id FROM task t JOIN task_person_link l ON l.task_id = t.id"
                    + " JOIN task_status ts ON ts.id = t.task_status_id JOIN project pr ON pr.id = t.project_id"
                    + " JOIN project_status ps ON ps.id = pr.project_status_id"
                    + " JOIN task_type tt ON tt.id = t.task_type_id JOIN entity e ON e.id = t.entity_id"
                    + " WHERE l.person_id = ? AND ps.name = 'Open'");
            List<Object> params = new ArrayList<>(List.of(personId));
            if (!caller.isAdmin()) {
                sql.append(" AND t.project_id IN (SELECT project_id FROM project_person_link WHERE person_id = ?)");
                params.add(caller.personId());
            }
            sql.append(done ? " AND ts.is_done = TRUE ORDER BY t.end_date DESC, tt.name, e.name"
                    : " AND (ts.is_done = FALSE OR ts.is_done IS NULL)");
            List<UUID> ids = ctx.tx().query(sql.toString(), params, rs -> {
                List<UUID> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
                return out;
            });
            return new RichTasks(s, ctx).build(ids, false);
        });
    }

    /** Zou's task dicts with their project, entity, type and status names (open tasks and person tasks). */
    static final class RichTasks {
        private final TaskSupport s;
        private final HookContext ctx;
        private final Map<String, Row> rows = new HashMap<>();

        RichTasks(TaskSupport s, HookContext ctx) {
            this.s = s;
            this.ctx = ctx;
        }

        private Row row(String table, Object id) throws SQLException {
            if (id == null) {
                return null;
            }
            String key = table + "/" + id;
            if (!rows.containsKey(key)) {
                rows.put(key, ctx.tx().byId(table, (UUID) id));
            }
            return rows.get(key);
        }

        List<Map<String, Object>> build(List<UUID> ids, boolean openTasksShape) throws SQLException {
            Map<UUID, Row> byId = new HashMap<>();
            for (int i = 0; i < ids.size(); i += 500) {
                for (Row r : ctx.tx().select("task", List.of(Filter.in("id", ids.subList(i,
                        Math.min(ids.size(), i + 500)))))) {
                    byId.put(r.id(), r);
                }
            }
            List<Row> ordered = new ArrayList<>();
            for (UUID id : ids) {
                if (byId.containsKey(id)) {
                    ordered.add(byId.get(id));
                }
            }
            List<Map<String, Object>> json = s.many(ctx, "task", ordered, false);
            Map<String, List<String>> assignees = new HashMap<>();
            Map<String, Map<String, Object>> lastComments = new HashMap<>();
            for (int i = 0; i < ids.size(); i += 500) {
                List<UUID> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
                ctx.tx().query("SELECT task_id, person_id FROM task_person_link WHERE task_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                        new ArrayList<>(chunk), rs -> {
                            while (rs.next()) {
                                assignees.computeIfAbsent(rs.getObject(1, UUID.class).toString(),
                                        k -> new ArrayList<>()).add(rs.getObject(2, UUID.class).toString());
                            }
                            return null;
                        });
                if (!openTasksShape) {
                    for (Row c : ctx.tx().select("comment", List.of(Filter.in("object_id", chunk)),
                            List.of(Tx.Order.asc("created_at")), 0, 0)) {
                        Row author = row("person", c.get("person_id"));
                        if (author != null && "client".equals(author.get("role"))) {
                            continue;
                        }
                        Map<String, Object> last = new LinkedHashMap<>();
                        last.put("text", c.get("text"));
                        last.put("date", JsonForm.timestamp((LocalDateTime) c.get("created_at")));
                        last.put("person_id", String.valueOf(c.get("person_id")));
                        lastComments.put(c.get("object_id").toString(), last);
                    }
                }
            }
            JsonForm form = s.crud.jsonForm();
            for (int i = 0; i < ordered.size(); i++) {
                Row t = ordered.get(i);
                Map<String, Object> m = json.get(i);
                Row project = row("project", t.get("project_id"));
                Row entity = row("entity", t.get("entity_id"));
                Row entityType = entity == null ? null : row("entity_type", entity.get("entity_type_id"));
                Row sequence = entity == null ? null : row("entity", entity.get("parent_id"));
                Row episode = sequence == null ? null : row("entity", sequence.get("parent_id"));
                Row type = row("task_type", t.get("task_type_id"));
                Row status = row("task_status", t.get("task_status_id"));
                Object sourceId = entity == null ? null : entity.get("source_id");
                String episodeId = episode != null ? episode.id().toString() : sourceId == null ? "" : sourceId.toString();
                String episodeName = episode != null ? (String) episode.get("name") : null;
                if (episode == null && sourceId != null) {
                    Row source = row("entity", sourceId);
                    episodeName = source == null ? "MP" : (String) source.get("name");
                }
                String typeName = entityType == null ? null : (String) entityType.get("name");
                if ("Sequence".equals(typeName) && entity.get("parent_id") != null) {
                    Row ep = row("entity", entity.get("parent_id"));
                    episodeId = entity.get("parent_id").toString();
                    episodeName = ep == null ? null : (String) ep.get("name");
                }
                m.put("project_name", project == null ? null : project.get("name"));
                m.put("project_id", String.valueOf(t.get("project_id")));
                m.put("project_has_avatar", project == null ? null : project.get("has_avatar"));
                m.put("entity_id", String.valueOf(t.get("entity_id")));
                m.put("entity_name", entity == null ? null : entity.get("name"));
                m.put("entity_description", entity == null ? null : entity.get("description"));
                m.put("entity_data", entity == null ? null : form.toJsonValue(entity.get("data")));
                Object preview = entity == null ? null : entity.get("preview_file_id");
                m.put("entity_preview_file_id", preview == null ? "" : preview.toString());
                m.put("entity_source_id", sourceId == null ? "" : sourceId.toString());
                m.put("entity_type_name", typeName);
                m.put("entity_canceled", entity == null ? null : entity.get("canceled"));
                m.put("sequence_name", sequence == null ? null : sequence.get("name"));
                m.put("episode_id", episodeId);
                m.put("episode_name", episodeName);
                m.put("task_type_for_entity", type == null ? null : type.get("for_entity"));
                String prefix = openTasksShape ? "" : "task_";
                if (!openTasksShape) {
                    m.put("task_estimation", t.get("estimation"));
                    m.put("task_duration", t.get("duration"));
                    m.put("task_start_date", m.get("start_date"));
                    m.put("task_due_date", m.get("due_date"));
                }
                m.put(prefix + "type_name", type == null ? null : type.get("name"));
                m.put(prefix + "status_name", status == null ? null : status.get("name"));
                m.put(prefix + "type_color", type == null ? null : type.get("color"));
                m.put(prefix + "status_color", status == null ? null : status.get("color"));
                m.put(prefix + "status_short_name", status == null ? null : status.get("short_name"));
                m.put("assignees", assignees.getOrDefault(t.id().toString(), List.of()));
                if (!openTasksShape) {
                    m.put("last_comment", lastComments.getOrDefault(t.id().toString(), Map.of()));
                }
            }
            return json;
        }
    }

    /** Helper kept for callers that need the distinct values of a list. */
    static <T> List<T> distinct(List<T> in) {
        return new ArrayList<>(new LinkedHashSet<>(in));
    }

    /** Whether the caller may act on the task (exposed for the comment routes' checks). */
    static boolean taskAction(HookContext ctx, UUID taskId) throws SQLException {
        return TaskChecks.taskAction(ctx.access(), taskId);
    }
}
