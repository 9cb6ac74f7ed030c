package org.zou4j.http.internal.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.tasks.Tasks;

/** Zou's {@code tasks} blueprint. */
public final class TaskRoutes {
    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

    public List<Route> routes() {
        return List.of(
                Route.of("PUT", "/actions/tasks/<task_id>/assign", true,
                        call -> call.json().ok(tasks(call).assign(call.param("task_id"),
                                CommentRoutes.string(body(call).get("person_id"))))),
                Route.of("PUT", "/actions/persons/<person_id>/assign", true,
                        call -> call.json().ok(tasks(call).assign(call.param("person_id"),
                                ids(body(call).get("task_ids"))))),
                Route.of("PUT", "/actions/tasks/clear-assignation", true, call -> {
                    Map<String, Object> body = body(call);
                    return call.json().ok(tasks(call).clearAssignation(ids(body.get("task_ids")),
                            CommentRoutes.string(body.get("person_id"))));
                }),
                Route.of("GET", "/data/tasks/<task_id>/full", true,
                        call -> call.json().ok(tasks(call).fullTask(call.param("task_id")))),
                Route.of("GET", "/data/entities/<entity_id>/task-types/<task_type_id>/tasks", true,
                        call -> call.json().ok(tasks(call).entityTasks(call.param("entity_id"),
                                call.param("task_type_id")))),
                Route.of("GET", "/data/persons/task-dates", true,
                        call -> call.json().ok(tasks(call).personsTaskDates(call.query()))),
                Route.of("GET", "/data/persons/<person_id>/tasks", true,
                        call -> call.json().ok(tasks(call).personTasks(call.param("person_id"), false))),
                Route.of("GET", "/data/persons/<person_id>/done-tasks", true,
                        call -> call.json().ok(tasks(call).personTasks(call.param("person_id"), true))),
                Route.of("GET", "/data/tasks/open-tasks", true,
                        call -> call.json().ok(tasks(call).openTasks(call.query()))),
                Route.of("GET", "/data/tasks/<task_id>/comments", true,
                        call -> call.json().ok(tasks(call).comments(call.param("task_id")))),
                Route.of("GET", "/data/tasks/<task_id>/comments/<comment_id>", true,
                        call -> call.json().ok(tasks(call).comment(call.param("task_id"),
                                call.param("comment_id")))),
                Route.of("DELETE", "/data/tasks/<task_id>/comments/<comment_id>", true, call -> {
                    tasks(call).deleteComment(call.param("task_id"), call.param("comment_id"));
                    return HttpResponse.noContent();
                }),
                Route.of("POST", "/actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>", true,
                        call -> call.json().answer(201, tasks(call).setTimeSpent(call.param("task_id"),
                                call.param("date"), call.param("person_id"), body(call).get("duration"), false))),
                Route.of("POST", "/actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>/add", true,
                        call -> call.json().answer(201, tasks(call).setTimeSpent(call.param("task_id"),
                                call.param("date"), call.param("person_id"), body(call).get("duration"), true))),
                Route.of("DELETE", "/actions/tasks/<task_id>/time-spents/<date>/persons/<person_id>", true,
                        call -> call.json().answer(201, tasks(call).deleteTimeSpent(call.param("task_id"),
                                call.param("date"), call.param("person_id")))),
                Route.of("GET", "/actions/tasks/<task_id>/time-spents", true,
                        call -> call.json().ok(tasks(call).timeSpents(call.param("task_id"), null))),
                Route.of("GET", "/actions/tasks/<task_id>/time-spents/<date>", true,
                        call -> call.json().ok(tasks(call).timeSpents(call.param("task_id"), call.param("date")))),
                createTasks("/assets/create-tasks", "asset"),
                createTasks("/shots/create-tasks", "shot"),
                createTasks("/edits/create-tasks", "edit"),
                createTasks("/concepts/create-tasks", "concept"),
                createTasks("/create-tasks/<entity_type>", null),
                Route.of("POST", "/actions/projects/<project_id>/delete-tasks", true,
                        call -> call.json().ok(tasks(call).deleteTasks(call.param("project_id"),
                                idList(call, true)))),
                Route.of("DELETE", "/actions/projects/<project_id>/task-types/<task_type_id>/delete-tasks", true,
                        call -> {
                            tasks(call).deleteTasksOfType(call.param("project_id"), call.param("task_type_id"));
                            return HttpResponse.noContent();
                        }),
                Route.of("PUT", "/actions/tasks/<task_id>/to-review", true,
                        call -> call.json().ok(tasks(call).toReview(call.param("task_id"), optionalObject(call)))),
                Route.of("PUT", "/actions/tasks/set-priority", true, call -> {
                    Map<String, Object> body = body(call);
                    return call.json().ok(tasks(call).setPriority(ids(body.get("task_ids")), body.get("priority")));
                }),
                Route.of("PUT", "/actions/tasks/<task_id>/set-main-preview", true,
                        call -> call.json().ok(tasks(call).setMainPreview(call.param("task_id")))),
                Route.of("PUT", "/actions/tasks/set-main-preview", true,
                        call -> call.json().ok(tasks(call).setMainPreviews(ids(body(call).get("task_ids"))))),
                Route.of("POST", "/actions/tasks/<task_id>/comments/<comment_id>/add-preview", true,
                        call -> call.json().answer(201, tasks(call).addPreview(call.param("task_id"),
                                call.param("comment_id"), optionalObject(call).get("revision")))),
                Route.of("POST", "/actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>",
                        true, call -> call.json().answer(201, tasks(call).addExtraPreview(call.param("task_id"),
                                call.param("comment_id"), call.param("preview_file_id")))),
                Route.of("DELETE", "/actions/tasks/<task_id>/comments/<comment_id>/preview-files/<preview_file_id>",
                        true, call -> {
                            tasks(call).removePreview(call.param("task_id"), call.param("comment_id"),
                                    call.param("preview_file_id"));
                            return HttpResponse.noContent();
                        }),
                Route.of("GET", "/data/projects/<project_id>/comments", true,
                        call -> AssetRoutes.stream(call, tasks(call).projectComments(call.param("project_id"),
                                call.query()))),
                Route.of("GET", "/data/projects/<project_id>/notifications", true,
                        call -> AssetRoutes.stream(call, tasks(call).projectNotifications(call.param("project_id"),
                                call.query()))),
                Route.of("GET", "/data/projects/<project_id>/preview-files", true,
                        call -> AssetRoutes.stream(call, tasks(call).projectPreviewFiles(call.param("project_id"),
                                call.query()))),
                Route.of("GET", "/data/projects/<project_id>/subscriptions", true,
                        call -> AssetRoutes.stream(call, tasks(call).projectSubscriptions(call.param("project_id")))),
                Route.of("GET", "/data/projects/<project_id>/tasks", true,
                        call -> AssetRoutes.stream(call, tasks(call).projectTasks(call.param("project_id"),
                                call.query()))),
                Route.of("GET", "/data/tasks/<task_id>/previews", true,
                        call -> call.json().ok(tasks(call).taskPreviews(call.param("task_id")))),
                Route.of("GET", "/data/tasks/open-tasks/stats", true,
                        call -> call.json().ok(tasks(call).openTasksStats())),
                Route.of("GET", "/data/persons/<person_id>/related-tasks/<task_type_id>", true,
                        call -> call.json().ok(tasks(call).relatedTasks(call.param("person_id"),
                                call.param("task_type_id")))));
    }

