package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.AssetRoutes.assets;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.assets.EntityKind;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/** Zou's {@code shots} blueprint: shots, sequences, episodes and scenes. */
public final class ShotRoutes {

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        // collections
        r.add(Route.of("GET", "/data/shots", true,
                call -> AssetRoutes.stream(call, assets(call).listStream(EntityKind.SHOT, call.query()))));
        r.add(Route.of("GET", "/data/shots/all", true,
                call -> AssetRoutes.stream(call, assets(call).listStream(EntityKind.SHOT, call.query()))));
        r.add(Route.of("GET", "/data/sequences", true, call -> list(call, EntityKind.SEQUENCE)));
        r.add(Route.of("GET", "/data/episodes", true, call -> list(call, EntityKind.EPISODE)));
        r.add(Route.of("GET", "/data/scenes/all", true, call -> list(call, EntityKind.SCENE)));
        r.add(Route.of("GET", "/data/shots/with-tasks", true,
                call -> AssetRoutes.stream(call, assets(call).withTasks(EntityKind.SHOT, call.query()))));
        // single entities
        instance(r, "shots", "shot_id", EntityKind.SHOT);
        instance(r, "sequences", "sequence_id", EntityKind.SEQUENCE);
        instance(r, "episodes", "episode_id", EntityKind.EPISODE);
        instance(r, "scenes", "scene_id", EntityKind.SCENE);
        r.add(Route.of("PUT", "/data/shots/<shot_id>", true,
                call -> call.json().ok(assets(call).updateShot(call.param("shot_id"), call.jsonObjectBody()))));
        // per project
        project(r, "shots", EntityKind.SHOT);
        project(r, "sequences", EntityKind.SEQUENCE);
        project(r, "episodes", EntityKind.EPISODE);
        project(r, "scenes", EntityKind.SCENE);
        // children
        children(r, "/data/episodes/<episode_id>/sequences", "episode_id", EntityKind.EPISODE, EntityKind.SEQUENCE);
        children(r, "/data/episodes/<episode_id>/shots", "episode_id", EntityKind.EPISODE, EntityKind.SHOT);
        children(r, "/data/sequences/<sequence_id>/shots", "sequence_id", EntityKind.SEQUENCE, EntityKind.SHOT);
        children(r, "/data/sequences/<sequence_id>/scenes", "sequence_id", EntityKind.SEQUENCE, EntityKind.SCENE);
        r.add(Route.of("GET", "/data/sequences/<sequence_id>/shot-tasks", true,
                call -> call.json().ok(assets(call).descendantTasks(EntityKind.SEQUENCE, call.param("sequence_id"),
                        EntityKind.SHOT, call.query()))));
        r.add(Route.of("GET", "/data/episodes/<episode_id>/shot-tasks", true,
                call -> call.json().ok(assets(call).descendantTasks(EntityKind.EPISODE, call.param("episode_id"),
                        EntityKind.SHOT, call.query()))));
        r.add(Route.of("GET", "/data/episodes/<episode_id>/asset-tasks", true,
                call -> call.json().ok(assets(call).descendantTasks(EntityKind.EPISODE, call.param("episode_id"),
                        EntityKind.ASSET, call.query()))));
        r.add(Route.of("GET", "/data/projects/<project_id>/episodes/stats", true,
                call -> call.json().ok(assets(call).episodeStats(call.param("project_id"), false))));
        r.add(Route.of("GET", "/data/projects/<project_id>/episodes/retake-stats", true,
                call -> call.json().ok(assets(call).episodeStats(call.param("project_id"), true))));
        r.add(Route.of("POST", "/actions/projects/<project_id>/task-types/<task_type_id>/set-shot-nb-frames", true,
                call -> call.json().ok(assets(call).setShotFrames(call.param("project_id"),
                        call.param("task_type_id"), call.query().first("episode_id").orElse(null)))));
        r.add(Route.of("GET", "/data/projects/<project_id>/quotas/<task_type_id>", true,
                call -> call.json().ok(assets(call).quotas(call.param("project_id"), call.param("task_type_id"),
                        false, call.query()))));
        r.add(Route.of("GET", "/data/projects/<project_id>/quotas/persons/<person_id>", true,
                call -> call.json().ok(assets(call).quotas(call.param("project_id"), call.param("person_id"),
                        true, call.query()))));
        // Kitsu's api/shots.js also has this singular spelling (Zou defines no such route): same answer, so the client
        // works whichever it calls
        r.add(Route.of("GET", "/data/projects/<project_id>/quotas/person/<person_id>", true,
                call -> call.json().ok(assets(call).quotas(call.param("project_id"), call.param("person_id"),
                        true, call.query()))));
        return r;
    }

    private static HttpResponse list(Call call, EntityKind kind) {
        return call.json().ok(assets(call).list(kind, call.query()));
    }

    /** GET and DELETE of one entity, its tasks and task types. */
    static void instance(List<Route> r, String collection, String param, EntityKind kind) {
        String path = "/data/" + collection + "/<" + param + ">";
        r.add(Route.of("GET", path, true, call -> call.json().ok(assets(call).get(kind, call.param(param)))));
        r.add(Route.of("DELETE", path, true, call -> {
            assets(call).delete(kind, call.param(param), call.query().flag("force"));
            return HttpResponse.noContent();
        }));
        r.add(Route.of("GET", path + "/tasks", true,
                call -> call.json().ok(assets(call).tasks(kind, call.param(param), call.query()))));
        r.add(Route.of("GET", path + "/task-types", true,
                call -> call.json().ok(assets(call).taskTypes(kind, call.param(param)))));
    }

    /** GET (list) and POST (create) of {@code /data/projects/<project_id>/<collection>}. */
    static void project(List<Route> r, String collection, EntityKind kind) {
        String path = "/data/projects/<project_id>/" + collection;
        r.add(Route.of("GET", path, true, call -> AssetRoutes.stream(call,
                assets(call).projectListStream(kind, call.param("project_id"), call.query()))));
        r.add(Route.of("POST", path, true, call -> call.json().answer(201,
                assets(call).create(kind, call.param("project_id"), call.jsonObjectBody()))));
    }

    static void children(List<Route> r, String path, String param, EntityKind parent, EntityKind child) {
        r.add(Route.of("GET", path, true,
                call -> call.json().ok(assets(call).children(parent, call.param(param), child, call.query()))));
    }
}
