package org.zou4j.http.internal.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.playlists.MediaFile;
import org.zou4j.playlists.Playlists;

/** Zou's {@code playlists} blueprint (zou/app/blueprints/playlists/resources.py). */
public final class PlaylistRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/projects/<project_id>/playlists", true,
                        call -> call.json().ok(playlists(call).projectPlaylists(call.param("project_id"),
                                page(call, 1), text(call, "sort_by"), text(call, "task_type_id")))),
                Route.of("GET", "/data/projects/<project_id>/playlists/all", true,
                        call -> call.json().ok(playlists(call).allPlaylists(call.param("project_id"),
                                page(call, 0)))),
                Route.of("GET", "/data/projects/<project_id>/episodes/<episode_id>/playlists", true,
                        call -> call.json().ok(playlists(call).episodePlaylists(call.param("project_id"),
                                call.param("episode_id"), page(call, 1), text(call, "sort_by"),
                                text(call, "task_type_id")))),
                Route.of("GET", "/data/projects/<project_id>/playlists/<playlist_id>", true,
                        call -> call.json().ok(playlists(call).playlist(call.param("project_id"),
                                call.param("playlist_id")))),
                Route.of("GET", "/data/playlists/entities/<entity_id>/preview-files", true,
                        call -> call.json().ok(playlists(call).entityPreviewFiles(call.param("entity_id")))),
                Route.of("GET", "/data/playlists/<playlist_id>/jobs/<build_job_id>", true,
                        call -> call.json().ok(playlists(call).buildJob(call.param("playlist_id"),
                                call.param("build_job_id")))),
                Route.of("DELETE", "/data/playlists/<playlist_id>/jobs/<build_job_id>", true, call -> {
                    playlists(call).deleteBuildJob(call.param("playlist_id"), call.param("build_job_id"));
                    return HttpResponse.noContent();
                }),
                Route.of("GET", "/data/projects/<project_id>/build-jobs", true,
                        call -> call.json().ok(playlists(call).projectBuildJobs(call.param("project_id")))),
                Route.of("GET", "/data/playlists/<playlist_id>/build/mp4", true,
                        call -> call.json().ok(playlists(call).buildMovie(call.param("playlist_id"),
                                call.query().first("full").map(v -> v.equalsIgnoreCase("true")).orElse(false)))),
                Route.of("GET", "/data/playlists/<playlist_id>/jobs/<build_job_id>/build/mp4", true,
                        call -> file(call, playlists(call).buildJobMovie(call.param("playlist_id"),
                                call.param("build_job_id")), true)),
                Route.of("GET", "/data/playlists/<playlist_id>/download/zip", true,
                        call -> file(call, playlists(call).zip(call.param("playlist_id")), true)),
                Route.of("POST", "/data/projects/<project_id>/playlists/temp", true, call -> {
                    Map<String, Object> body = call.jsonObjectBody();
                    Object ids = body == null ? null : body.get("task_ids");
                    if (!(ids instanceof List<?> list)) {
                        throw ZouException.wrongParameter("task_ids: Field required");
                    }
                    List<String> taskIds = new ArrayList<>();
                    for (Object o : list) {
                        taskIds.add(o == null ? null : o.toString());
                    }
                    return call.json().ok(playlists(call).tempPlaylist(call.param("project_id"), taskIds,
                            call.query().first("sort").map(v -> v.equalsIgnoreCase("true")).orElse(false)));
                }),
                Route.of("POST", "/actions/playlists/<playlist_id>/add-entity", true, call -> {
                    Map<String, Object> body = object(call);
                    if (body.get("entity_id") == null) {
                        throw ZouException.wrongParameter("entity_id: Field required");
                    }
                    return call.json().ok(playlists(call).addEntity(call.param("playlist_id"),
                            body.get("entity_id").toString(), str(body.get("preview_file_id"))));
                }),
                Route.of("POST", "/actions/playlists/<playlist_id>/add-entities", true, call -> {
                    Map<String, Object> body = object(call);
                    if (!(body.get("entities") instanceof List<?> list)) {
                        throw ZouException.wrongParameter("entities: Field required");
                    }
                    List<Map<String, Object>> entities = new ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof Map<?, ?>)) {
                            throw ZouException.wrongParameter("entities: Input should be a valid dictionary");
                        }
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) o;
                        entities.add(m);
                    }
                    return call.json().ok(playlists(call).addEntities(call.param("playlist_id"), entities));
                }),
                Route.of("POST", "/data/playlists/<playlist_id>/notify-clients", true, call -> {
                    Map<String, Object> body = optionalObject(call);
                    return call.json().ok(playlists(call).notifyClients(call.param("playlist_id"),
                            str(body.get("studio_id")), str(body.get("department_id"))));
                }),
                Route.of("GET", "/data/playlists/<playlist_id>/share", true,
                        call -> call.json().ok(playlists(call).shareLinks(call.param("playlist_id")))),
                Route.of("POST", "/data/playlists/<playlist_id>/share", true, call -> {
                    Map<String, Object> body = optionalObject(call);
                    Object canComment = body.get("can_comment");
                    if (canComment != null && !(canComment instanceof Boolean)) {
                        throw ZouException.wrongParameter("can_comment: Input should be a valid boolean");
                    }
                    return call.json().answer(201, playlists(call).createShareLink(call.param("playlist_id"),
                            str(body.get("expiration_date")), canComment == null || (Boolean) canComment,
                            str(body.get("password"))));
                }),
                Route.of("DELETE", "/data/playlists/<playlist_id>/share/<token>", true,
                        call -> call.json().ok(playlists(call).revokeShareLink(call.param("playlist_id"),
                                call.param("token")))),
                Route.of("POST", "/data/playlists/<playlist_id>/share/<token>/invite", true, call -> {
                    Map<String, Object> body = object(call);
                    return call.json().ok(playlists(call).inviteToShareLink(call.param("playlist_id"),
                            call.param("token"), strings(body.get("emails"), "emails"),
                            strings(body.get("person_ids"), "person_ids"), str(body.get("message"))));
                }));
    }

    private static Playlists playlists(Call call) {
        return call.session().playlists();
    }

    static String text(Call call, String name) {
        return call.query().first(name).orElse(null);
    }

    static int page(Call call, int defaultPage) {
        String p = call.query().first("page").orElse(null);
        if (p == null || p.isEmpty()) {
            return defaultPage;
        }
        try {
            return Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter("page must be an integer.");
        }
    }

    static String str(Object o) {
        return o == null || "".equals(o) ? null : o.toString();
    }

    static Map<String, Object> object(Call call) {
        Map<String, Object> body = call.jsonObjectBody();
        if (body == null) {
            throw ZouException.wrongParameter("The request body must be a JSON object.");
        }
        return body;
    }

    /** A JSON object body, or an empty one when none is sent (Zou's {@code get_json(silent=True) or {}}). */
    static Map<String, Object> optionalObject(Call call) {
        if (call.request().bodySize() == 0) {
            return Map.of();
        }
        return object(call);
    }

    static List<String> strings(Object o, String field) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> list)) {
            throw ZouException.wrongParameter(field + ": Input should be a valid list");
        }
        List<String> out = new ArrayList<>();
        for (Object x : list) {
            out.add(x == null ? null : x.toString());
        }
        return out;
    }

    /** A media file as Zou's {@code send_file}: its type, its length, attached with its name when asked. */
    static HttpResponse file(Call call, MediaFile file, boolean attachment) {
        HttpResponse response;
        if (call.isHead()) {
            close(file.stream());
            response = HttpResponse.bytes(200, file.mimeType(), new byte[0]);
        } else {
            response = HttpResponse.stream(200, file.mimeType(), out -> {
                try (InputStream in = file.stream()) {
                    in.transferTo(out);
                }
            });
        }
        if (attachment && file.fileName() != null) {
            response = response.withHeader("Content-Disposition", "attachment; filename=" + file.fileName());
        }
        return response;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
