package org.zou4j.http.internal.routes;

import java.util.List;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.tasks.Tasks;

/** Zou's {@code news} blueprint. */
public final class NewsRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/projects/news", true,
                        call -> call.json().ok(tasks(call).openProjectsNews(call.query()))),
                Route.of("GET", "/data/projects/<project_id>/news", true,
                        call -> call.json().ok(tasks(call).projectNews(call.param("project_id"), call.query()))),
                Route.of("GET", "/data/projects/<project_id>/news/<news_id>", true,
                        call -> call.json().ok(tasks(call).news(call.param("project_id"), call.param("news_id")))));
    }

    private static Tasks tasks(Call call) {
        return call.session().tasks();
    }
}
