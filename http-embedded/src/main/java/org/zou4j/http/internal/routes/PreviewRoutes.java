package org.zou4j.http.internal.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code previews} blueprint beyond the picture sizes ({@link PictureRoutes}): preview uploads of every kind,
 * movies (with HTTP range requests, so players can seek), tiles, downloads, the preview actions, running previews,
 * project/organisation/background/attachment thumbnails and batch comments. Thin: every route calls
 * {@code session.previews()}.
 */
public final class PreviewRoutes {
    /** Zou's {@code CLIENT_CACHE_MAX_AGE}. */
    private static final String CACHE = "private, max-age=604800";
    private static final String PF = "/pictures/originals/preview-files/<instance_id>";

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(Route.of("POST", "/pictures/preview-files/<instance_id>", true, call -> call.json().answer(201,
                call.session().previews().upload(call.param("instance_id"), PictureRoutes.file(call),
                        !"false".equalsIgnoreCase(call.request().queryParam("normalize").orElse("true"))))));
        // movies
        for (String variant : List.of("originals", "low", "source")) {
            r.add(Route.of("GET", "/movies/" + variant + "/preview-files/<instance_id>", true, call -> {
                String id = strip(call.param("instance_id"), "mp4");
                return file(call, call.session().previews().movie(variant, id), "video/mp4", null);
            }));
        }
        r.add(Route.of("GET", "/movies/originals/preview-files/<instance_id>/download", true, call -> {
            String id = call.param("instance_id");
            String name = call.session().previews().downloadName(id);
            return file(call, call.session().previews().movie("originals", id), "video/mp4", name);
        }));
        r.add(Route.of("GET", "/movies/tiles/preview-files/<instance_id>", true, call -> file(call,
                call.session().previews().tile(strip(call.param("instance_id"), "png")), "image/png", null)));
        // originals of any kind, and their download
        r.add(Route.of("GET", PF, true, call -> {
            String[] idExt = split(call.param("instance_id"));
            if (idExt[1].equals("png")) {
                return file(call, call.session().pictures().previewPicture("originals", idExt[0]), "image/png",
                        null);
            }
            return file(call, call.session().previews().original(idExt[0], idExt[1]),
                    idExt[1].equals("pdf") ? "application/pdf" : "application/octet-stream", null);
        }));
        r.add(Route.of("GET", PF + "/download", true, call -> {
            String id = call.param("instance_id");
            String extension = call.session().previews().extension(id);
            String name = call.session().previews().downloadName(id);
            if ("png".equals(extension)) {
                return file(call, call.session().pictures().previewPicture("originals", id), "image/png", name);
            }
            if ("mp4".equals(extension)) {
                return file(call, call.session().previews().movie("originals", id), "video/mp4", name);
            }
            return file(call, call.session().previews().original(id, extension == null ? "" : extension),
                    "pdf".equals(extension) ? "application/pdf" : "application/octet-stream", name);
        }));
        // Zou's PreviewFileResource serves GET only: PUT and DELETE answer 405 there as here
        r.add(Route.of("PUT", PF, true, call -> notAllowed("GET")));
        r.add(Route.of("DELETE", PF, true, call -> notAllowed("GET")));
        // actions
        r.add(Route.of("PUT", "/actions/preview-files/<preview_file_id>/set-main-preview", true, call -> {
            Map<String, Object> body = lenientBody(call);
            Integer frame = integer(body.containsKey("frame_number") ? body.get("frame_number")
                    : call.request().queryParam("frame_number").orElse(null), "frame_number");
            return call.json().ok(call.session().previews().setMainPreview(call.param("preview_file_id"), frame));
        }));
        r.add(Route.of("PUT", "/actions/preview-files/<preview_file_id>/update-position", true, call -> {
            Integer position = integer(lenientBody(call).get("position"), "position");
            if (position == null) {
                throw ZouException.wrongParameter("position is required (an integer).");
            }
            return call.json().ok(call.session().previews().updatePosition(call.param("preview_file_id"),
                    position));
        }));
        r.add(Route.of("PUT", "/actions/preview-files/<preview_file_id>/update-annotations", true, call -> {
            Map<String, Object> body = lenientBody(call);
            return call.json().ok(call.session().previews().updateAnnotations(call.param("preview_file_id"),
                    list(body, "additions"), list(body, "updates"), list(body, "deletions")));
        }));
        r.add(Route.of("GET", "/actions/preview-files/<preview_file_id>/extract-frame", true, call -> {
            Integer frame = integer(call.request().queryParam("frame_number").orElse(null), "frame_number");
            byte[] png = call.session().previews().extractFrame(call.param("preview_file_id"),
                    frame == null ? 0 : frame);
            return HttpResponse.bytes(200, "image/png", png);
        }));
        r.add(Route.of("GET", "/actions/preview-files/<preview_file_id>/extract-tile", true, call ->
                HttpResponse.bytes(200, "image/png", call.session().previews().extractTile(
                        call.param("preview_file_id")))));
        r.add(Route.of("GET", "/actions/preview-files/<preview_file_id>/extract-annotated-frame", true, call -> {
            Integer frame = integer(call.request().queryParam("frame_number").orElse(null), "frame_number");
            return HttpResponse.bytes(200, "image/png", call.session().previews().annotatedFrame(
                    call.param("preview_file_id"), frame));
        }));
        for (boolean pdf : new boolean[] {false, true}) {
            r.add(Route.of("GET", "/actions/preview-files/<preview_file_id>/extract-annotated-frames"
                    + (pdf ? "-pdf" : ""), true, call -> {
                        String id = call.param("preview_file_id");
                        byte[] bundle = call.session().previews().annotatedFrames(id, pdf);
                        String name = call.session().previews().downloadName(id);
                        name = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                        return HttpResponse.bytes(200, pdf ? "application/pdf" : "application/zip", bundle)
                                .withHeader("Content-Disposition", "attachment; filename=" + name
                                        .replaceAll("[^A-Za-z0-9._-]", "_") + "_annotated_frames." + (pdf ? "pdf"
                                        : "zip"));
                    }));
        }
        r.add(Route.of("GET", "/data/playlists/preview-files/running", true, call -> {
            Integer limit = integer(call.request().queryParam("limit").orElse(null), "limit");
            return call.json().ok(call.session().previews().runningPreviewFiles(
                    call.request().queryParam("cursor_preview_file_id").orElse(null), limit));
        }));
        // thumbnails
        for (String kind : List.of("projects", "organisations")) {
            r.add(Route.of("POST", "/pictures/thumbnails/" + kind + "/<instance_id>", true, call ->
                    call.json().answer(201, call.session().previews().uploadThumbnail(kind,
                            strip(call.param("instance_id"), "png"), PictureRoutes.file(call)))));
            r.add(Route.of("GET", "/pictures/thumbnails/" + kind + "/<instance_id>", true, call -> file(call,
                    call.session().previews().thumbnail(kind, strip(call.param("instance_id"), "png")),
                    "image/png", null)));
        }
        r.add(Route.of("GET", "/pictures/thumbnails/preview-background-files/<instance_id>", true, call ->
                file(call, call.session().previews().thumbnail("preview-background-files",
                        strip(call.param("instance_id"), "png")), "image/png", null)));
        // Zou's PreviewBackgroundFileThumbnailResource.post raises (a 500 there): the thumbnail comes from the file
        r.add(Route.of("POST", "/pictures/thumbnails/preview-background-files/<instance_id>", true,
                call -> notAllowed("GET")));
        r.add(Route.of("GET", "/pictures/thumbnails/attachment-files/<attachment_file_id>", true, call ->
                file(call, call.session().previews().attachmentThumbnail(strip(call.param("attachment_file_id"),
                        "png")), "image/png", null)));
        // preview backgrounds
        r.add(Route.of("POST", "/pictures/preview-background-files/<instance_id>", true, call ->
                call.json().answer(201, call.session().previews().uploadBackground(call.param("instance_id"),
                        PictureRoutes.file(call)))));
        r.add(Route.of("GET", "/pictures/preview-background-files/<instance_id>", true, call -> {
            String[] idExt = split(call.param("instance_id"));
            return file(call, call.session().previews().background(idExt[0], idExt[1]),
                    idExt[1].equals("hdr") ? "image/vnd.radiance" : "application/octet-stream", null);
        }));
        // Zou's PreviewBackgroundFileResource serves GET only
        r.add(Route.of("PUT", "/pictures/preview-background-files/<instance_id>", true, call -> notAllowed(
                "GET, POST")));
        r.add(Route.of("DELETE", "/pictures/preview-background-files/<instance_id>", true, call -> notAllowed(
                "GET, POST")));
        // batch comments
        r.add(Route.of("POST", "/actions/tasks/<task_id>/batch-comment", true, call -> batch(call,
                call.param("task_id"))));
        r.add(Route.of("POST", "/actions/tasks/batch-comment", true, call -> batch(call, null)));
        return r;
    }

    private static HttpResponse notAllowed(String allow) {
        return HttpResponse.error(405, "The method is not allowed for the requested URL.").withHeader("Allow",
                allow);
    }

    /** {@code abc.mp4} → {@code abc} (the extension Zou's URL carries), other values unchanged. */
    private static String strip(String segment, String extension) {
        String suffix = "." + extension;
        return segment.toLowerCase(Locale.ROOT).endsWith(suffix) ? segment.substring(0, segment.length()
                - suffix.length()) : segment;
    }

    /** {@code <id>.<extension>}: 404 without an extension (Flask's rule would not match). */
    private static String[] split(String segment) {
        int dot = segment.lastIndexOf('.');
        if (dot <= 0 || dot == segment.length() - 1) {
            throw ZouException.notFound();
        }
        return new String[]{segment.substring(0, dot), segment.substring(dot + 1).toLowerCase(Locale.ROOT)};
    }

    /** The JSON object body when there is one (Kitsu sends some of these PUTs without a body). */
    private static Map<String, Object> lenientBody(Call call) {
        String type = call.request().contentType().orElse("").toLowerCase(Locale.ROOT);
        if (!type.contains("json") || call.request().bodyLength() == 0) {
            return Map.of();
        }
        Map<String, Object> body = call.jsonObjectBody();
        return body == null ? Map.of() : body;
    }

    private static Integer integer(Object value, String name) {
        if (value == null || value.toString().isEmpty()) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter(name + " must be an integer.");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?>)) {
            throw ZouException.wrongParameter(name + " must be a list.");
        }
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse batch(Call call, String taskId) {
        List<Map<String, Object>> comments = new ArrayList<>();
        Map<String, Upload> files = new LinkedHashMap<>();
        Object raw;
        if (FormBody.isForm(call)) {
            FormBody form = FormBody.read(call);
            for (FormBody.NamedUpload f : form.files()) {
                files.putIfAbsent(f.field(), f.upload());
            }
            String text = form.first("comments");
            try {
                raw = text == null ? null : call.json().mapper().readValue(text, Object.class);
            } catch (IOException e) {
                throw ZouException.wrongParameter("comments must be a JSON list.");
            }
        } else {
            Map<String, Object> body = call.jsonObjectBody();
            raw = body == null ? null : body.get("comments");
        }
        if (!(raw instanceof List<?> l)) {
            throw ZouException.wrongParameter("comments is required: a JSON list of comments.");
        }
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m)) {
                throw ZouException.wrongParameter("Each comment must be a JSON object.");
            }
            comments.add((Map<String, Object>) m);
        }
        return call.json().answer(201, call.session().previews().batchComment(taskId, comments, files));
    }

    /**
     * Sends a stored file as Flask's {@code send_file(conditional=True)} does: {@code Accept-Ranges}, one byte range
     * answered 206 with {@code Content-Range} (416 when it lies beyond the end), the whole file otherwise; private
     * caching; an attachment name for downloads. Memory stays bounded: the file is streamed.
     */
    static HttpResponse file(Call call, StoredFile file, String contentType, String downloadName) {
        long length = file.length();
        long start = 0;
        long end = length - 1;
        int status = 200;
        Optional<String> range = call.request().header("Range");
        if (range.isPresent()) {
            long[] r = parseRange(range.get().trim(), length);
            if (r != null && r.length == 0) {
                close(file);
                return HttpResponse.error(416, "The requested range is not satisfiable: the file has " + length
                        + " bytes.").withHeader("Content-Range", "bytes */" + length)
                        .withHeader("Accept-Ranges", "bytes");
            }
            if (r != null) {
                start = r[0];
                end = r[1];
                status = 206;
            }
        }
        long count = Math.max(0, end - start + 1);
        HttpResponse response;
        if (call.isHead()) {
            close(file);
            response = HttpResponse.sized(status, contentType, count, out -> { });
        } else {
            long from = start;
            response = HttpResponse.sized(status, contentType, count, out -> copy(file, from, count, out));
        }
        response = response.withHeader("Accept-Ranges", "bytes").withHeader("Cache-Control", CACHE);
        if (status == 206) {
            response = response.withHeader("Content-Range", "bytes " + start + "-" + end + "/" + length);
        }
        if (downloadName != null) {
            response = response.withHeader("Content-Disposition", "attachment; filename="
                    + downloadName.replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return response;
    }

    /**
     * One {@code bytes=} range: {@code [start, end]}; an empty array when unsatisfiable; null when the header is to
     * be ignored (another unit, several ranges, malformed), as RFC 9110 allows.
     */
    static long[] parseRange(String header, long length) {
        if (!header.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return null;
        }
        String spec = header.substring(6).trim();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || length == 0) {
                    return new long[0];
                }
                return new long[]{Math.max(0, length - suffix), length - 1};
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (start < 0 || end < start) {
                return null;
            }
            if (start >= length) {
                return new long[0];
            }
            return new long[]{start, Math.min(end, length - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void copy(StoredFile file, long start, long count, OutputStream out) throws IOException {
        try (InputStream in = file.stream()) {
            long skipped = 0;
            while (skipped < start) {
                long n = in.skip(start - skipped);
                if (n <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("The file is shorter than announced.");
                    }
                    n = 1;
                }
                skipped += n;
            }
            byte[] buf = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("The file is shorter than announced.");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static void close(StoredFile file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // nothing was sent from it
        }
    }
}
