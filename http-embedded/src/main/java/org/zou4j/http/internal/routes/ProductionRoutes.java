package org.zou4j.http.internal.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.Production;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/** Zou's non-generic data routes (zou-data-model.md §1.2 and §1.3). */
public final class ProductionRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/data/task-type-links", true,
                        call -> call.json().answer(201, production(call).linkTaskType(args(call)))),
                Route.of("POST", "/data/task-status-links", true,
                        call -> call.json().answer(201, production(call).linkTaskStatus(args(call)))),
                Route.of("POST", "/actions/task-types/reorder", true,
                        call -> call.json().ok(production(call).reorderTaskTypes(call.jsonBody()))),
                Route.of("POST", "/actions/projects/<project_id>/task-type-links/reorder", true,
                        call -> call.json().ok(production(call).reorderProjectLinks(call.param("project_id"), false,
                                call.jsonBody()))),
                Route.of("POST", "/actions/projects/<project_id>/task-status-links/reorder", true,
                        call -> call.json().ok(production(call).reorderProjectLinks(call.param("project_id"), true,
                                call.jsonBody()))),
                Route.of("GET", "/data/asset-types", true,
                        call -> call.json().ok(production(call).assetTypes(call.query()))),
                Route.of("GET", "/data/asset-types/<asset_type_id>", true,
                        call -> call.json().ok(production(call).assetType(call.param("asset_type_id")))),
                Route.of("GET", "/data/projects/<project_id>/asset-types", true,
                        call -> call.json().ok(production(call).projectAssetTypes(call.param("project_id")))),
                Route.of("GET", "/data/projects/<project_id>/task-types", true,
                        call -> call.json().ok(production(call).projectTaskTypes(call.param("project_id")))),
                Route.of("GET", "/data/projects/<project_id>/entity-links", true,
                        call -> call.json().ok(production(call).projectEntityLinks(call.param("project_id"),
                                call.query()))),
                Route.of("DELETE", "/data/projects/<project_id>/entity-links/<entity_link_id>", true,
                        call -> call.json().ok(production(call).deleteProjectEntityLink(call.param("project_id"),
                                call.param("entity_link_id")))),
                Route.of("GET", "/data/edits/<edit_id>/versions", true,
                        call -> call.json().ok(production(call).editVersions(call.param("edit_id")))));
    }

    private static Production production(Call call) {
        return call.session().production();
    }

    /**
     * Arguments read as Zou's link routes read them: query string (and form) values first, then the JSON body
     * (when the body is JSON).
     */
    private static Map<String, Object> args(Call call) {
        Map<String, Object> args = new LinkedHashMap<>();
        boolean jsonBody = call.request().contentType().map(t -> t.contains("json")).orElse(false)
                && !call.request().bodyAsString().isBlank();
        if (jsonBody) {
            args.putAll(call.jsonObjectBody() == null ? Map.of() : call.jsonObjectBody());
        }
        call.request().queryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                args.put(k, k.equals("roles_for_board") ? v : v.get(0));
            }
        });
        return args;
    }
}
