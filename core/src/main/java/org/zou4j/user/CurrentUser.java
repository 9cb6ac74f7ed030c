package org.zou4j.user;

import java.util.List;
import java.util.Map;

/**
 * Zou's {@code user} routes for the session's person ({@code session.user()}): the start-up context, open projects,
 * to-dos, filters, notifications, subscriptions, time spents, chats. Everything is scoped to what the person may
 * see. Answers are JSON values exactly as Zou's routes answer them; errors are {@link org.zou4j.ZouException}s.
 */
public interface CurrentUser {

    /** {@code GET /data/user/context}: projects, persons, types, statuses, filters, notification count, ... */
    Map<String, Object> context();

    /** {@code GET /data/user/projects/open}, optionally only the project named {@code name} (null: all). */
    List<Map<String, Object>> openProjects(String name);

    /** {@code GET /data/user/tasks}: unfinished tasks assigned to the person in open projects. */
    List<Map<String, Object>> todos();

    /** {@code GET /data/user/done-tasks}. */
    List<Map<String, Object>> doneTasks();

    /** {@code GET /data/user/tasks-to-check}: feedback requests (managers, supervisors, admins). */
    List<Map<String, Object>> tasksToCheck();

    /** {@code GET /data/user/(assets|shots|scenes|sequences)/<id>/tasks}. */
    List<Map<String, Object>> entityTasks(String entityId);

    /** {@code GET /data/user/(assets|shots|scenes|sequences)/<id>/task-types}. */
    List<Map<String, Object>> entityTaskTypes(String entityId);

    /** {@code GET /data/user/projects/<id>/asset-types}. */
    List<Map<String, Object>> projectAssetTypes(String projectId);

    /** {@code GET /data/user/projects/<id>/asset-types/<asset_type_id>/assets}. */
    List<Map<String, Object>> assetTypeAssets(String projectId, String assetTypeId);

    /** {@code GET /data/user/projects/<id>/sequences}. */
    List<Map<String, Object>> projectSequences(String projectId);

    /** {@code GET /data/user/projects/<id>/episodes}. */
    List<Map<String, Object>> projectEpisodes(String projectId);

    /** {@code GET /data/user/sequences/<id>/shots}. */
    List<Map<String, Object>> sequenceShots(String sequenceId);

    /** {@code GET /data/user/sequences/<id>/scenes}. */
    List<Map<String, Object>> sequenceScenes(String sequenceId);

    // ---- filters

    /** {@code GET /data/user/filters}: list type → project id (or {@code all}) → filters. */
    Map<String, Object> filters();

    /** {@code POST /data/user/filters}. */
    Map<String, Object> createFilter(Map<String, Object> body);

    /** {@code PUT /data/user/filters/<id>}. */
    Map<String, Object> updateFilter(String filterId, Map<String, Object> body);

    /** {@code DELETE /data/user/filters/<id>}. */
    void deleteFilter(String filterId);

    /** {@code GET /data/user/filter-groups}. */
    Map<String, Object> filterGroups();

    /** {@code POST /data/user/filter-groups}. */
    Map<String, Object> createFilterGroup(Map<String, Object> body);

    /** {@code GET /data/user/filter-groups/<id>}. */
    Map<String, Object> filterGroup(String groupId);

    /** {@code PUT /data/user/filter-groups/<id>}. */
    Map<String, Object> updateFilterGroup(String groupId, Map<String, Object> body);

    /** {@code DELETE /data/user/filter-groups/<id>} (with its filters). */
    void deleteFilterGroup(String groupId);

    // ---- notifications and subscriptions

    /**
     * {@code GET /data/user/notifications}: the last 100. {@code filters} keys (all optional): {@code after},
     * {@code before}, {@code task_type_id}, {@code task_status_id}, {@code type}, {@code read}, {@code watching}.
     */
    List<Map<String, Object>> notifications(Map<String, String> filters);

    /** {@code GET /data/user/notifications/<id>}. */
    Map<String, Object> notification(String notificationId);

    /** {@code PUT /data/user/notifications/<id>} with {@code {"read": bool}}. */
    Map<String, Object> updateNotification(String notificationId, Map<String, Object> body);

    /** {@code POST /actions/user/notifications/mark-all-as-read}. */
    Map<String, Object> markAllNotificationsAsRead();

    /** {@code GET /data/user/tasks/<id>/subscribed}. */
    boolean taskSubscribed(String taskId);

    /** {@code POST /actions/user/tasks/<id>/subscribe}. */
    Map<String, Object> subscribeToTask(String taskId);

    /** {@code DELETE /actions/user/tasks/<id>/unsubscribe}. */
    void unsubscribeFromTask(String taskId);

    /** {@code POST /actions/user/tasks/subscribe} with {@code {"task_ids": [...]}}. */
    List<Map<String, Object>> subscribeToTasks(Object body);

    /** {@code POST /actions/user/tasks/unsubscribe} with {@code {"task_ids": [...]}}: answers the ids. */
    List<String> unsubscribeFromTasks(Object body);

    /** {@code GET /data/user/sequences/<id>/task-types/<task_type_id>/subscribed}. */
    boolean sequenceSubscribed(String sequenceId, String taskTypeId);

    /** {@code POST /actions/user/sequences/<id>/task-types/<task_type_id>/subscribe}. */
    Map<String, Object> subscribeToSequence(String sequenceId, String taskTypeId);

    /** {@code DELETE /actions/user/sequences/<id>/task-types/<task_type_id>/unsubscribe}. */
    void unsubscribeFromSequence(String sequenceId, String taskTypeId);

    /** {@code GET /data/user/projects/<id>/task-types/<task_type_id>/sequence-subscriptions}: sequence ids. */
    List<String> sequenceSubscriptions(String projectId, String taskTypeId);

    // ---- own records

    /** {@code GET /data/user/time-spents} (both dates or neither). */
    List<Map<String, Object>> timeSpents(String startDate, String endDate);

    /** {@code GET /data/user/time-spents/<date>}. */
    List<Map<String, Object>> timeSpentsOn(String date);

    /** {@code GET /data/user/tasks/<id>/time-spents/<date>}: null when none. */
    Map<String, Object> taskTimeSpent(String taskId, String date);

    /** {@code GET /data/user/day-offs/<date>}: empty map when none. */
    Map<String, Object> dayOff(String date);

    /** {@code GET /data/user/desktop-login-logs}. */
    List<Map<String, Object>> desktopLoginLogs();

    /** {@code POST /data/user/desktop-login-logs} with optional {@code date}. */
    Map<String, Object> addDesktopLoginLog(Map<String, Object> body);

    /** {@code DELETE /actions/user/clear-avatar}. */
    void clearAvatar();

    /** {@code GET /data/user/chats}. */
    List<Map<String, Object>> chats();

    /** {@code POST /actions/user/chats/<entity_id>/join}. */
    Map<String, Object> joinChat(String entityId);

    /** {@code DELETE /actions/user/chats/<entity_id>/join}. */
    void leaveChat(String entityId);

    /**
     * {@code POST /data/search}: body {@code query} (3 characters at least), {@code limit} (3), {@code offset} (0),
     * {@code project_id}, {@code index_names} (among {@code assets}, {@code shots}, {@code persons}).
     */
    Map<String, Object> search(Map<String, Object> body);
}
