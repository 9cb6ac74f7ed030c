package org.zou4j;

import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.user.UserNotifications;
import org.zou4j.user.CurrentUser;

/** The engine's {@link CurrentUser}: the user-area services bound to one caller. */
final class EngineCurrentUser implements CurrentUser {
    private final UserArea area;
    private final Caller caller;

    EngineCurrentUser(UserArea area, Caller caller) {
        this.area = area;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> context() {
        return area.context().context(caller);
    }

    @Override
    public List<Map<String, Object>> openProjects(String name) {
        return area.context().openProjects(caller, name);
    }

    @Override
    public List<Map<String, Object>> todos() {
        return area.tasks().todos(caller);
    }

    @Override
    public List<Map<String, Object>> doneTasks() {
        return area.tasks().doneTasks(caller);
    }

    @Override
    public List<Map<String, Object>> tasksToCheck() {
        return area.tasks().tasksToCheck(caller);
    }

    @Override
    public List<Map<String, Object>> entityTasks(String entityId) {
        return area.tasks().entityTasks(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> entityTaskTypes(String entityId) {
        return area.tasks().entityTaskTypes(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> projectAssetTypes(String projectId) {
        return area.tasks().projectAssetTypes(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> assetTypeAssets(String projectId, String assetTypeId) {
        return area.tasks().assetTypeAssets(caller, projectId, assetTypeId);
    }

    @Override
    public List<Map<String, Object>> projectSequences(String projectId) {
        return area.tasks().projectSequences(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> projectEpisodes(String projectId) {
        return area.tasks().projectEpisodes(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> sequenceShots(String sequenceId) {
        return area.tasks().sequenceChildren(caller, sequenceId, "Shot");
    }

    @Override
    public List<Map<String, Object>> sequenceScenes(String sequenceId) {
        return area.tasks().sequenceChildren(caller, sequenceId, "Scene");
    }

    @Override
    public Map<String, Object> filters() {
        return area.filters().filters(caller);
    }

    @Override
    public Map<String, Object> createFilter(Map<String, Object> body) {
        return area.filters().createFilter(caller, body);
    }

    @Override
    public Map<String, Object> updateFilter(String filterId, Map<String, Object> body) {
        return area.filters().updateFilter(caller, filterId, body);
    }

    @Override
    public void deleteFilter(String filterId) {
        area.filters().deleteFilter(caller, filterId);
    }

    @Override
    public Map<String, Object> filterGroups() {
        return area.filters().filterGroups(caller);
    }

    @Override
    public Map<String, Object> createFilterGroup(Map<String, Object> body) {
        return area.filters().createGroup(caller, body);
    }

    @Override
    public Map<String, Object> filterGroup(String groupId) {
        return area.filters().group(caller, groupId);
    }

    @Override
    public Map<String, Object> updateFilterGroup(String groupId, Map<String, Object> body) {
        return area.filters().updateGroup(caller, groupId, body);
    }

    @Override
    public void deleteFilterGroup(String groupId) {
        area.filters().deleteGroup(caller, groupId);
    }

    @Override
    public List<Map<String, Object>> notifications(Map<String, String> filters) {
        return area.notifications().notifications(caller, notificationQuery(filters));
    }

    @Override
    public Map<String, Object> notification(String notificationId) {
        return area.notifications().notification(caller, notificationId);
    }

    @Override
    public Map<String, Object> updateNotification(String notificationId, Map<String, Object> body) {
        return area.notifications().setRead(caller, notificationId, body);
    }

    @Override
    public Map<String, Object> markAllNotificationsAsRead() {
        return area.notifications().markAllRead(caller);
    }

    @Override
    public boolean taskSubscribed(String taskId) {
        return area.notifications().taskSubscribed(caller, taskId);
    }

    @Override
    public Map<String, Object> subscribeToTask(String taskId) {
        return area.notifications().subscribeTask(caller, taskId);
    }

    @Override
    public void unsubscribeFromTask(String taskId) {
        area.notifications().unsubscribeTask(caller, taskId);
    }

    @Override
    public List<Map<String, Object>> subscribeToTasks(Object body) {
        return area.notifications().subscribeTasks(caller, body);
    }

    @Override
    public List<String> unsubscribeFromTasks(Object body) {
        return area.notifications().unsubscribeTasks(caller, body);
    }

    @Override
    public boolean sequenceSubscribed(String sequenceId, String taskTypeId) {
        return area.notifications().sequenceSubscribed(caller, sequenceId, taskTypeId);
    }

    @Override
    public Map<String, Object> subscribeToSequence(String sequenceId, String taskTypeId) {
        return area.notifications().subscribeSequence(caller, sequenceId, taskTypeId);
    }

    @Override
    public void unsubscribeFromSequence(String sequenceId, String taskTypeId) {
        area.notifications().unsubscribeSequence(caller, sequenceId, taskTypeId);
    }

    @Override
    public List<String> sequenceSubscriptions(String projectId, String taskTypeId) {
        return area.notifications().sequenceSubscriptions(caller, projectId, taskTypeId);
    }

    @Override
    public List<Map<String, Object>> timeSpents(String startDate, String endDate) {
        return area.activity().timeSpents(caller, startDate, endDate);
    }

    @Override
    public List<Map<String, Object>> timeSpentsOn(String date) {
        return area.activity().timeSpentsOn(caller, date);
    }

    @Override
    public Map<String, Object> taskTimeSpent(String taskId, String date) {
        return area.activity().taskTimeSpent(caller, taskId, date);
    }

    @Override
    public Map<String, Object> dayOff(String date) {
        return area.activity().dayOff(caller, date);
    }

    @Override
    public List<Map<String, Object>> desktopLoginLogs() {
        return area.activity().desktopLoginLogs(caller);
    }

    @Override
    public Map<String, Object> addDesktopLoginLog(Map<String, Object> body) {
        return area.activity().addDesktopLoginLog(caller, body);
    }

    @Override
    public void clearAvatar() {
        area.activity().clearAvatar(caller);
    }

    @Override
    public List<Map<String, Object>> chats() {
        return area.activity().chats(caller);
    }

    @Override
    public Map<String, Object> joinChat(String entityId) {
        return area.activity().joinChat(caller, entityId, true);
    }

    @Override
    public void leaveChat(String entityId) {
        area.activity().joinChat(caller, entityId, false);
    }

    @Override
    public Map<String, Object> search(Map<String, Object> body) {
        return area.search().search(caller, body == null ? Map.of() : body);
    }

    private static UserNotifications.NotificationQuery notificationQuery(Map<String, String> f) {
        if (f == null) {
            return UserNotifications.NotificationQuery.none();
        }
        return new UserNotifications.NotificationQuery(f.get("after"), f.get("before"), f.get("task_type_id"),
                f.get("task_status_id"), f.get("type"), flag(f.get("read")), flag(f.get("watching")));
    }

    private static Boolean flag(String v) {
        if (v == null) {
            return null;
        }
        return v.equalsIgnoreCase("true") || v.equals("1");
    }
}