    /** {@code POST /actions/projects/<project_id>/task-types/<task_type_id><tail>}. */
    private static Route createTasks(String tail, String kind) {
        return Route.of("POST", "/actions/projects/<project_id>/task-types/<task_type_id>" + tail, true,
                call -> call.json().answer(201, tasks(call).createTasks(call.param("project_id"),
                        call.param("task_type_id"), kind != null ? kind
                                : call.param("entity_type").toLowerCase(java.util.Locale.ROOT),
                        idList(call, false), call.query().first("episode_id").orElse(null))));
    }

    /** Zou's {@code validate_id_list}: a JSON array of ids; when not {@code required}, no body means null. */
    private static List<String> idList(Call call, boolean required) {
        Object body = optionalBody(call);
        if (!(body instanceof List<?> list)) {
            if (!required && (body == null || body instanceof Map<?, ?> m && m.isEmpty())) {
                return null;
            }
            throw ZouException.wrongParameter("Request body must be a JSON array.");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String text) || !UUID_TEXT.matcher(text).matches()) {
                throw ZouException.wrongParameter("Request body must only contain valid UUIDs.");
            }
            out.add(text);
        }
        return out;
    }

    /** A JSON body when one is sent (none, or not JSON: null). */
    private static Object optionalBody(Call call) {
        String type = call.request().contentType().orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).contains("json") || call.bodyText().isBlank()) {
            return null;
        }
        return call.jsonBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalObject(Call call) {
        Object body = optionalBody(call);
        if (body == null) {
            return Map.of();
        }
        if (!(body instanceof Map<?, ?>)) {
            throw ZouException.wrongParameter("The request body must be a JSON object.");
        }
        return (Map<String, Object>) body;
    }

    private static Tasks tasks(Call call) {
        return call.session().tasks();
    }

    private static Map<String, Object> body(Call call) {
        Map<String, Object> body = call.jsonObjectBody();
        return body == null ? Map.of() : body;
    }

    private static List<String> ids(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw ZouException.wrongParameter("task_ids must be a list of ids.");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
