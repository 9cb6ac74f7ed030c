package org.zou4j.tasks;

import java.util.List;
import java.util.Map;

/**
 * What {@code POST /actions/tasks/<id>/comment} carries.
 *
 * @param taskStatusId the status the task gets (required; the task's current one keeps it)
 * @param text         the comment text ({@code @Full Name} and {@code @Department} mention, {@code #tasktype} posts
 *                     the same comment on sibling tasks)
 * @param personId     author to record instead of the caller (managers only; ignored for others), or null
 * @param createdAt    creation date to record (managers only), {@code YYYY-MM-DD HH:MM:SS} or ISO, or null
 * @param checklist    checklist items (JSON objects), or null
 * @param links        links, or null
 * @param forClient    visible to clients (managers only)
 * @param files        attachments, possibly empty
 */
public record NewComment(String taskStatusId, String text, String personId, String createdAt,
                         List<Map<String, Object>> checklist, List<String> links, boolean forClient,
                         List<Upload> files) {
    public NewComment {
        text = text == null ? "" : text;
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
        links = links == null ? List.of() : List.copyOf(links);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A plain comment by the caller. */
    public static NewComment of(String taskStatusId, String text) {
        return new NewComment(taskStatusId, text, null, null, null, null, false, null);
    }
}
