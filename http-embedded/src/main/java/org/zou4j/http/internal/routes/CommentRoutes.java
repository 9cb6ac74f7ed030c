package org.zou4j.http.internal.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.tasks.AttachmentDownload;
import org.zou4j.tasks.NewComment;
import org.zou4j.tasks.Tasks;
import org.zou4j.tasks.Upload;

/** Zou's {@code comments} blueprint. */
public final class CommentRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/actions/tasks/<task_id>/comment", true,
                        call -> call.json().answer(201, tasks(call).comment(call.param("task_id"),
                                newComment(call)))),
                Route.of("POST", "/data/tasks/<task_id>/comments/<comment_id>/ack", true,
                        call -> call.json().ok(tasks(call).acknowledge(call.param("task_id"),
                                call.param("comment_id")))),
                Route.of("POST", "/data/tasks/<task_id>/comments/<comment_id>/reply", true, call -> {
                    String text;
                    List<Upload> files = List.of();
                    if (FormBody.isForm(call)) {
                        FormBody form = FormBody.read(call);
                        text = form.first("text");
                        files = form.uploads();
                    } else {
                        Map<String, Object> body = call.jsonObjectBody();
                        text = body == null ? null : string(body.get("text"));
                    }
                    return call.json().ok(tasks(call).reply(call.param("task_id"), call.param("comment_id"), text,
                            files));
                }),
                Route.of("DELETE", "/data/tasks/<task_id>/comments/<comment_id>/reply/<reply_id>", true,
                        call -> call.json().ok(tasks(call).deleteReply(call.param("task_id"),
                                call.param("comment_id"), call.param("reply_id")))),
                Route.of("POST", "/actions/tasks/<task_id>/comments/<comment_id>/add-attachment", true, call -> {
                    List<Upload> files = FormBody.isForm(call) ? FormBody.read(call).uploads() : List.of();
                    if (files.isEmpty()) {
                        throw ZouException.wrongParameter("No file was sent (multipart form with files).");
                    }
                    return call.json().answer(201, tasks(call).addAttachments(call.param("task_id"),
                            call.param("comment_id"), files));
                }),
                Route.of("DELETE", "/data/tasks/<task_id>/comments/<comment_id>/attachments/<attachment_file_id>",
                        true, call -> {
                            tasks(call).deleteAttachment(call.param("task_id"), call.param("comment_id"),
                                    call.param("attachment_file_id"));
                            return HttpResponse.noContent();
                        }),
                Route.of("GET", "/data/attachment-files/<attachment_file_id>/file/<file_name>", true,
                        CommentRoutes::download),
                Route.of("GET", "/data/projects/<project_id>/attachment-files", true,
                        call -> AssetRoutes.stream(call, tasks(call).projectAttachmentFiles(call.param("project_id")))),
                Route.of("GET", "/data/tasks/<task_id>/attachment-files", true,
                        call -> call.json().ok(tasks(call).taskAttachmentFiles(call.param("task_id")))),
                Route.of("POST", "/actions/tasks/<task_id>/comments/<comment_id>/move", true, call -> {
                    Map<String, Object> body = call.jsonObjectBody();
                    return call.json().ok(tasks(call).moveComment(call.param("task_id"), call.param("comment_id"),
                            body == null ? null : string(body.get("target_task_id"))));
                }),
                Route.of("POST", "/actions/projects/<project_id>/tasks/comment-many", true, call -> {
                    Object body = call.jsonBody();
                    if (!(body instanceof List<?> list)) {
                        throw ZouException.wrongParameter("Request body must be a JSON array.");
                    }
                    return call.json().answer(201, tasks(call).commentMany(call.param("project_id"), list));
                }));
    }

    /** The attachment's bytes: safe raster images inline, anything else as a download (Zou's stored-XSS guard). */
    private static HttpResponse download(Call call) {
        AttachmentDownload file = tasks(call).attachment(call.param("attachment_file_id"));
        HttpResponse response;
        if (call.isHead()) {
            closeQuietly(file);
            response = HttpResponse.bytes(200, file.mimeType(), new byte[0]);
        } else {
            response = HttpResponse.stream(200, file.mimeType(), out -> {
                try (file) {
                    file.stream().transferTo(out);
                }
            });
        }
        String name = file.name().replaceAll("[\\r\\n\"\\\\]", "_");
        return response.withHeader("Content-Disposition", (file.inline() ? "inline" : "attachment")
                + "; filename=\"" + name + "\"").withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", "private, max-age=86400");
    }

    private static void closeQuietly(AttachmentDownload file) {
        try {
            file.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Tasks tasks(Call call) {
        return call.session().tasks();
    }

    /** The comment arguments from a JSON body or a form (multipart with files, or url-encoded). */
    static NewComment newComment(Call call) {
        if (FormBody.isForm(call)) {
            FormBody form = FormBody.read(call);
            List<String> links = form.fields().getOrDefault("links", List.of());
            return new NewComment(form.first("task_status_id"), form.first("comment"), form.first("person_id"),
                    form.first("created_at"), checklist(call, form.first("checklist")), links,
                    truthy(form.first("for_client")), form.uploads());
        }
        Map<String, Object> body = call.jsonObjectBody();
        if (body == null) {
            throw ZouException.wrongParameter("task_status_id is required and must be a valid UUID.");
        }
        return new NewComment(string(body.get("task_status_id")), string(body.get("comment")),
                string(body.get("person_id")), string(body.get("created_at")), checklist(body.get("checklist")),
                strings(body.get("links")), truthy(body.get("for_client")), List.<Upload>of());
    }

    static String string(Object o) {
        return o == null ? null : o.toString();
    }

    static boolean truthy(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        return o != null && List.of("true", "1", "yes", "on").contains(o.toString().trim().toLowerCase());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> checklist(Object o) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof List<?> list)) {
            throw ZouException.wrongParameter("checklist must be a list.");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?>)) {
                throw ZouException.wrongParameter("checklist items must be objects.");
            }
            items.add((Map<String, Object>) item);
        }
        return items;
    }

    private static List<Map<String, Object>> checklist(Call call, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return checklist(call.json().mapper().readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw ZouException.wrongParameter("checklist must be a JSON list.");
        }
    }

    private static List<String> strings(Object o) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof List<?> list)) {
            throw ZouException.wrongParameter("links must be a list.");
        }
        List<String> out = new ArrayList<>();
        for (Object x : list) {
            out.add(String.valueOf(x));
        }
        return out;
    }
}
