package org.zou4j.http.internal.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.user.CurrentUser;

/** Zou's {@code user} blueprint (the signed-in person's routes) and {@code search} ({@code POST /data/search}). */
public final class UserRoutes {

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        // context and open projects
        get(r, "/data/user/context", c -> user(c).context());
        get(r, "/data/user/projects/open", c -> user(c).openProjects(c.query().first("name").orElse(null)));
        // to-dos
        get(r, "/data/user/tasks", c -> user(c).todos());
        get(r, "/data/user/done-tasks", c -> user(c).doneTasks());
        get(r, "/data/user/tasks-to-check", c -> user(c).tasksToCheck());
        // navigation of assigned work
        for (String kind : List.of("assets/<asset_id>", "shots/<shot_id>", "scenes/<scene_id>",
                "sequences/<sequence_id>")) {
            String param = kind.substring(kind.indexOf('<') + 1, kind.length() - 1);
            get(r, "/data/user/" + kind + "/tasks", c -> user(c).entityTasks(c.param(param)));
            get(r, "/data/user/" + kind + "/task-types", c -> user(c).entityTaskTypes(c.param(param)));
        }
        get(r, "/data/user/projects/<project_id>/asset-types", c -> user(c).projectAssetTypes(c.param("project_id")));
        get(r, "/data/user/projects/<project_id>/asset-types/<asset_type_id>/assets",
                c -> user(c).assetTypeAssets(c.param("project_id"), c.param("asset_type_id")));
        get(r, "/data/user/projects/<project_id>/sequences", c -> user(c).projectSequences(c.param("project_id")));
        get(r, "/data/user/projects/<project_id>/episodes", c -> user(c).projectEpisodes(c.param("project_id")));
        get(r, "/data/user/sequences/<sequence_id>/shots", c -> user(c).sequenceShots(c.param("sequence_id")));
        get(r, "/data/user/sequences/<sequence_id>/scenes", c -> user(c).sequenceScenes(c.param("sequence_id")));
        // filters and filter groups
        get(r, "/data/user/filters", c -> user(c).filters());
        r.add(Route.of("POST", "/data/user/filters", true,
                c -> c.json().answer(201, user(c).createFilter(body(c)))));
        r.add(Route.of("PUT", "/data/user/filters/<filter_id>", true,
                c -> c.json().ok(user(c).updateFilter(c.param("filter_id"), body(c)))));
        r.add(Route.of("DELETE", "/data/user/filters/<filter_id>", true, c -> {
            user(c).deleteFilter(c.param("filter_id"));
            return HttpResponse.noContent();
        }));
        get(r, "/data/user/filter-groups", c -> user(c).filterGroups());
        r.add(Route.of("POST", "/data/user/filter-groups", true,
                c -> c.json().answer(201, user(c).createFilterGroup(body(c)))));
        get(r, "/data/user/filter-groups/<filter_group_id>", c -> user(c).filterGroup(c.param("filter_group_id")));
        r.add(Route.of("PUT", "/data/user/filter-groups/<filter_group_id>", true,
                c -> c.json().ok(user(c).updateFilterGroup(c.param("filter_group_id"), body(c)))));
        r.add(Route.of("DELETE", "/data/user/filter-groups/<filter_group_id>", true, c -> {
            user(c).deleteFilterGroup(c.param("filter_group_id"));
            return HttpResponse.noContent();
        }));
        // notifications
        get(r, "/data/user/notifications", c -> user(c).notifications(notificationFilters(c)));
        get(r, "/data/user/notifications/<notification_id>", c -> user(c).notification(c.param("notification_id")));
        r.add(Route.of("PUT", "/data/user/notifications/<notification_id>", true,
                c -> c.json().ok(user(c).updateNotification(c.param("notification_id"), body(c)))));
        r.add(Route.of("POST", "/actions/user/notifications/mark-all-as-read", true,
                c -> c.json().ok(user(c).markAllNotificationsAsRead())));
        // subscriptions
        get(r, "/data/user/tasks/<task_id>/subscribed", c -> user(c).taskSubscribed(c.param("task_id")));
        r.add(Route.of("POST", "/actions/user/tasks/<task_id>/subscribe", true,
                c -> c.json().answer(201, user(c).subscribeToTask(c.param("task_id")))));
        r.add(Route.of("DELETE", "/actions/user/tasks/<task_id>/unsubscribe", true, c -> {
            user(c).unsubscribeFromTask(c.param("task_id"));
            return HttpResponse.noContent();
        }));
        r.add(Route.of("POST", "/actions/user/tasks/subscribe", true,
                c -> c.json().answer(201, user(c).subscribeToTasks(c.jsonBody()))));
        r.add(Route.of("POST", "/actions/user/tasks/unsubscribe", true,
                c -> c.json().ok(user(c).unsubscribeFromTasks(c.jsonBody()))));
        for (String prefix : List.of("/data/user/sequences/<sequence_id>", "/data/user/entities/<sequence_id>")) {
            get(r, prefix + "/task-types/<task_type_id>/subscribed",
                    c -> user(c).sequenceSubscribed(c.param("sequence_id"), c.param("task_type_id")));
        }
        r.add(Route.of("POST", "/actions/user/sequences/<sequence_id>/task-types/<task_type_id>/subscribe", true,
                c -> c.json().answer(201, user(c).subscribeToSequence(c.param("sequence_id"),
                        c.param("task_type_id")))));
        r.add(Route.of("DELETE", "/actions/user/sequences/<sequence_id>/task-types/<task_type_id>/unsubscribe", true,
                c -> {
                    user(c).unsubscribeFromSequence(c.param("sequence_id"), c.param("task_type_id"));
                    return HttpResponse.noContent();
                }));
        get(r, "/data/user/projects/<project_id>/task-types/<task_type_id>/sequence-subscriptions",
                c -> user(c).sequenceSubscriptions(c.param("project_id"), c.param("task_type_id")));
        // time spents, days off, desktop logins
        get(r, "/data/user/time-spents", c -> user(c).timeSpents(c.query().first("start_date").orElse(null),
                c.query().first("end_date").orElse(null)));
        get(r, "/data/user/time-spents/<date>", c -> user(c).timeSpentsOn(c.param("date")));
        get(r, "/data/user/tasks/<task_id>/time-spents/<date>",
                c -> user(c).taskTimeSpent(c.param("task_id"), c.param("date")));
        get(r, "/data/user/day-offs/<date>", c -> user(c).dayOff(c.param("date")));
        get(r, "/data/user/desktop-login-logs", c -> user(c).desktopLoginLogs());
        r.add(Route.of("POST", "/data/user/desktop-login-logs", true,
                c -> c.json().answer(201, user(c).addDesktopLoginLog(body(c)))));
        // avatar and chats
        r.add(Route.of("DELETE", "/actions/user/clear-avatar", true, c -> {
            user(c).clearAvatar();
            return HttpResponse.noContent();
        }));
        get(r, "/data/user/chats", c -> user(c).chats());
        r.add(Route.of("POST", "/actions/user/chats/<entity_id>/join", true,
                c -> c.json().ok(user(c).joinChat(c.param("entity_id")))));
        r.add(Route.of("DELETE", "/actions/user/chats/<entity_id>/join", true, c -> {
            user(c).leaveChat(c.param("entity_id"));
            return HttpResponse.noContent();
        }));
        // search blueprint
        r.add(Route.of("POST", "/data/search", true, c -> c.json().ok(user(c).search(c.jsonObjectBody()))));
        return r;
    }

    @FunctionalInterface
    private interface Read {
        Object answer(Call call);
    }

    private static void get(List<Route> routes, String path, Read read) {
        routes.add(Route.of("GET", path, true, c -> c.json().ok(read.answer(c))));
    }

    private static CurrentUser user(Call call) {
        return call.session().user();
    }

    /**
     * A body as Zou's argument parsers read it: the JSON object when there is one, else the query string and form
     * values (an empty body is no arguments).
     */
    private static Map<String, Object> body(Call call) {
        Map<String, Object> args = new LinkedHashMap<>();
        call.request().queryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                args.put(k, v.get(0));
            }
        });
        boolean json = call.request().contentType().map(t -> t.contains("json")).orElse(false);
        if (json && !call.request().bodyAsString().isBlank()) {
            Map<String, Object> body = call.jsonObjectBody();
            if (body != null) {
                args.putAll(body);
            }
        }
        return args;
    }

    private static Map<String, String> notificationFilters(Call call) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String key : List.of("after", "before", "task_type_id", "task_status_id", "type", "read",
                "watching")) {
            call.query().first(key).ifPresent(v -> f.put(key, v));
        }
        return f;
    }
}
