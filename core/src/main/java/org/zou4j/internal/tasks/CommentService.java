package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.TaskChecks;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.tasks.NewComment;
import org.zou4j.tasks.Upload;

/**
 * Zou's comment posting ({@code comments_service.create_comment}): in one transaction the comment, its mentions and
 * attachments, the hashtag copies on sibling tasks, the task's status change and derived dates, notifications, news,
 * and the project's status automations, with Zou's events.
 */
public final class CommentService {
    private static final Pattern HASHTAG = Pattern.compile("#[a-zA-Z]*");
    private static final DateTimeFormatter ZOU_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MAX_AUTOMATION_DEPTH = 8;

    private final TaskSupport s;
    private final Attachments files;

    public CommentService(org.zou4j.internal.crud.CrudService crud, org.zou4j.internal.events.EventLog events,
                          Attachments files) {
        this.s = new TaskSupport(crud, events);
        this.files = files;
    }

    TaskSupport support() {
        return s;
    }

    Attachments files() {
        return files;
    }

    /** {@code POST /actions/tasks/<task_id>/comment}. */
    public Map<String, Object> comment(Caller caller, String taskIdText, NewComment request) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID statusId = request.taskStatusId() == null ? null : Values.tryParseId(request.taskStatusId());
        if (statusId == null) {
            throw ZouException.wrongParameter("task_status_id is required and must be a valid UUID.");
        }
        // attachments are stored inside the transaction: a comment with files commits on its own
        TaskSupport.Work<Map<String, Object>> work = ctx -> {
            Row task = ctx.tx().lockById("task", taskId);
            if (task == null) {
                throw ZouException.notFound("Task " + taskId + " not found.");
            }
            Row status = ctx.tx().byId("task_status", statusId);
            if (status == null) {
                throw ZouException.wrongParameter("Task status " + statusId + " not found.");
            }
            UUID projectId = (UUID) task.get("project_id");
            if (!TaskChecks.taskAction(ctx.access(), taskId)) {
                // a mentioned person may answer in the conversation, without changing the status
                if (!TaskChecks.mentionedOnTask(ctx.access(), taskId, projectId)
                        || !statusId.equals(task.get("task_status_id"))) {
                    throw ZouException.forbidden();
                }
            }
            if (!TaskChecks.statusAllowed(ctx.access(), projectId, statusId)) {
                throw ZouException.forbidden();
            }
            boolean manager = caller.isAdmin() || "manager".equals(ctx.access().projectRole(projectId));
            UUID authorId = caller.personId();
            LocalDateTime createdAt = null;
            boolean forClient = false;
            if (manager) {
                if (request.personId() != null && !request.personId().isEmpty()) {
                    authorId = Values.parseId(request.personId());
                    if (ctx.tx().byId("person", authorId) == null) {
                        throw ZouException.notFound("Person " + authorId + " not found.");
                    }
                }
                createdAt = parseCreatedAt(request.createdAt());
                forClient = request.forClient();
            }
            if (authorId == null) {
                throw ZouException.wrongParameter("person_id is required when no person is logged in.");
            }
            Map<String, Object> comment = createComment(ctx, authorId, task, status, request.text(),
                    request.checklist(), request.links(), forClient, createdAt, request.files(), true, 0);
            return comment;
        };
        return request.files().isEmpty() ? s.shortWrite(caller, work) : s.write(caller, work);
    }

    private static LocalDateTime parseCreatedAt(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, ZOU_DATE);
        } catch (DateTimeParseException e) {
            return Values.parseTimestamp(text); // Zou ignores a date it cannot read
        }
    }

    /** The whole of Zou's {@code create_comment} inside the caller's transaction; the task row is locked. */
    Map<String, Object> createComment(HookContext ctx, UUID authorId, Row task, Row status, String text,
                                      List<Map<String, Object>> checklist, List<String> links, boolean forClient,
                                      LocalDateTime createdAt, List<Upload> uploads, boolean withHashtags, int depth)
            throws SQLException {
        Tx tx = ctx.tx();
        UUID projectId = (UUID) task.get("project_id");
        checkRetakeCapping(ctx, status, task);

        // ---- the comment (new_comment) ----
        UUID commentId = UUID.randomUUID();
        LocalDateTime now = ctx.now();
        LocalDateTime created = createdAt == null ? now : createdAt;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", commentId);
        row.put("created_at", created);
        row.put("updated_at", now);
        row.put("object_id", task.id());
        row.put("object_type", "Task");
        row.put("text", text);
        row.put("replies", json(ctx, "replies", List.of()));
        row.put("checklist", json(ctx, "checklist", checklist));
        row.put("for_client", forClient);
        row.put("links", json(ctx, "links", links));
        row.put("task_status_id", status.id());
        row.put("person_id", authorId);
        tx.insert("comment", row);
        List<UUID> mentions = personMentions(ctx, projectId, text);
        List<UUID> departmentMentions = departmentMentions(ctx, text);
        tx.insertLinks("comment_mentions", "comment", commentId, "person", mentions);
        tx.insertLinks("comment_department_mentions", "comment", commentId, "department", departmentMentions);
        List<Row> attachments = new ArrayList<>();
        for (Upload upload : uploads) {
            attachments.add(storeAttachment(ctx, upload, commentId, null, null));
        }
        ctx.events().emit("comment:new", TaskSupport.data("comment_id", commentId, "task_id", task.id(),
                "task_status_id", status.id()), projectId);

        if (withHashtags) {
            handleHashtags(ctx, authorId, task, text, depth);
        }

        // ---- the task (manage_status_change) ----
        LocalDateTime last = (LocalDateTime) task.get("last_comment_date");
        boolean statusChanged;
        Row updatedTask;
        if (last != null && last.isAfter(created)) {
            statusChanged = false; // an older comment replays the history instead of rewinding the task
            updatedTask = resetTaskData(ctx, task);
        } else {
            statusChanged = !status.id().equals(task.get("task_status_id"));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("task_status_id", status.id());
            changes.put("last_comment_date", created);
            if (statusChanged) {
                if (Boolean.TRUE.equals(status.get("is_retake"))) {
                    Object count = task.get("retake_count");
                    changes.put("retake_count", (count == null ? 0 : ((Number) count).intValue()) + 1);
                }
                if (Boolean.TRUE.equals(status.get("is_wip")) && task.get("real_start_date") == null) {
                    changes.put("real_start_date", now);
                }
                // update_task stamps or rolls back the end and done dates
                if (Boolean.TRUE.equals(status.get("is_feedback_request"))) {
                    changes.put("end_date", now);
                } else if (!Boolean.TRUE.equals(status.get("is_done"))) {
                    changes.put("end_date", null);
                }
                changes.put("done_date", Boolean.TRUE.equals(status.get("is_done")) ? now : null);
            }
            changes.put("updated_at", now);
            tx.updateById("task", task.id(), changes);
            ctx.events().emit("task:update", TaskSupport.data("task_id", task.id()), projectId);
            if (statusChanged) {
                Map<String, Object> change = TaskSupport.data("task_id", task.id(), "new_task_status_id", status.id(),
                        "previous_task_status_id", task.get("task_status_id"), "person_id", authorId);
                ctx.events().emit("task:status-changed", change, projectId);
                if (Boolean.TRUE.equals(status.get("is_feedback_request"))) {
                    Map<String, Object> review = new LinkedHashMap<>(change);
                    review.put("comment_id", commentId.toString());
                    ctx.events().emit("task:to-review", review, projectId);
                }
            }
            // the task as read back after the update (the locked row with the values just written; ctx.now() and
            // a created_at parsed to seconds are already what the database stores): no second read
            updatedTask = task.with(changes);
        }

        // ---- subscriptions: notifications and news ----
        Set<UUID> mentioned = Notifications.mentioned(ctx, projectId, mentions, departmentMentions);
        // the entity, read once for the notifications and the news (neither writes it)
        Row entity = tx.byId("entity", (UUID) task.get("entity_id"));
        Notifications.forComment(ctx, updatedTask, entity, commentId, authorId, statusChanged, mentioned);
        Row entityType = entity == null ? null : tx.byId("entity_type", (UUID) entity.get("entity_type_id"));
        if (entityType == null || !"Concept".equals(entityType.get("name"))) {
            insertNews(ctx, task, commentId, authorId, statusChanged, created, status.id());
        }

        // ---- status automations ----
        if (depth < MAX_AUTOMATION_DEPTH) {
            for (Row automation : tx.select("status_automation", List.of(Filter.sub("id",
                    "project_status_automation_link", "status_automation_id", Filter.eq("project_id", projectId))))) {
                runAutomation(ctx, automation, updatedTask, entity, entityType, authorId, depth);
            }
        }

        Map<String, Object> answer = newCommentJson(ctx, insertedComment(tx, row, createdAt), mentions,
                departmentMentions, attachments);
        answer.put("attachment_files", s.many(ctx, "attachment_file", attachments, false));
        answer.put("task_status", s.one(ctx, "task_status", status, false));
        answer.put("person", s.one(ctx, "person", tx.byId("person", authorId), false));
        return answer;
    }

    /**
     * The answer for a comment this transaction has just created, with its collection relationships: those are the
     * links written with it (no previews or acknowledgements yet; the mentions and attachments just inserted), so they
     * are not read back, unless a relation holds several rows, whose order only a read gives (e.g. two mentions).
     */
    private Map<String, Object> newCommentJson(HookContext ctx, Row comment, List<UUID> mentions,
                                               List<UUID> departmentMentions, List<Row> attachments)
            throws SQLException {
        if (mentions.size() > 1 || departmentMentions.size() > 1 || attachments.size() > 1) {
            return s.one(ctx, "comment", comment, true);
        }
        Map<String, List<String>> relations = new LinkedHashMap<>();
        relations.put("previews", List.of());
        relations.put("mentions", idText(mentions));
        relations.put("department_mentions", idText(departmentMentions));
        relations.put("acknowledgements", List.of());
        relations.put("attachment_files", idText(attachments.stream().map(Row::id).toList()));
        return s.crud.serializeWithRelations(ctx, s.model("comment"), comment, relations,
                org.zou4j.internal.crud.ModelHooks.View.GET);
    }

    /** As a read gives them: an empty list, or a (modifiable) list of id strings. */
    /**
     * The comment row as a read just after its insert gives it: built from the inserted values when both databases
     * store them unchanged (a date of now, already truncated to microseconds; JSON values that are empty arrays, which
     * PostgreSQL's jsonb gives back as written; no other column with a default), else read.
     */
    private static Row insertedComment(Tx tx, Map<String, Object> row, LocalDateTime createdAt) throws SQLException {
        org.zou4j.internal.schema.TableSchema table = tx.database().schema().table("comment");
        boolean asWritten = createdAt == null;
        for (org.zou4j.internal.schema.Column c : table.columns()) {
            Object v = row.get(c.name());
            if (!row.containsKey(c.name()) && c.hasDefault()
                    || v instanceof org.zou4j.internal.sql.RawJson json && !"[]".equals(json.text())) {
                asWritten = false;
            }
        }
        if (asWritten && row.keySet().stream().allMatch(k -> table.indexOf(k) >= 0)) {
            return Row.of(table, row);
        }
        return tx.byId("comment", (UUID) row.get("id"));
    }

    private static List<String> idText(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> text = new ArrayList<>(ids.size());
        ids.forEach(id -> text.add(id.toString()));
        return text;
    }

    /** {@code news_service.create_news_for_task_and_comment}: the news row and {@code news:new}. */
    static void insertNews(HookContext ctx, Row task, UUID commentId, UUID authorId, boolean change,
                           LocalDateTime created, UUID statusId) throws SQLException {
        UUID newsId = UUID.randomUUID();
        Map<String, Object> news = new LinkedHashMap<>();
        news.put("id", newsId);
        news.put("created_at", created);
        news.put("updated_at", ctx.now());
        news.put("change", change);
        news.put("author_id", authorId);
        news.put("comment_id", commentId);
        news.put("task_id", task.id());
        ctx.tx().insert("news", news);
        ctx.events().emit("news:new", TaskSupport.data("news_id", newsId, "task_status_id", statusId,
                "task_type_id", task.get("task_type_id")), (UUID) task.get("project_id"));
    }

    private Object json(HookContext ctx, String column, Object value) {
        return s.crud.values().fromJson(s.model("comment").table().column(column), value);
    }

    /** {@code _check_retake_capping}: the entity's {@code data.max_retakes}, else the project's; 0 = no cap. */
    private void checkRetakeCapping(HookContext ctx, Row status, Row task) throws SQLException {
        if (!Boolean.TRUE.equals(status.get("is_retake"))) {
            return;
        }
        Row project = ctx.tx().byId("project", (UUID) task.get("project_id"));
        Object projectMax = project == null ? null : project.get("max_retakes");
        int max = projectMax == null ? 0 : ((Number) projectMax).intValue();
        if (max <= 0) {
            return;
        }
        Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
        Object data = entity == null ? null : s.crud.jsonForm().toJsonValue(entity.get("data"));
        if (data instanceof Map<?, ?> m && m.get("max_retakes") != null) {
            try {
                int entityMax = Integer.parseInt(m.get("max_retakes").toString().trim());
                if (entityMax != 0) {
                    max = entityMax;
                }
            } catch (NumberFormatException e) {
                // Zou would fail; the project's cap applies
            }
        }
        Object count = task.get("retake_count");
        if (max > 0 && count != null && ((Number) count).intValue() >= max) {
            throw ZouException.wrongParameter("No more retakes allowed on this task");
        }
    }

    /** Team members whose full name is mentioned as {@code @First Last} (followed by a space or the end). */
    static List<UUID> personMentions(HookContext ctx, UUID projectId, String text) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        if (text == null || text.indexOf('@') < 0) {
            return ids;
        }
        for (Row p : ctx.tx().select("person", List.of(Filter.sub("id", "project_person_link", "person_id",
                Filter.eq("project_id", projectId))))) {
            String full = fullName(p);
            if (!full.isEmpty() && mentions(text, full)) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    static List<UUID> departmentMentions(HookContext ctx, String text) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        if (text == null || text.indexOf('@') < 0) {
            return ids;
        }
        for (Row d : ctx.tx().select("department", List.of())) {
            String name = (String) d.get("name");
            if (name != null && mentions(text, name)) {
                ids.add(d.id());
            }
        }
        return ids;
    }

    private static boolean mentions(String text, String name) {
        return Pattern.compile("@" + Pattern.quote(name) + "( |$)").matcher(text).find();
    }

    static String fullName(Row person) {
        String first = (String) person.get("first_name");
        String last = (String) person.get("last_name");
        boolean hasFirst = first != null && !first.isEmpty();
        boolean hasLast = last != null && !last.isEmpty();
        return hasFirst && hasLast ? first + " " + last : hasFirst ? first : hasLast ? last : "";
    }

    /** Stores an uploaded file and its {@code attachment_file} row (comment or chat message). */
    Row storeAttachment(HookContext ctx, Upload upload, UUID commentId, UUID replyId, UUID chatMessageId)
            throws SQLException {
        UUID id = UUID.randomUUID();
        String name = upload.fileName();
        int dot = name.lastIndexOf('.');
        String extension = dot >= 0 ? name.substring(dot + 1) : "";
        if (extension.length() > 6) {
            extension = extension.substring(0, 6);
        }
        if (name.length() > 250) {
            name = name.substring(0, 250);
        }
        LocalDateTime now = ctx.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("name", name);
        row.put("size", upload.size());
        row.put("extension", extension);
        row.put("mimetype", upload.mimeType());
        row.put("comment_id", commentId);
        row.put("reply_id", replyId);
        row.put("chat_message_id", chatMessageId);
        ctx.tx().insert("attachment_file", row);
        files.put(id, upload);
        return ctx.tx().byId("attachment_file", id);
    }

    /** {@code _handle_hashtags}: the same comment on the entity's tasks whose type the text names. */
    private void handleHashtags(HookContext ctx, UUID authorId, Row task, String text, int depth)
            throws SQLException {
        if (text == null || text.indexOf('#') < 0) {
            return;
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = HASHTAG.matcher(text);
        while (m.find()) {
            tags.add(m.group().substring(1).toLowerCase(Locale.ROOT));
        }
        tags.remove("");
        if (tags.isEmpty()) {
            return;
        }
        Row taskType = ctx.tx().byId("task_type", (UUID) task.get("task_type_id")); // read only for a tagged text
        String own = taskType == null ? "" : String.valueOf(taskType.get("name")).toLowerCase(Locale.ROOT);
        boolean all = tags.contains("all");
        for (Row sibling : ctx.tx().select("task", List.of(Filter.eq("entity_id", task.get("entity_id"))),
                List.of(Tx.Order.asc("created_at")), 0, 0)) {
            if (sibling.id().equals(task.id())) {
                continue;
            }
            Row siblingType = ctx.tx().byId("task_type", (UUID) sibling.get("task_type_id"));
            String name = siblingType == null ? "" : String.valueOf(siblingType.get("name")).toLowerCase(Locale.ROOT);
            if (name.equals(own) || !(all || tags.contains(name))) {
                continue;
            }
            Row locked = ctx.tx().lockById("task", sibling.id());
            Row siblingStatus = ctx.tx().byId("task_status", (UUID) locked.get("task_status_id"));
            if (siblingStatus == null) {
                continue;
            }
            createComment(ctx, authorId, locked, siblingStatus,
                    text + "\n\n____\nFrom " + (taskType == null ? "" : taskType.get("name")) + " task",
                    List.of(), List.of(), false, null, List.of(), false, depth + 1);
        }
    }

    /** {@code reset_task_data}: status, retakes and dates recomputed from the comment history. */
    Row resetTaskData(HookContext ctx, Row task) throws SQLException {
        Tx tx = ctx.tx();
        int retakes = 0;
        LocalDateTime realStart = null;
        LocalDateTime lastComment = null;
        LocalDateTime end = null;
        LocalDateTime done = null;
        UUID statusId = defaultStatus(ctx, task);
        boolean previousRetake = false;
        Map<UUID, Row> statuses = new LinkedHashMap<>();
        for (Row c : tx.select("comment", List.of(Filter.eq("object_id", task.id())),
                List.of(Tx.Order.asc("created_at")), 0, 0)) {
            UUID sid = (UUID) c.get("task_status_id");
            if (sid == null) {
                continue;
            }
            Row st = statuses.computeIfAbsent(sid, k -> {
                try {
                    return tx.byId("task_status", k);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (st == null) {
                continue;
            }
            boolean retake = Boolean.TRUE.equals(st.get("is_retake"));
            if (retake && !previousRetake) {
                retakes++;
            }
            previousRetake = retake;
            LocalDateTime at = (LocalDateTime) c.get("created_at");
            if (Boolean.TRUE.equals(st.get("is_wip")) && realStart == null) {
                realStart = at;
            }
            if (Boolean.TRUE.equals(st.get("is_feedback_request")) && end == null) {
                end = at;
            }
            if (Boolean.TRUE.equals(st.get("is_done"))) {
                done = at;
            }
            statusId = sid;
            lastComment = at;
        }
        double duration = 0;
        for (Object d : tx.column("time_spent", "duration", List.of(Filter.eq("task_id", task.id())))) {
            duration += d == null ? 0 : ((Number) d).doubleValue();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("duration", duration);
        changes.put("retake_count", retakes);
        changes.put("real_start_date", realStart);
        changes.put("last_comment_date", lastComment);
        changes.put("end_date", end);
        changes.put("done_date", done);
        changes.put("task_status_id", statusId);
        changes.put("updated_at", ctx.now());
        tx.updateById("task", task.id(), changes);
        ctx.events().emit("task:update", TaskSupport.data("task_id", task.id()), (UUID) task.get("project_id"));
        return tx.byId("task", task.id());
    }

    private static UUID defaultStatus(HookContext ctx, Row task) throws SQLException {
        Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
        Row type = entity == null ? null : ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        boolean concept = type != null && "Concept".equals(type.get("name"));
        List<Object> ids = ctx.tx().column("task_status", "id", List.of(Filter.eq("is_default", true),
                Filter.eq("for_concept", concept)));
        if (ids.isEmpty()) {
            ids = ctx.tx().column("task_status", "id", List.of(Filter.eq("is_default", true)));
        }
        return ids.isEmpty() ? (UUID) task.get("task_status_id") : (UUID) ids.get(0);
    }

    /** {@code _run_status_automation}. Importing the last revision's previews is left to the preview area. */
    private void runAutomation(HookContext ctx, Row automation, Row task, Row entity, Row entityType, UUID authorId,
                               int depth) throws SQLException {
        if (Boolean.TRUE.equals(automation.get("archived"))
                || !Objects.equals(task.get("task_type_id"), automation.get("in_task_type_id"))
                || !Objects.equals(task.get("task_status_id"), automation.get("in_task_status_id"))
                || entity == null || entityType == null) {
            return;
        }
        String wanted = String.valueOf(automation.get("entity_type") == null ? "" : automation.get("entity_type"))
                .toLowerCase(Locale.ROOT);
        String typeName = String.valueOf(entityType.get("name"));
        boolean isAsset = !org.zou4j.internal.model.Choices.TEMPORAL_ENTITY_TYPES.contains(typeName);
        if (wanted.equals("asset") ? !isAsset : !typeName.toLowerCase(Locale.ROOT).equals(wanted)) {
            return;
        }
        String forEntity = wanted.isEmpty() ? "" : Character.toUpperCase(wanted.charAt(0)) + wanted.substring(1);
        Map<UUID, Integer> priorities = new LinkedHashMap<>();
        for (Row link : ctx.tx().select("project_task_type_link", List.of(
                Filter.eq("project_id", task.get("project_id")),
                Filter.sub("task_type_id", "task_type", "id", Filter.eq("for_entity", forEntity))))) {
            Object p = link.get("priority");
            priorities.put((UUID) link.get("task_type_id"), p == null ? 0 : ((Number) p).intValue());
        }
        int in = priorities.getOrDefault((UUID) automation.get("in_task_type_id"), 0);
        int out = priorities.getOrDefault((UUID) automation.get("out_task_type_id"), 0);
        String outField = String.valueOf(automation.get("out_field_type"));
        if (!"ready_for".equals(outField) && in > out) {
            return; // no rollback, to avoid cycles
        }
        if ("status".equals(outField)) {
            List<Row> targets = ctx.tx().select("task", List.of(Filter.eq("entity_id", entity.id()),
                    Filter.eq("task_type_id", automation.get("out_task_type_id"))), List.of(), 1, 0);
            Row outStatus = ctx.tx().byId("task_status", (UUID) automation.get("out_task_status_id"));
            if (targets.isEmpty() || outStatus == null) {
                return;
            }
            Row target = ctx.tx().lockById("task", targets.get(0).id());
            Row inType = ctx.tx().byId("task_type", (UUID) automation.get("in_task_type_id"));
            Row inStatus = ctx.tx().byId("task_status", (UUID) automation.get("in_task_status_id"));
            createComment(ctx, authorId, target, outStatus, "Change triggered by "
                            + (inType == null ? "" : inType.get("name")) + " set to "
                            + (inStatus == null ? "" : inStatus.get("name")),
                    List.of(), List.of(), false, null, List.of(), true, depth + 1);
        } else if ("ready_for".equals(outField) && isAsset) {
            UUID readyFor = (UUID) automation.get("out_task_type_id");
            ctx.tx().updateById("entity", entity.id(), Map.of("ready_for", readyFor, "updated_at", ctx.now()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("asset_id", entity.id().toString());
            data.put("data", TaskSupport.data("ready_for", readyFor));
            ctx.events().emit("asset:update", data, (UUID) task.get("project_id"));
        }
    }

    // ---- acknowledgements and replies ------------------------------------------------------------------------------

    private Row commentOfTask(HookContext ctx, UUID taskId, UUID commentId) throws SQLException {
        Row comment = TaskSupport.require(ctx, "comment", commentId);
        if (!comment.get("object_id").equals(taskId)) {
            throw ZouException.notFound("Comment not found.");
        }
        return comment;
    }

    /**
     * {@code POST /data/tasks/<task_id>/comments/<comment_id>/ack}: toggles the caller's acknowledgement
     * ({@code comment:acknowledge} / {@code comment:unacknowledge}); answers the comment.
     */
    public Map<String, Object> acknowledge(Caller caller, String taskIdText, String commentIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        return s.write(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            Row comment = commentOfTask(ctx, taskId, commentId);
            UUID me = caller.personId();
            if (me == null) {
                throw ZouException.forbidden();
            }
            List<Filter> key = List.of(Filter.eq("comment", commentId), Filter.eq("person", me));
            String name;
            if (ctx.tx().exists("comment_acknoledgments", key)) {
                ctx.tx().delete("comment_acknoledgments", key);
                name = "comment:unacknowledge";
            } else {
                ctx.tx().insertLinks("comment_acknoledgments", "comment", commentId, "person", List.of(me));
                name = "comment:acknowledge";
            }
            ctx.events().emit(name, TaskSupport.data("comment_id", commentId, "person_id", me),
                    (UUID) task.get("project_id"));
            return s.one(ctx, "comment", comment, true);
        });
    }

    /**
     * {@code POST /data/tasks/<task_id>/comments/<comment_id>/reply}: appends a reply (mentions resolved) to the
     * comment's {@code replies}, notifies ({@code reply}, {@code reply-mention}), emits {@code comment:reply}.
     */
    public Map<String, Object> reply(Caller caller, String taskIdText, String commentIdText, String text,
                                     List<Upload> uploads) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        return s.write(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            UUID projectId = (UUID) task.get("project_id");
            Row comment = ctx.tx().lockById("comment", commentId);
            if (comment == null) {
                throw ZouException.notFound("Comment not found.");
            }
            if (!taskId.equals(comment.get("object_id"))) {
                throw ZouException.forbidden();
            }
            UUID me = caller.personId();
            if (me == null) {
                throw ZouException.forbidden();
            }
            if (!me.equals(comment.get("person_id")) && !TaskChecks.taskAction(ctx.access(), taskId)
                    && !TaskChecks.mentionedOnTask(ctx.access(), taskId, projectId)) {
                throw ZouException.forbidden();
            }
            String body = text == null ? "" : text;
            List<UUID> mentions = personMentions(ctx, projectId, body);
            List<UUID> departments = departmentMentions(ctx, body);
            UUID replyId = UUID.randomUUID();
            LocalDateTime now = ctx.now();
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("id", replyId.toString());
            reply.put("date", org.zou4j.internal.json.JsonForm.timestamp(now));
            reply.put("person_id", me.toString());
            reply.put("text", body);
            reply.put("mentions", mentions.stream().map(UUID::toString).toList());
            reply.put("department_mentions", departments.stream().map(UUID::toString).toList());
            reply.put("created_at", org.zou4j.internal.json.JsonForm.timestamp(now));
            List<Object> replies = replies(comment);
            List<UUID> replyAuthors = new ArrayList<>();
            for (Object r : replies) {
                if (r instanceof Map<?, ?> m && TaskSupport.asId(m.get("person_id")) != null) {
                    replyAuthors.add(TaskSupport.asId(m.get("person_id")));
                }
            }
            replies.add(reply);
            ctx.tx().updateById("comment", commentId, Map.of("replies", json(ctx, "replies", replies),
                    "updated_at", now));
            if (!uploads.isEmpty()) {
                List<Row> stored = new ArrayList<>();
                for (Upload u : uploads) {
                    stored.add(storeAttachment(ctx, u, commentId, replyId, null));
                }
                reply.put("attachment_files", s.many(ctx, "attachment_file", stored, false));
            }
            ctx.events().emit("comment:reply", TaskSupport.data("task_id", taskId, "comment_id", commentId,
                    "reply_id", replyId), projectId);
            Notifications.forReply(ctx, task, commentId, (UUID) comment.get("person_id"), replyAuthors, replyId, me,
                    now, Notifications.mentioned(ctx, projectId, mentions, departments));
            Row author = ctx.tx().byId("person", me);
            reply.put("person", TaskService.shortPerson(author));
            return reply;
        });
    }

    private List<Object> replies(Row comment) {
        Object raw = s.crud.jsonForm().toJsonValue(comment.get("replies"));
        List<Object> list = new ArrayList<>();
        if (raw instanceof List<?> l) {
            list.addAll(l);
        }
        return list;
    }

    /**
     * {@code DELETE /data/tasks/<task_id>/comments/<comment_id>/reply/<reply_id>}: the reply's author or an admin
     * (Zou); the reply, its attachments and notifications go; {@code comment:delete-reply}; answers the comment.
     */
    public Map<String, Object> deleteReply(Caller caller, String taskIdText, String commentIdText,
                                           String replyIdText) {
        UUID taskId = TaskSupport.pathId(taskIdText);
        UUID commentId = TaskSupport.pathId(commentIdText);
        UUID replyId = TaskSupport.pathId(replyIdText);
        return s.write(caller, ctx -> {
            Row task = TaskSupport.require(ctx, "task", taskId);
            s.checkTaskRead(ctx, task);
            ctx.tx().lockById("comment", commentId);
            Row comment = commentOfTask(ctx, taskId, commentId);
            List<Object> replies = replies(comment);
            Map<?, ?> found = null;
            for (Object r : replies) {
                if (r instanceof Map<?, ?> m && replyId.toString().equals(String.valueOf(m.get("id")))) {
                    found = m;
                }
            }
            if (found == null) {
                throw ZouException.notFound("Reply not found.");
            }
            boolean own = caller.personId() != null && caller.personId().toString().equals(found.get("person_id"));
            if (!own && !caller.isAdmin()) {
                throw ZouException.forbidden();
            }
            replies.remove(found);
            for (Object a : ctx.tx().column("attachment_file", "id", List.of(Filter.eq("comment_id", commentId),
                    Filter.eq("reply_id", replyId)))) {
                ctx.tx().afterCommit(() -> files.delete((UUID) a));
            }
            ctx.tx().delete("attachment_file", List.of(Filter.eq("comment_id", commentId),
                    Filter.eq("reply_id", replyId)));
            ctx.tx().delete("notification", List.of(Filter.eq("reply_id", replyId)));
            ctx.tx().updateById("comment", commentId, Map.of("replies", json(ctx, "replies", replies),
                    "updated_at", ctx.now()));
            ctx.events().emit("comment:delete-reply", TaskSupport.data("task_id", taskId, "comment_id", commentId,
                    "reply_id", replyId), (UUID) task.get("project_id"));
            return s.one(ctx, "comment", ctx.tx().byId("comment", commentId), false);
        });
    }

    /** Helper for {@link java.util.Set} of person ids as strings. */
    static List<UUID> ids(List<Object> raw) {
        List<UUID> ids = new ArrayList<>();
        for (Object o : raw) {
            UUID id = TaskSupport.asId(o);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
