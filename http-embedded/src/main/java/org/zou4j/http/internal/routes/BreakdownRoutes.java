package org.zou4j.http.internal.routes;

import java.util.List;
import java.util.Map;
import org.zou4j.breakdown.Breakdown;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's {@code breakdown} blueprint: casting reads and updates, asset and camera instances of scenes and shots. The
 * project entity-link routes of the blueprint are served by {@link ProductionRoutes}.
 */
public final class BreakdownRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/projects/<project_id>/entities/<entity_id>/casting", true,
                        call -> call.json().ok(breakdown(call).casting(call.param("project_id"),
                                call.param("entity_id")))),
                Route.of("PUT", "/data/projects/<project_id>/entities/<entity_id>/casting", true,
                        call -> call.json().ok(breakdown(call).updateCasting(call.param("project_id"),
                                call.param("entity_id"), call.jsonBody() instanceof List<?> l ? l : null))),
                Route.of("PUT", "/data/projects/<project_id>/entities/casting", true,
                        call -> call.json().ok(breakdown(call).updateCastings(call.param("project_id"),
                                objectBody(call)))),
                Route.of("GET", "/data/projects/<project_id>/episodes/casting", true,
                        call -> call.json().ok(breakdown(call).episodesCasting(call.param("project_id")))),
                Route.of("GET", "/data/projects/<project_id>/episodes/<episode_id>/sequences/all/casting", true,
                        call -> call.json().ok(breakdown(call).allSequencesCasting(call.param("project_id"),
                                call.param("episode_id")))),
                Route.of("GET", "/data/projects/<project_id>/sequences/all/casting", true,
                        call -> call.json().ok(breakdown(call).allSequencesCasting(call.param("project_id"), null))),
                Route.of("GET", "/data/projects/<project_id>/sequences/<sequence_id>/casting", true,
                        call -> call.json().ok(breakdown(call).sequenceCasting(call.param("project_id"),
                                call.param("sequence_id")))),
                Route.of("GET", "/data/projects/<project_id>/asset-types/<asset_type_id>/casting", true,
                        call -> call.json().ok(breakdown(call).assetTypeCasting(call.param("project_id"),
                                call.param("asset_type_id")))),
                Route.of("GET", "/data/shots/<shot_id>/asset-instances", true,
                        call -> call.json().ok(breakdown(call).shotAssetInstances(call.param("shot_id")))),
                Route.of("POST", "/data/shots/<shot_id>/asset-instances", true,
                        call -> call.json().answer(201, breakdown(call).addShotAssetInstance(call.param("shot_id"),
                                text(objectBody(call), "asset_instance_id")))),
                Route.of("DELETE", "/data/shots/<shot_id>/asset-instances/<asset_instance_id>", true, call -> {
                    breakdown(call).removeShotAssetInstance(call.param("shot_id"), call.param("asset_instance_id"));
                    return HttpResponse.noContent();
                }),
                Route.of("GET", "/data/scenes/<scene_id>/asset-instances", true,
                        call -> call.json().ok(breakdown(call).sceneAssetInstances(call.param("scene_id")))),
                Route.of("POST", "/data/scenes/<scene_id>/asset-instances", true, call -> {
                    Map<String, ?> body = objectBody(call);
                    return call.json().answer(201, breakdown(call).addSceneAssetInstance(call.param("scene_id"),
                            text(body, "asset_id"), text(body, "description")));
                }),
                Route.of("GET", "/data/scenes/<scene_id>/camera-instances", true,
                        call -> call.json().ok(breakdown(call).sceneCameraInstances(call.param("scene_id")))));
    }

    private static Breakdown breakdown(Call call) {
        return call.session().breakdown();
    }

    /** The JSON body when it is an object, else null (the engine answers Zou's 400 for it). */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> objectBody(Call call) {
        return call.jsonBody() instanceof Map<?, ?> m ? (Map<String, ?>) m : null;
    }

    private static String text(Map<String, ?> body, String key) {
        Object v = body == null ? null : body.get(key);
        return v == null ? null : v.toString();
    }
}
