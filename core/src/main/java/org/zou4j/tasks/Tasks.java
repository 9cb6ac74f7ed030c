package org.zou4j.tasks;

import java.util.Map;

/**
 * Zou's task, comment and notification routes for one caller ({@code session.tasks()}): commenting with a status
 * change, and what follows from it. Answers are JSON values exactly as Zou's routes answer them; errors are
 * {@link org.zou4j.ZouException}s with Zou's status and body.
 */
public interface Tasks {

    /**
     * {@code POST /actions/tasks/<task_id>/comment}: in one transaction, the comment (mentions, attachments), the
     * task's new status and derived dates, notifications, news, hashtag copies and status automations.
     *
     * @return the comment as Zou answers it (with {@code task_status}, {@code person}, {@code attachment_files})
     */
    Map<String, Object> comment(String taskId, NewComment comment);

    /** A plain comment by the caller that sets the task's status. */
    default Map<String, Object> comment(String taskId, String taskStatusId, String text) {
        return comment(taskId, NewComment.of(taskStatusId, text));
    }
}
