package org.zou4j.http.internal.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.playlists.MediaFile;
import org.zou4j.playlists.SharedPlaylists;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code shared} blueprint (zou/app/blueprints/shared/resources.py): a playlist seen through its share link, with
 * no JWT; the path token (and the {@code password} query parameter of protected links) is the credential.
 */
public final class SharedRoutes {
    private static final String BASE = "/shared/playlists/<token>";
    /** Served inline; anything else is sent as an attachment (the route is unauthenticated). */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "video/mp4");

    public List<Route> routes() {
        return List.of(
                Route.of("GET", BASE, false, call -> call.json().ok(shared(call).playlist(token(call),
                        password(call)))),
                Route.of("GET", BASE + "/context", false, call -> call.json().ok(shared(call).context(token(call),
                        password(call)))),
                Route.of("POST", BASE + "/guest", false, call -> {
                    Map<String, Object> body = PlaylistRoutes.optionalObject(call);
                    SharedPlaylists.Guest guest = shared(call).guest(token(call), string(body.get("first_name")),
                            string(body.get("last_name")), PlaylistRoutes.str(body.get("guest_id")));
                    return call.json().answer(guest.created() ? 201 : 200, guest.person());
                }),
                Route.of("GET", BASE + "/comments", false, call -> call.json().ok(shared(call).comments(token(call),
                        password(call)))),
                Route.of("POST", BASE + "/comments", false, call -> {
                    Map<String, Object> body = PlaylistRoutes.object(call);
                    return call.json().answer(201, shared(call).comment(token(call), password(call),
                            required(body, "guest_id"), required(body, "task_id"), required(body, "task_status_id"),
                            string(body.get("text")), list(body.get("checklist"), "checklist")));
                }),
                Route.of("PUT", BASE + "/comments/<comment_id>", false, call -> {
                    Map<String, Object> body = PlaylistRoutes.object(call);
                    Map<String, Object> changes = new LinkedHashMap<>();
                    if (body.get("text") != null) {
                        changes.put("text", body.get("text"));
                    }
                    if (body.get("checklist") != null) {
                        changes.put("checklist", list(body.get("checklist"), "checklist"));
                    }
                    if (body.get("task_status_id") != null) {
                        changes.put("task_status_id", body.get("task_status_id").toString());
                    }
                    return call.json().ok(shared(call).editComment(token(call), call.param("comment_id"),
                            required(body, "guest_id"), changes));
                }),
                Route.of("DELETE", BASE + "/comments/<comment_id>", false, call -> {
                    shared(call).deleteComment(token(call), call.param("comment_id"), guestId(call));
                    return HttpResponse.noContent();
                }),
                Route.of("POST", BASE + "/comments/<comment_id>/attachments", false, call -> {
                    List<Upload> files = List.of();
                    String guestId = call.query().first("guest_id").orElse(null);
                    if (FormBody.isForm(call)) {
                        FormBody form = FormBody.read(call);
                        files = form.uploads();
                        if (form.first("guest_id") != null) {
                            guestId = form.first("guest_id");
                        }
                    }
                    return call.json().answer(201, shared(call).addAttachments(token(call), call.param("comment_id"),
                            guestId, files));
                }),
                Route.of("DELETE", BASE + "/comments/<comment_id>/attachments/<attachment_file_id>", false,
                        call -> {
                            shared(call).removeAttachment(token(call), call.param("comment_id"), guestId(call),
                                    call.param("attachment_file_id"));
                            return HttpResponse.noContent();
                        }),
                Route.of("GET", BASE + "/attachment-files/<attachment_file_id>/file/<file_name>", false, call -> {
                    MediaFile file = shared(call).attachment(token(call), call.param("attachment_file_id"));
                    HttpResponse response = PlaylistRoutes.file(call, file, false);
                    // unauthenticated and the type is the uploader's: only safe pictures inline (Zou)
                    String disposition = INLINE.contains(file.mimeType()) && file.mimeType().startsWith("image/")
                            ? "inline" : "attachment";
                    return response.withHeader("Content-Disposition", disposition + "; filename="
                            + file.fileName().replaceAll("[\\r\\n\";]", "_"));
                }),
                Route.of("PUT", BASE + "/annotations", false, call -> {
                    Map<String, Object> body = PlaylistRoutes.object(call);
                    return call.json().ok(shared(call).updateAnnotations(token(call), required(body, "guest_id"),
                            required(body, "preview_file_id"), list(body.get("additions"), "additions"),
                            list(body.get("updates"), "updates"), list(body.get("deletions"), "deletions")));
                }),
                Route.of("GET", BASE + "/preview-files/<preview_file_id>", false,
                        call -> call.json().ok(shared(call).previewFile(token(call), call.param("preview_file_id")))),
                Route.of("GET", BASE + "/movies/originals/preview-files/<file>", false,
                        call -> media(call, "movie", ".mp4")),
                Route.of("GET", BASE + "/movies/tiles/preview-files/<file>", false,
                        call -> media(call, "tile", ".png")),
                Route.of("GET", BASE + "/pictures/thumbnails/preview-files/<file>", false,
                        call -> media(call, "thumbnail", ".png")),
                Route.of("GET", BASE + "/pictures/originals/preview-files/<file>", false,
                        call -> media(call, "original", null)),
                Route.of("GET", BASE + "/preview-files/<preview_file_id>/download", false, call -> {
                    MediaFile file = shared(call).media(token(call), call.param("preview_file_id"), "download", null);
                    return PlaylistRoutes.file(call, file, true);
                }));
    }

    private static SharedPlaylists shared(Call call) {
        return call.engine().sharedPlaylists();
    }

    private static String token(Call call) {
        return call.param("token");
    }

    private static String password(Call call) {
        return call.query().first("password").orElse(null);
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static String required(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null || "".equals(v)) {
            throw ZouException.wrongParameter(field + ": Field required");
        }
        return v.toString();
    }

    /** The guest of a delete: a JSON body's {@code guest_id}, else the query string's. */
    private static String guestId(Call call) {
        if (call.request().bodySize() > 0 && call.request().contentType().map(t -> t.contains("json"))
                .orElse(false)) {
            Map<String, Object> body = PlaylistRoutes.object(call);
            if (body.get("guest_id") != null) {
                return body.get("guest_id").toString();
            }
        }
        String q = call.query().first("guest_id").orElse(null);
        if (q == null) {
            throw ZouException.wrongParameter("guest_id: Field required");
        }
        return q;
    }

    private static List<Object> list(Object o, String field) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof List<?> l)) {
            throw ZouException.wrongParameter(field + ": Input should be a valid list");
        }
        return new ArrayList<>(l);
    }

    /** {@code <id>.<extension>} of the media routes: the fixed extension, or any for originals. */
    private static HttpResponse media(Call call, String kind, String suffix) {
        String segment = call.param("file");
        int dot = segment.lastIndexOf('.');
        if (dot <= 0) {
            throw ZouException.notFound();
        }
        String id = segment.substring(0, dot);
        String extension = segment.substring(dot + 1);
        if (suffix != null && !segment.endsWith(suffix)) {
            throw ZouException.notFound();
        }
        MediaFile file = shared(call).media(token(call), id, kind, extension);
        HttpResponse response = PlaylistRoutes.file(call, file, false);
        if (!INLINE.contains(file.mimeType())) {
            response = response.withHeader("Content-Disposition", "attachment; filename=" + id + "." + extension);
        }
        return response.withHeader("Cache-Control", "private, max-age=86400");
    }
}
