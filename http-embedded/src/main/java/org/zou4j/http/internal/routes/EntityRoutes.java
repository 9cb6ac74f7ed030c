package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.AssetRoutes.assets;

import java.util.List;
import org.zou4j.http.internal.Route;

/** Zou's {@code entities} blueprint: routes on an entity of any kind. */
public final class EntityRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/entities/<entity_id>/news", true,
                        call -> call.json().ok(assets(call).news(call.param("entity_id")))),
                Route.of("GET", "/data/entities/<entity_id>/preview-files", true,
                        call -> call.json().ok(assets(call).entityPreviewFiles(call.param("entity_id")))),
                Route.of("GET", "/data/entities/<entity_id>/time-spents", true,
                        call -> call.json().ok(assets(call).timeSpents(call.param("entity_id")))),
                Route.of("GET", "/data/entities/<entity_id>/entities-linked/with-tasks", true,
                        call -> call.json().ok(assets(call).linkedWithTasks(call.param("entity_id")))),
                Route.of("POST", "/data/entities/<entity_id>/tasks", true,
                        call -> call.json().answer(201, assets(call).createTasks(call.param("entity_id"),
                                call.jsonObjectBody()))),
                Route.of("POST", "/actions/projects/<project_id>/delete-entities", true,
                        call -> call.json().ok(assets(call).deleteEntities(call.param("project_id"),
                                call.jsonBody(), call.query().flag("force")))));
    }
}
