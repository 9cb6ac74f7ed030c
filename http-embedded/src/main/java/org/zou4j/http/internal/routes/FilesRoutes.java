package org.zou4j.http.internal.routes;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.files.Files;
import org.zou4j.files.Files.OutputFileFilters;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/** Zou's {@code files} blueprint: thin routes over {@link Files}. */
public final class FilesRoutes {
    private static final String AI = "/data/asset-instances/<asset_instance_id>";
    private static final String AIE = AI + "/entities/<temporal_entity_id>";
    private static final String E = "/data/entities/<entity_id>";

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(post("/actions/projects/<project_id>/set-file-tree", 200,
                c -> f(c).setFileTree(c.param("project_id"), body(c))));
        r.add(put("/actions/working-files/<working_file_id>/comment",
                c -> f(c).commentWorkingFile(c.param("working_file_id"), body(c))));
        r.add(put("/actions/working-files/<working_file_id>/modified",
                c -> f(c).markWorkingFileModified(c.param("working_file_id"))));
        // asset instances
        r.add(post(AIE + "/output-file-path", 200, c -> f(c).instanceOutputFilePath(ai(c), te(c), body(c))));
        r.add(get(AIE + "/output-files/last-revisions",
                c -> f(c).lastInstanceOutputFiles(ai(c), te(c), filters(c))));
        r.add(post(AIE + "/output-files/new", 201, c -> f(c).newInstanceOutputFile(ai(c), te(c), body(c))));
        r.add(post(AIE + "/output-files/next-revision", 200,
                c -> f(c).nextInstanceOutputRevision(ai(c), te(c), body(c))));
        r.add(get(AIE + "/output-types", c -> f(c).instanceOutputTypes(ai(c), te(c))));
        r.add(get(AIE + "/output-types/<output_type_id>/output-files",
                c -> f(c).instanceOutputTypeOutputFiles(ai(c), te(c), c.param("output_type_id"),
                        c.query().first("representation").orElse(null))));
        r.add(get(AI + "/output-files", c -> f(c).instanceOutputFiles(ai(c),
                c.query().first("temporal_entity_id").orElse(null), filters(c))));
        // entities
        r.add(post(E + "/output-file-path", 200, c -> f(c).entityOutputFilePath(c.param("entity_id"), body(c))));
        r.add(get(E + "/output-files", c -> f(c).entityOutputFiles(c.param("entity_id"), filters(c))));
        r.add(get(E + "/output-files/last-revisions",
                c -> f(c).lastEntityOutputFiles(c.param("entity_id"), filters(c))));
        r.add(post(E + "/output-files/new", 201, c -> f(c).newEntityOutputFile(c.param("entity_id"), body(c))));
        r.add(post(E + "/output-files/next-revision", 200,
                c -> f(c).nextEntityOutputRevision(c.param("entity_id"), body(c))));
        r.add(get(E + "/output-types", c -> f(c).entityOutputTypes(c.param("entity_id"))));
        r.add(get(E + "/output-types/<output_type_id>/output-files",
                c -> f(c).entityOutputTypeOutputFiles(c.param("entity_id"), c.param("output_type_id"),
                        c.query().first("representation").orElse(null))));
        r.add(get(E + "/working-files", c -> f(c).entityWorkingFiles(c.param("entity_id"),
                c.query().first("task_id").orElse(null), c.query().first("name").orElse(null),
                "true".equalsIgnoreCase(c.query().first("relations").orElse("false")))));
        r.add(post("/data/entities/guess-from-path", 200, c -> f(c).guessFromPath(body(c))));
        r.add(post("/data/entities/guess_from_path", 200, c -> f(c).guessFromPath(body(c))));
        r.add(get("/data/files/<file_id>", c -> f(c).file(c.param("file_id"))));
        r.add(get("/data/projects/<project_id>/output-files",
                c -> f(c).projectOutputFiles(c.param("project_id"), filters(c))));
        // tasks and working files
        r.add(post("/data/tasks/<task_id>/working-file-path", 200,
                c -> f(c).workingFilePath(c.param("task_id"), body(c))));
        r.add(get("/data/tasks/<task_id>/working-files", c -> f(c).taskWorkingFiles(c.param("task_id"))));
        r.add(get("/data/tasks/<task_id>/working-files/last-revisions",
                c -> f(c).lastWorkingFiles(c.param("task_id"))));
        r.add(post("/data/tasks/<task_id>/working-files/new", 201,
                c -> f(c).newWorkingFile(c.param("task_id"), body(c))));
        r.add(Route.of("GET", "/data/working-files/<working_file_id>/file", true, FilesRoutes::download));
        r.add(post("/data/working-files/<working_file_id>/file", 201, FilesRoutes::upload));
        return r;
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Call call);
    }

    private static Route get(String path, Handler h) {
        return Route.of("GET", path, true, c -> c.json().ok(h.handle(c)));
    }

    private static Route put(String path, Handler h) {
        return Route.of("PUT", path, true, c -> c.json().ok(h.handle(c)));
    }

    private static Route post(String path, int status, Handler h) {
        return Route.of("POST", path, true, c -> c.json().answer(status, h.handle(c)));
    }

    private static Files f(Call c) {
        return c.session().files();
    }

    private static String ai(Call c) {
        return c.param("asset_instance_id");
    }

    private static String te(Call c) {
        return c.param("temporal_entity_id");
    }

    private static OutputFileFilters filters(Call c) {
        return new OutputFileFilters(q(c, "output_type_id"), q(c, "task_type_id"), q(c, "representation"),
                q(c, "file_status_id"), q(c, "name"));
    }

    private static String q(Call c, String name) {
        return c.query().first(name).orElse(null);
    }

    /** The JSON object body (gazu sends JSON); else the query-string values, as Zou's request parsing falls back. */
    private static Map<String, Object> body(Call call) {
        boolean json = call.request().contentType().map(t -> t.contains("json")).orElse(false)
                && !call.request().bodyAsString().isBlank();
        if (json) {
            Map<String, Object> b = call.jsonObjectBody();
            return b == null ? Map.of() : b;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        call.request().queryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                args.put(k, v.get(0));
            }
        });
        return args;
    }

    /** gazu's {@code upload_working_file}: a multipart body with a {@code file} part. */
    private static Object upload(Call call) {
        if (!FormBody.isForm(call)) {
            throw ZouException.wrongParameter("Send the file as multipart/form-data in a \"file\" field.");
        }
        for (FormBody.NamedUpload u : FormBody.read(call).files()) {
            if (u.field().equals("file")) {
                try (java.io.InputStream in = u.upload().open()) {
                    return f(call).uploadWorkingFile(call.param("working_file_id"), in);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        throw ZouException.wrongParameter("No file was sent (multipart field \"file\").");
    }

    /** Zou's {@code send_storage_file}: octet-stream, with the working file's change time as Last-Modified. */
    private static HttpResponse download(Call call) {
        Files.WorkingFileContent content = f(call).workingFileContent(call.param("working_file_id"));
        HttpResponse response;
        if (call.isHead()) {
            close(content.file().stream());
            response = HttpResponse.bytes(200, "application/octet-stream", new byte[0]);
        } else {
            response = HttpResponse.stream(200, "application/octet-stream", out -> {
                try (InputStream in = content.file().stream()) {
                    in.transferTo(out);
                }
            });
        }
        if (content.updatedAt() != null) {
            try {
                LocalDateTime t = LocalDateTime.parse(content.updatedAt());
                response = response.withHeader("Last-Modified",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC)));
            } catch (java.time.format.DateTimeParseException e) {
                // no header
            }
        }
        return response.withHeader("Cache-Control", "no-cache");
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
