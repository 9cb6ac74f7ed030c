package org.zou4j.tasks;

import java.util.List;
import java.util.Map;
import org.zou4j.Query;

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

    /** {@code POST /data/tasks/<task_id>/comments/<comment_id>/ack}: toggles the caller's acknowledgement. */
    Map<String, Object> acknowledge(String taskId, String commentId);

    /** {@code POST /data/tasks/<task_id>/comments/<comment_id>/reply}: answers the reply. */
    Map<String, Object> reply(String taskId, String commentId, String text, List<Upload> files);

    /** {@code DELETE /data/tasks/<task_id>/comments/<comment_id>/reply/<reply_id>}: answers the comment. */
    Map<String, Object> deleteReply(String taskId, String commentId, String replyId);

    /** {@code GET /data/tasks/<task_id>/comments}: newest first, as the caller may read them. */
    List<Map<String, Object>> comments(String taskId);

    /** {@code GET /data/tasks/<task_id>/comments/<comment_id>}. */
    Map<String, Object> comment(String taskId, String commentId);

    /** {@code DELETE /data/tasks/<task_id>/comments/<comment_id>}: the task's data is recomputed. */
    void deleteComment(String taskId, String commentId);

    /** {@code PUT /actions/tasks/<task_id>/assign}: answers the task. */
    Map<String, Object> assign(String taskId, String personId);

    /** {@code PUT /actions/persons/<person_id>/assign}: answers the tasks assigned (refused ones are skipped). */
    List<Map<String, Object>> assign(String personId, List<String> taskIds);

    /** {@code PUT /actions/tasks/clear-assignation}: {@code personId} null clears every assignee; answers task ids. */
    List<String> clearAssignation(List<String> taskIds, String personId);

    /** {@code GET /data/tasks/<task_id>/full}: the task with its entity, project, type, status and assignees. */
    Map<String, Object> fullTask(String taskId);

    /** {@code GET /data/entities/<entity_id>/task-types/<task_type_id>/tasks}. */
    List<Map<String, Object>> entityTasks(String entityId, String taskTypeId);

    /** {@code GET /data/persons/<person_id>/tasks} ({@code done=false}) or {@code /done-tasks}. */
    List<Map<String, Object>> personTasks(String personId, boolean done);

    /** {@code GET /data/tasks/open-tasks} with Zou's filters, {@code limit} and {@code page}: Zou's envelope. */
    Map<String, Object> openTasks(Query query);

    /**
     * {@code POST /actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>[/add]}: sets (or adds to) the
     * minutes the person spent on the task that day.
     */
    Map<String, Object> setTimeSpent(String taskId, String date, String personId, Object duration, boolean add);

    /** {@code DELETE /actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>}. */
    Map<String, Object> deleteTimeSpent(String taskId, String date, String personId);

    /** {@code GET /actions/tasks/<task_id>/time-spents[/<date>]} ({@code date} null: all). */
    Map<String, Object> timeSpents(String taskId, String date);

    // ---- comments blueprint: attachments, move, comment-many ----

    /**
     * {@code POST /actions/tasks/<task_id>/comments/<comment_id>/add-attachment}: the comment's author or a project
     * manager adds files; answers the attachment files created.
     */
    List<Map<String, Object>> addAttachments(String taskId, String commentId, List<Upload> files);

    /** {@code DELETE /data/tasks/<task_id>/comments/<comment_id>/attachments/<attachment_file_id>}. */
    void deleteAttachment(String taskId, String commentId, String attachmentFileId);

    /** {@code GET /data/attachment-files/<attachment_file_id>/file/<file_name>}: the bytes (close the result). */
    AttachmentDownload attachment(String attachmentFileId);

    /** {@code GET /data/projects/<project_id>/attachment-files} (admins): streamed. */
    org.zou4j.assets.JsonStream projectAttachmentFiles(String projectId);

    /** {@code GET /data/tasks/<task_id>/attachment-files} (admins). */
    List<Map<String, Object>> taskAttachmentFiles(String taskId);

    /** {@code POST /actions/tasks/<task_id>/comments/<comment_id>/move} to a sibling task: answers the comment. */
    Map<String, Object> moveComment(String taskId, String commentId, String targetTaskId);

    /**
     * {@code POST /actions/projects/<project_id>/tasks/comment-many}: entries {@code object_id},
     * {@code task_status_id}, {@code comment} (optional {@code links}); answers the comments created.
     */
    List<Map<String, Object>> commentMany(String projectId, List<?> comments);

    // ---- news blueprint ----

    /**
     * {@code GET /data/projects/<project_id>/news} with Zou's filters ({@code only_preview}, {@code task_type_id},
     * {@code task_status_id}, {@code episode_id}, {@code person_id}, {@code after}, {@code before}, {@code page},
     * {@code limit}): Zou's page envelope with {@code stats}.
     */
    Map<String, Object> projectNews(String projectId, org.zou4j.Query query);

    /** {@code GET /data/projects/news}: the feed of the caller's open projects (or {@code project_id}'s). */
    Map<String, Object> openProjectsNews(org.zou4j.Query query);

    /** {@code GET /data/projects/<project_id>/news/<news_id>}. */
    Map<String, Object> news(String projectId, String newsId);

    // ---- tasks blueprint: creation, deletion, review, priorities, previews ----

    /**
     * {@code POST /actions/projects/<project_id>/task-types/<task_type_id>/<kind>s/create-tasks} and
     * {@code .../create-tasks/<entity_type>}: a task of the type for each listed entity (or every entity of the kind
     * in the project, {@code episodeId} narrowing, when {@code entityIds} is null); answers the tasks created.
     *
     * @param kind {@code asset}, {@code shot}, {@code edit}, {@code concept} or an entity type name
     */
    List<Map<String, Object>> createTasks(String projectId, String taskTypeId, String kind, List<String> entityIds,
                                          String episodeId);

    /** {@code POST /actions/projects/<project_id>/delete-tasks}: answers the ids given. */
    List<String> deleteTasks(String projectId, List<String> taskIds);

    /** {@code DELETE /actions/projects/<project_id>/task-types/<task_type_id>/delete-tasks} (admins). */
    void deleteTasksOfType(String projectId, String taskTypeId);

    /** {@code PUT /actions/tasks/<task_id>/to-review} ({@code person_id}, {@code comment}, {@code change_status}). */
    Map<String, Object> toReview(String taskId, Map<String, Object> body);

    /** {@code PUT /actions/tasks/set-priority}: answers the tasks updated (others skipped). */
    List<Map<String, Object>> setPriority(List<String> taskIds, Object priority);

    /** {@code PUT /actions/tasks/<task_id>/set-main-preview}: answers the entity. */
    Map<String, Object> setMainPreview(String taskId);

    /** {@code PUT /actions/tasks/set-main-preview} with {@code task_ids}: answers the entities updated. */
    List<Map<String, Object>> setMainPreviews(List<String> taskIds);

    /** {@code POST /actions/tasks/<task_id>/comments/<comment_id>/add-preview} ({@code revision} may be null). */
    Map<String, Object> addPreview(String taskId, String commentId, Object revision);

    /** {@code POST /actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>}. */
    Map<String, Object> addExtraPreview(String taskId, String commentId, String previewFileId);

    /** {@code DELETE /actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>}. */
    void removePreview(String taskId, String commentId, String previewFileId);

    // ---- tasks blueprint: lists ----

    /** {@code GET /data/projects/<project_id>/comments} ({@code page}, {@code limit}): streamed or a page. */
    org.zou4j.assets.JsonStream projectComments(String projectId, org.zou4j.Query query);

    /** {@code GET /data/projects/<project_id>/notifications} (admins; {@code page}). */
    org.zou4j.assets.JsonStream projectNotifications(String projectId, org.zou4j.Query query);

    /** {@code GET /data/projects/<project_id>/preview-files} (admins; {@code page}). */
    org.zou4j.assets.JsonStream projectPreviewFiles(String projectId, org.zou4j.Query query);

    /** {@code GET /data/projects/<project_id>/subscriptions} (admins). */
    org.zou4j.assets.JsonStream projectSubscriptions(String projectId);

    /** {@code GET /data/projects/<project_id>/tasks} ({@code task_type_id}, {@code episode_id}, {@code page}). */
    org.zou4j.assets.JsonStream projectTasks(String projectId, org.zou4j.Query query);

    /** {@code GET /data/tasks/<task_id>/previews}. */
    List<Map<String, Object>> taskPreviews(String taskId);

    /** {@code GET /data/tasks/open-tasks/stats}. */
    Map<String, Object> openTasksStats();

    /**
     * {@code GET /data/persons/task-dates} ({@code project_id}): per person, the first start date and last due date
     * of their assigned tasks, for the team schedule (admins, managers, supervisors).
     */
    List<Map<String, Object>> personsTaskDates(org.zou4j.Query query);

    /** {@code GET /data/persons/<person_id>/related-tasks/<task_type_id>}. */
    List<Map<String, Object>> relatedTasks(String personId, String taskTypeId);
}
