package org.zou4j.http.internal.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.BytesWriter;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.tasks.Upload;

/**
 * The picture routes of Zou's {@code previews} blueprint: preview-file pictures (upload, the four sizes Kitsu shows,
 * their downloads) and person avatars. Pictures are streamed from the file store with Zou's caching: private (they are
 * gated by the token), a day long.
 */
public final class PictureRoutes {
    private static final String[] SIZES = {"previews", "thumbnails", "thumbnails-square"};

    public List<Route> routes() {
        List<Route> routes = new java.util.ArrayList<>();
        // POST /pictures/preview-files/<id> (pictures, movies, files) and the originals are PreviewRoutes'
        for (String size : SIZES) {
            // cached: the pictures of a preview file change only with a write to its row (upload, movie processing,
            // main preview frame), and the permission check reads the database through the engine's SQL
            routes.add(Route.of("GET", "/pictures/" + size + "/preview-files/<instance_id>", true,
                    call -> picture(call, call.session().pictures().previewPicture(size,
                            id(call.param("instance_id"))), null)).cached());
            routes.add(Route.of("GET", "/pictures/" + size + "/preview-files/<instance_id>/download", true,
                    call -> picture(call, call.session().pictures().previewPicture(size,
                            id(call.param("instance_id"))), id(call.param("instance_id")) + ".png")).cached());
        }
        routes.add(Route.of("POST", "/pictures/thumbnails/persons/<instance_id>", true,
                call -> call.json().answer(201, call.session().pictures().uploadAvatar(call.param("instance_id"),
                        file(call)))));
        routes.add(Route.of("GET", "/pictures/thumbnails/persons/<instance_id>", true,
                call -> picture(call, call.session().pictures().avatar(id(call.param("instance_id"))), null)));
        return routes;
    }

    /** The id in {@code <id>.png}: Zou's picture URLs carry the extension. */
    private static String id(String segment) {
        return segment.endsWith(".png") ? segment.substring(0, segment.length() - 4) : segment;
    }

    /** The {@code file} part of a multipart body (gazu's {@code upload_preview_file}); 400 when missing. */
    static Upload file(Call call) {
        if (!FormBody.isForm(call)) {
            throw ZouException.wrongParameter("Send the picture as multipart/form-data in a \"file\" field.");
        }
        FormBody form = FormBody.read(call);
        for (FormBody.NamedUpload f : form.files()) {
            if (f.field().equals("file")) {
                return f.upload();
            }
        }
        throw ZouException.wrongParameter("No file was sent (multipart field \"file\").");
    }

    private static HttpResponse picture(Call call, StoredFile file, String downloadName) {
        HttpResponse response;
        if (call.isHead()) {
            closeQuietly(file.stream());
            response = HttpResponse.bytes(200, "image/png", new byte[0]);
        } else if (file.length() >= 0 && file.length() <= call.engine().readCache().maxBodyBytes()
                && call.engine().readCache().enabled()) {
            // small enough to be cached: read at once, still framed as a stream (the wire is unchanged)
            byte[] bytes;
            try (InputStream in = file.stream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            response = HttpResponse.stream(200, "image/png", new BytesWriter(bytes));
        } else {
            response = HttpResponse.stream(200, "image/png", out -> {
                try (InputStream in = file.stream()) {
                    in.transferTo(out);
                }
            });
        }
        response = response.withHeader("Cache-Control", "private, max-age=86400");
        if (downloadName != null) {
            response = response.withHeader("Content-Disposition", "attachment; filename=" + downloadName);
        }
        return response;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
