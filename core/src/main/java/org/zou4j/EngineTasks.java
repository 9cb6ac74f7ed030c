package org.zou4j;

import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.tasks.CommentService;
import org.zou4j.internal.tasks.TaskService;
import org.zou4j.tasks.NewComment;
import org.zou4j.tasks.Tasks;
import org.zou4j.tasks.Upload;

/** The engine's {@link Tasks}: the task-area services bound to one caller. */
final class EngineTasks implements Tasks {
    private final CommentService comments;
    private final TaskService tasks;
    private final Caller caller;

    EngineTasks(CommentService comments, TaskService tasks, Caller caller) {
        this.comments = comments;
        this.tasks = tasks;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> comment(String taskId, NewComment comment) {
        return comments.comment(caller, taskId, comment);
    }

    @Override
    public Map<String, Object> acknowledge(String taskId, String commentId) {
        return comments.acknowledge(caller, taskId, commentId);
    }

    @Override
    public Map<String, Object> reply(String taskId, String commentId, String text, List<Upload> files) {
        return comments.reply(caller, taskId, commentId, text, files == null ? List.of() : files);
    }

    @Override
    public Map<String, Object> deleteReply(String taskId, String commentId, String replyId) {
        return comments.deleteReply(caller, taskId, commentId, replyId);
    }

    @Override
    public List<Map<String, Object>> comments(String taskId) {
        return tasks.taskComments(caller, taskId);
    }

    @Override
    public Map<String, Object> comment(String taskId, String commentId) {
        return tasks.taskComment(caller, taskId, commentId);
    }

    @Override
    public void deleteComment(String taskId, String commentId) {
        tasks.deleteTaskComment(caller, taskId, commentId);
    }

    @Override
    public Map<String, Object> assign(String taskId, String personId) {
        return tasks.assign(caller, taskId, personId);
    }

    @Override
    public List<Map<String, Object>> assign(String personId, List<String> taskIds) {
        return tasks.assignMany(caller, personId, taskIds);
    }

    @Override
    public List<String> clearAssignation(List<String> taskIds, String personId) {
        return tasks.clearAssignation(caller, taskIds, personId);
    }

    @Override
    public Map<String, Object> fullTask(String taskId) {
        return tasks.fullTask(caller, taskId);
    }

    @Override
    public List<Map<String, Object>> entityTasks(String entityId, String taskTypeId) {
        return tasks.entityTasks(caller, entityId, taskTypeId);
    }

    @Override
    public List<Map<String, Object>> personTasks(String personId, boolean done) {
        return tasks.personTasks(caller, personId, done);
    }

    @Override
    public Map<String, Object> openTasks(Query query) {
        return tasks.openTasks(caller, query);
    }

    @Override
    public Map<String, Object> setTimeSpent(String taskId, String date, String personId, Object duration,
                                            boolean add) {
        return tasks.setTimeSpent(caller, taskId, date, personId, duration, add);
    }

    @Override
    public Map<String, Object> deleteTimeSpent(String taskId, String date, String personId) {
        return tasks.deleteTimeSpent(caller, taskId, date, personId);
    }

    @Override
    public Map<String, Object> timeSpents(String taskId, String date) {
        return tasks.timeSpents(caller, taskId, date);
    }

    @Override
    public List<Map<String, Object>> addAttachments(String taskId, String commentId, List<Upload> files) {
        return tasks.actions().addAttachments(caller, taskId, commentId, files == null ? List.of() : files);
    }

    @Override
    public void deleteAttachment(String taskId, String commentId, String attachmentFileId) {
        tasks.actions().deleteAttachment(caller, taskId, commentId, attachmentFileId);
    }

    @Override
    public org.zou4j.tasks.AttachmentDownload attachment(String attachmentFileId) {
        return tasks.actions().download(caller, attachmentFileId);
    }

    @Override
    public org.zou4j.assets.JsonStream projectAttachmentFiles(String projectId) {
        return tasks.actions().projectAttachmentFiles(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> taskAttachmentFiles(String taskId) {
        return tasks.actions().taskAttachmentFiles(caller, taskId);
    }

    @Override
    public Map<String, Object> moveComment(String taskId, String commentId, String targetTaskId) {
        return tasks.actions().move(caller, taskId, commentId, targetTaskId);
    }

    @Override
    public List<Map<String, Object>> commentMany(String projectId, List<?> comments) {
        return tasks.actions().commentMany(caller, projectId, comments);
    }

    @Override
    public Map<String, Object> projectNews(String projectId, Query query) {
        return tasks.news().projectNews(caller, projectId, query);
    }

    @Override
    public Map<String, Object> openProjectsNews(Query query) {
        return tasks.news().openProjectsNews(caller, query);
    }

    @Override
    public Map<String, Object> news(String projectId, String newsId) {
        return tasks.news().oneNews(caller, projectId, newsId);
    }

    @Override
    public List<Map<String, Object>> createTasks(String projectId, String taskTypeId, String kind,
                                                 List<String> entityIds, String episodeId) {
        return tasks.taskActions().createTasks(caller, projectId, taskTypeId, kind, entityIds, episodeId);
    }

    @Override
    public List<String> deleteTasks(String projectId, List<String> taskIds) {
        return tasks.taskActions().deleteTasks(caller, projectId, taskIds);
    }

    @Override
    public void deleteTasksOfType(String projectId, String taskTypeId) {
        tasks.taskActions().deleteTasksOfType(caller, projectId, taskTypeId);
    }

    @Override
    public Map<String, Object> toReview(String taskId, Map<String, Object> body) {
        return tasks.taskActions().toReview(caller, taskId, body == null ? Map.of() : body);
    }

    @Override
    public List<Map<String, Object>> setPriority(List<String> taskIds, Object priority) {
        return tasks.taskActions().setPriority(caller, taskIds, priority);
    }

    @Override
    public Map<String, Object> setMainPreview(String taskId) {
        return tasks.taskActions().setMainPreview(caller, taskId);
    }

    @Override
    public List<Map<String, Object>> setMainPreviews(List<String> taskIds) {
        return tasks.taskActions().setMainPreviews(caller, taskIds);
    }

    @Override
    public Map<String, Object> addPreview(String taskId, String commentId, Object revision) {
        return tasks.taskActions().addPreview(caller, taskId, commentId, revision);
    }

    @Override
    public Map<String, Object> addExtraPreview(String taskId, String commentId, String previewFileId) {
        return tasks.taskActions().addExtraPreview(caller, taskId, commentId, previewFileId);
    }

    @Override
    public void removePreview(String taskId, String commentId, String previewFileId) {
        tasks.taskActions().removePreview(caller, taskId, commentId, previewFileId);
    }

    @Override
    public org.zou4j.assets.JsonStream projectComments(String projectId, Query query) {
        return tasks.lists().projectComments(caller, projectId, query);
    }

    @Override
    public org.zou4j.assets.JsonStream projectNotifications(String projectId, Query query) {
        return tasks.lists().projectNotifications(caller, projectId, query);
    }

    @Override
    public org.zou4j.assets.JsonStream projectPreviewFiles(String projectId, Query query) {
        return tasks.lists().projectPreviewFiles(caller, projectId, query);
    }

    @Override
    public org.zou4j.assets.JsonStream projectSubscriptions(String projectId) {
        return tasks.lists().projectSubscriptions(caller, projectId);
    }

    @Override
    public org.zou4j.assets.JsonStream projectTasks(String projectId, Query query) {
        return tasks.lists().projectTasks(caller, projectId, query);
    }

    @Override
    public List<Map<String, Object>> taskPreviews(String taskId) {
        return tasks.lists().taskPreviews(caller, taskId);
    }

    @Override
    public Map<String, Object> openTasksStats() {
        return tasks.lists().openTasksStats(caller);
    }

    @Override
    public List<Map<String, Object>> personsTaskDates(org.zou4j.Query query) {
        return tasks.lists().personsTaskDates(caller, query);
    }

    @Override
    public List<Map<String, Object>> relatedTasks(String personId, String taskTypeId) {
        return tasks.lists().relatedTasks(caller, personId, taskTypeId);
    }
}
