package org.zou4j.http.internal.routes;

import java.util.List;
import org.zou4j.assets.Assets;
import org.zou4j.assets.EntityKind;
import org.zou4j.assets.JsonStream;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/** Zou's {@code assets} blueprint (asset types are served by {@link ProductionRoutes}). */
public final class AssetRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/assets", true,
                        call -> stream(call, assets(call).listStream(EntityKind.ASSET, call.query()))),
                Route.of("GET", "/data/assets/all", true,
                        call -> stream(call, assets(call).listStream(EntityKind.ASSET, call.query()))),
                Route.of("GET", "/data/assets/with-tasks", true,
                        call -> stream(call, assets(call).withTasks(EntityKind.ASSET, call.query()))),
                Route.of("GET", "/data/assets/<asset_id>", true,
                        call -> call.json().ok(assets(call).get(EntityKind.ASSET, call.param("asset_id")))),
                Route.of("DELETE", "/data/assets/<asset_id>", true, call -> {
                    assets(call).delete(EntityKind.ASSET, call.param("asset_id"), call.query().flag("force"));
                    return HttpResponse.noContent();
                }),
                Route.of("GET", "/data/assets/<asset_id>/tasks", true,
                        call -> call.json().ok(assets(call).tasks(EntityKind.ASSET, call.param("asset_id"),
                                call.query()))),
                Route.of("GET", "/data/assets/<asset_id>/task-types", true,
                        call -> call.json().ok(assets(call).taskTypes(EntityKind.ASSET, call.param("asset_id")))),
                Route.of("GET", "/data/projects/<project_id>/assets", true,
                        call -> stream(call, assets(call).projectListStream(EntityKind.ASSET,
                                call.param("project_id"), call.query()))),
                Route.of("GET", "/data/projects/<project_id>/asset-types/<asset_type_id>/assets", true,
                        call -> call.json().ok(assets(call).projectTypeAssets(call.param("project_id"),
                                call.param("asset_type_id"), call.query()))),
                Route.of("POST", "/data/projects/<project_id>/asset-types/<asset_type_id>/assets/new", true,
                        call -> call.json().answer(201, assets(call).newAsset(call.param("project_id"),
                                call.param("asset_type_id"), call.jsonObjectBody()))));
    }

    static Assets assets(Call call) {
        return call.session().assets();
    }

    /** A streamed JSON answer (HEAD: an empty list without running the view). */
    static HttpResponse stream(Call call, JsonStream stream) {
        if (call.isHead()) {
            stream.close();
            return HttpResponse.json(200, "[]");
        }
        if (!stream.contentType().equals("application/json")) {
            return HttpResponse.stream(200, stream.contentType(), stream::writeJson); // NDJSON lines
        }
        return HttpResponse.streamJson(200, stream::writeJson);
    }
}
