package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.AssetRoutes.assets;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.assets.EntityKind;
import org.zou4j.http.internal.Route;

/**
 * Zou's {@code edits} and {@code concepts} blueprints (edit versions are served by {@link ProductionRoutes}), and the
 * shots blueprint's preview and version routes.
 */
public final class EditConceptRoutes {

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        for (EntityKind kind : List.of(EntityKind.EDIT, EntityKind.CONCEPT)) {
            String collection = kind == EntityKind.EDIT ? "edits" : "concepts";
            String param = kind == EntityKind.EDIT ? "edit_id" : "concept_id";
            r.add(Route.of("GET", "/data/" + collection, true,
                    call -> call.json().ok(assets(call).list(kind, call.query()))));
            r.add(Route.of("GET", "/data/" + collection + "/with-tasks", true,
                    call -> AssetRoutes.stream(call, assets(call).withTasks(kind, call.query()))));
            ShotRoutes.instance(r, collection, param, kind);
            ShotRoutes.project(r, collection, kind);
            r.add(Route.of("GET", "/data/" + collection + "/<" + param + ">/preview-files", true,
                    call -> call.json().ok(assets(call).previewFiles(kind, call.param(param)))));
        }
        r.add(Route.of("GET", "/data/edits/all", true,
                call -> call.json().ok(assets(call).list(EntityKind.EDIT, call.query()))));
        ShotRoutes.children(r, "/data/episodes/<episode_id>/edits", "episode_id", EntityKind.EPISODE, EntityKind.EDIT);
        r.add(Route.of("GET", "/data/episodes/<episode_id>/edit-tasks", true,
                call -> call.json().ok(assets(call).descendantTasks(EntityKind.EPISODE, call.param("episode_id"),
                        EntityKind.EDIT, call.query()))));
        r.add(Route.of("GET", "/data/shots/<shot_id>/preview-files", true,
                call -> call.json().ok(assets(call).previewFiles(EntityKind.SHOT, call.param("shot_id")))));
        r.add(Route.of("GET", "/data/shots/<shot_id>/versions", true,
                call -> call.json().ok(assets(call).versions(EntityKind.SHOT, call.param("shot_id")))));
        for (String kind : List.of("sequences", "episodes", "scenes", "edits", "concepts")) {
            // Zou's with-tasks views of the other kinds (sequences, episodes, scenes)
            if (kind.equals("edits") || kind.equals("concepts")) {
                continue;
            }
            EntityKind k = kind.equals("sequences") ? EntityKind.SEQUENCE : kind.equals("episodes")
                    ? EntityKind.EPISODE : EntityKind.SCENE;
            r.add(Route.of("GET", "/data/" + kind + "/with-tasks", true,
                    call -> AssetRoutes.stream(call, assets(call).withTasks(k, call.query()))));
        }
        return r;
    }
}
