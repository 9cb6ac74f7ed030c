package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Zou's notification rules ({@code notifications_service}): who hears about a comment, a reply or an assignment, the
 * rows written and the {@code notification:new} events (Zou sends that one without persisting it; ours goes through
 * the event log like every other event).
 */
final class Notifications {
    private Notifications() {
    }

    /**
     * Assignees, task subscribers and subscribers of the task type on the entity's parent (sequence subscriptions),
     * plus the given reply authors.
     */
    static Set<UUID> recipients(HookContext ctx, Row task, List<UUID> replyAuthors) throws SQLException {
        return recipients(ctx, task, ctx.tx().byId("entity", (UUID) task.get("entity_id")), replyAuthors);
    }

    /** {@link #recipients(HookContext, Row, List)} with the task's entity already read ({@code null}: none). */
    static Set<UUID> recipients(HookContext ctx, Row task, Row entity, List<UUID> replyAuthors) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Object o : ctx.tx().column("task_person_link", "person_id", List.of(Filter.eq("task_id", task.id())))) {
            ids.add((UUID) o);
        }
        for (Object o : ctx.tx().column("subscription", "person_id", List.of(Filter.eq("task_id", task.id())))) {
            ids.add((UUID) o);
        }
        if (entity != null && entity.get("parent_id") != null) {
            for (Object o : ctx.tx().column("subscription", "person_id", List.of(
                    Filter.eq("task_type_id", task.get("task_type_id")), Filter.eq("entity_id", entity.get("parent_id"))))) {
                ids.add((UUID) o);
            }
        }
        ids.addAll(replyAuthors);
        return ids;
    }

    /**
     * People a text mentions: the persons named, then the project team members of each department named (each
     * person once, in that order).
     */
    static Set<UUID> mentioned(HookContext ctx, UUID projectId, List<UUID> persons, List<UUID> departments)
            throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>(persons);
        for (UUID department : departments) {
            for (Object o : ctx.tx().column("project_person_link", "person_id", List.of(
                    Filter.eq("project_id", projectId),
                    Filter.sub("person_id", "department_link", "person_id", Filter.eq("department_id", department))))) {
                ids.add((UUID) o);
            }
        }
        return ids;
    }

    /** Inserts one notification and emits {@code notification:new}; a duplicate (same key) is skipped. */
    static UUID create(HookContext ctx, UUID personId, UUID authorId, UUID taskId, UUID commentId, UUID replyId,
                       String type, boolean change, LocalDateTime createdAt, UUID projectId) throws SQLException {
        List<Filter> key = new java.util.ArrayList<>(List.of(Filter.eq("person_id", personId),
                Filter.eq("author_id", authorId), Filter.eq("type", type)));
        key.add(commentId == null ? new Filter.IsNull("comment_id") : Filter.eq("comment_id", commentId));
        key.add(replyId == null ? new Filter.IsNull("reply_id") : Filter.eq("reply_id", replyId));
        if (commentId != null && ctx.tx().exists("notification", key)) {
            return null;
        }
        UUID id = UUID.randomUUID();
        LocalDateTime now = ctx.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", createdAt == null ? now : createdAt);
        row.put("updated_at", now);
        row.put("read", false);
        row.put("change", change);
        row.put("type", type);
        row.put("person_id", personId);
        row.put("author_id", authorId);
        row.put("comment_id", commentId);
        row.put("task_id", taskId);
        row.put("reply_id", replyId);
        ctx.tx().insert("notification", row);
        ctx.events().emit("notification:new", TaskSupport.data("notification_id", id, "person_id", personId),
                projectId);
        return id;
    }

    /** {@code create_notifications_for_task_and_comment}. */
    static void forComment(HookContext ctx, Row task, UUID commentId, UUID authorId, boolean change,
                           Set<UUID> mentioned) throws SQLException {
        forComment(ctx, task, ctx.tx().byId("entity", (UUID) task.get("entity_id")), commentId, authorId, change,
                mentioned);
    }

    /** {@link #forComment(HookContext, Row, UUID, UUID, boolean, Set)} with the task's entity already read. */
    static void forComment(HookContext ctx, Row task, Row entity, UUID commentId, UUID authorId, boolean change,
                           Set<UUID> mentioned) throws SQLException {
        UUID project = (UUID) task.get("project_id");
        Set<UUID> recipients = recipients(ctx, task, entity, List.of());
        recipients.remove(authorId);
        for (UUID r : recipients) {
            create(ctx, r, authorId, task.id(), commentId, null, "comment", change, null, project);
        }
        for (UUID r : mentioned) {
            if (!Objects.equals(r, authorId)) {
                create(ctx, r, authorId, task.id(), commentId, null, "mention", false, null, project);
            }
        }
    }

    /** {@code create_notifications_for_task_and_reply}. */
    static void forReply(HookContext ctx, Row task, UUID commentId, UUID commentAuthor, List<UUID> replyAuthors,
                         UUID replyId, UUID authorId, LocalDateTime createdAt, Set<UUID> mentioned)
            throws SQLException {
        UUID project = (UUID) task.get("project_id");
        Set<UUID> recipients = recipients(ctx, task, replyAuthors);
        recipients.remove(authorId);
        if (!Objects.equals(authorId, commentAuthor)) {
            recipients.add(commentAuthor);
        }
        for (UUID r : recipients) {
            create(ctx, r, authorId, task.id(), commentId, replyId, "reply", false, createdAt, project);
        }
        for (UUID r : mentioned) {
            if (!Objects.equals(r, authorId)) {
                create(ctx, r, authorId, task.id(), commentId, replyId, "reply-mention", false, null, project);
            }
        }
    }

    /** {@code create_assignation_notification}: nothing when the assigner assigns themselves. */
    static void forAssignation(HookContext ctx, Row task, UUID personId, UUID authorId) throws SQLException {
        if (authorId == null || authorId.equals(personId)) {
            return;
        }
        create(ctx, personId, authorId, task.id(), null, null, "assignation", false, null,
                (UUID) task.get("project_id"));
    }
}
