package org.zou4j.http.internal.routes;

import java.util.List;
import java.util.Locale;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.imports.Imports;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code source} blueprint: CSV imports and OTIO/EDL timelines sent as multipart forms with a {@code file}
 * part (201 with what was imported), and Kitsu-to-Kitsu imports as JSON lists. The shotgun imports are not served.
 */
public final class ImportRoutes {

    public List<Route> routes() {
        String project = "/import/csv/projects/<project_id>";
        return List.of(
                Route.of("POST", "/import/csv/persons", true, call -> {
                    Upload file = file(call);
                    return call.json().answer(201, imports(call).csvPersons(file.content(), update(call)));
                }),
                Route.of("POST", project + "/assets", true, call -> {
                    Upload file = file(call);
                    return call.json().answer(201, imports(call).csvAssets(call.param("project_id"), file.content(),
                            update(call)));
                }),
                Route.of("POST", project + "/shots", true, call -> {
                    Upload file = file(call);
                    return call.json().answer(201, imports(call).csvShots(call.param("project_id"), file.content(),
                            update(call)));
                }),
                Route.of("POST", project + "/edits", true, call -> {
                    Upload file = file(call);
                    return call.json().answer(201, imports(call).csvEdits(call.param("project_id"), file.content(),
                            update(call)));
                }),
                Route.of("POST", project + "/casting", true, call -> {
                    Upload file = file(call);
                    return call.json().answer(201, imports(call).csvCasting(call.param("project_id"),
                            file.content(), update(call)));
                }),
                Route.of("POST", project + "/task-types/<task_type_id>/estimations", true, call -> {
                    Upload file = file(call);
                    return call.json().answer(201, imports(call).csvEstimations(call.param("project_id"),
                            call.param("task_type_id"), null, file.content()));
                }),
                Route.of("POST", project + "/episodes/<episode_id>/task-types/<task_type_id>/estimations", true,
                        call -> {
                            Upload file = file(call);
                            return call.json().answer(201, imports(call).csvEstimations(call.param("project_id"),
                                    call.param("task_type_id"), call.param("episode_id"), file.content()));
                        }),
                Route.of("POST", "/import/otio/projects/<project_id>", true, call -> otio(call, null)),
                Route.of("POST", "/import/otio/projects/<project_id>/episodes/<episode_id>", true,
                        call -> otio(call, call.param("episode_id"))),
                kitsu("attachment-files"), kitsu("build-jobs"), kitsu("comments"), kitsu("entities"),
                kitsu("entity-links"), kitsu("metadata-descriptors"), kitsu("milestones"), kitsu("news"),
                kitsu("notifications"), kitsu("playlists"), kitsu("preview-files"), kitsu("projects"),
                kitsu("schedule-items"), kitsu("subscriptions"), kitsu("tasks"), kitsu("time-spents"));
    }

    private static Imports imports(Call call) {
        return call.session().imports();
    }

    private static Route kitsu(String model) {
        return Route.of("POST", "/import/kitsu/" + model, true, call -> call.json().ok(imports(call).kitsu(model,
                call.jsonBody(), bool(call.query().first("silent").orElse(null), false))));
    }

    private static org.zou4j.http.transport.HttpResponse otio(Call call, String episodeId) {
        FormBody form = form(call);
        Upload file = file(form);
        String convention = form.first("naming_convention");
        if (convention == null) {
            convention = call.query().first("naming_convention").orElse(null);
        }
        String matchCase = form.first("match_case");
        if (matchCase == null) {
            matchCase = call.query().first("match_case").orElse(null);
        }
        return call.json().answer(201, imports(call).otio(call.param("project_id"), episodeId, file.fileName(),
                file.content(), convention, bool(matchCase, true)));
    }

    /** Zou's {@code update} flag (also read as {@code update_existing}): the query string, else a form field. */
    private static boolean update(Call call) {
        String v = call.query().first("update").or(() -> call.query().first("update_existing")).orElse(null);
        if (v == null && FormBody.isForm(call)) {
            FormBody form = FormBody.read(call);
            v = form.first("update") != null ? form.first("update") : form.first("update_existing");
        }
        return bool(v, false);
    }

    private static boolean bool(String v, boolean dflt) {
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> dflt;
        };
    }

    private static FormBody form(Call call) {
        if (!FormBody.isForm(call)) {
            throw ZouException.wrongParameter("Send the file as multipart/form-data in a \"file\" field.");
        }
        return FormBody.read(call);
    }

    private static Upload file(Call call) {
        return file(form(call));
    }

    private static Upload file(FormBody form) {
        for (FormBody.NamedUpload u : form.files()) {
            if (u.field().equals("file")) {
                return u.upload();
            }
        }
        throw ZouException.wrongParameter("No file was sent (multipart field \"file\").");
    }
}
