package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.AssetRoutes.assets;

import java.util.List;
import java.util.Map;
import org.zou4j.assets.EntityKind;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/** The assets and shots blueprints' link routes: casting, cast-in, shared assets, asset instances, scene shots. */
public final class AssetLinkRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/assets/<asset_id>/casting", true,
                        call -> call.json().ok(assets(call).casting(call.param("asset_id")))),
                Route.of("PUT", "/data/assets/<asset_id>/casting", true,
                        call -> call.json().ok(assets(call).updateCasting(call.param("asset_id"), call.jsonBody()))),
                Route.of("GET", "/data/assets/<asset_id>/cast-in", true,
                        call -> call.json().ok(assets(call).castIn(call.param("asset_id")))),
                Route.of("GET", "/data/assets/<asset_id>/assets", true,
                        call -> call.json().ok(assets(call).castAssets(EntityKind.ASSET, call.param("asset_id")))),
                Route.of("GET", "/data/shots/<shot_id>/assets", true,
                        call -> call.json().ok(assets(call).castAssets(EntityKind.SHOT, call.param("shot_id")))),
                Route.of("GET", "/data/shots/<shot_id>/asset-types", true,
                        call -> call.json().ok(assets(call).shotAssetTypes(call.param("shot_id")))),
                Route.of("POST", "/actions/assets/share", true,
                        call -> call.json().ok(assets(call).share(null, null, body(call)))),
                Route.of("POST", "/actions/projects/<project_id>/assets/share", true,
                        call -> call.json().ok(assets(call).share(call.param("project_id"), null, body(call)))),
                Route.of("POST", "/actions/projects/<project_id>/asset-types/<asset_type_id>/assets/share", true,
                        call -> call.json().ok(assets(call).share(call.param("project_id"),
                                call.param("asset_type_id"), body(call)))),
                Route.of("GET", "/data/projects/<project_id>/assets/shared-used", true,
                        call -> call.json().ok(assets(call).sharedUsed(call.param("project_id"), null))),
                Route.of("GET", "/data/projects/<project_id>/episodes/<episode_id>/assets/shared-used", true,
                        call -> call.json().ok(assets(call).sharedUsed(call.param("project_id"),
                                call.param("episode_id")))),
                Route.of("GET", "/data/assets/<asset_id>/asset-asset-instances", true,
                        call -> call.json().ok(assets(call).assetInstances(call.param("asset_id"), "target"))),
                Route.of("POST", "/data/assets/<asset_id>/asset-asset-instances", true,
                        call -> call.json().answer(201, assets(call).addAssetInstance(call.param("asset_id"),
                                call.jsonObjectBody()))),
                Route.of("GET", "/data/assets/<asset_id>/shot-asset-instances", true,
                        call -> call.json().ok(assets(call).assetInstances(call.param("asset_id"), "shot"))),
                Route.of("GET", "/data/assets/<asset_id>/scene-asset-instances", true,
                        call -> call.json().ok(assets(call).assetInstances(call.param("asset_id"), "scene"))),
                Route.of("GET", "/data/scenes/<scene_id>/shots", true,
                        call -> call.json().ok(assets(call).sceneShots(call.param("scene_id")))),
                Route.of("POST", "/data/scenes/<scene_id>/shots", true, call -> {
                    Map<String, Object> b = call.jsonObjectBody();
                    Object shot = b == null ? null : b.get("shot_id");
                    return call.json().answer(201, assets(call).sceneShot(call.param("scene_id"),
                            shot == null ? null : shot.toString(), true));
                }),
                Route.of("DELETE", "/data/scenes/<scene_id>/shots/<shot_id>", true, call -> {
                    assets(call).sceneShot(call.param("scene_id"), call.param("shot_id"), false);
                    return HttpResponse.noContent();
                }));
    }

    /** The JSON body, or none (the share routes accept an empty body: every asset in scope is shared). */
    private static Map<String, Object> body(org.zou4j.http.internal.Call call) {
        return call.request().bodyAsString().isBlank() ? Map.of() : call.jsonObjectBody();
    }
}
