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
                        call -> call.json().ok(tasks(call).timeSpents(call.param("task_id"), call.param("date")))));
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
