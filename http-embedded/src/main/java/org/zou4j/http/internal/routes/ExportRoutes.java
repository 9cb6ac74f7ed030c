package org.zou4j.http.internal.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.export.CsvExport;
import org.zou4j.export.Exports;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's {@code export} blueprint: CSV files ({@code text/csv}, UTF-8, {@code Content-Disposition: attachment}). The
 * export is made (permissions checked, data read) before the answer starts, then written to the socket.
 */
public final class ExportRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/export/csv/projects/<project_id>/assets.csv", true,
                        call -> csv(exports(call).assets(call.param("project_id"), filters(call)))),
                Route.of("GET", "/export/csv/projects/<project_id>/shots.csv", true,
                        call -> csv(exports(call).shots(call.param("project_id"), filters(call)))),
                Route.of("GET", "/export/csv/projects/<project_id>/edits.csv", true,
                        call -> csv(exports(call).edits(call.param("project_id")))),
                Route.of("GET", "/export/csv/projects/<project_id>/casting.csv", true,
                        call -> csv(exports(call).casting(call.param("project_id"),
                                call.query().first("episode_id").orElse(null),
                                call.query().first("is_shot_casting").map(v -> v.equalsIgnoreCase("true"))
                                        .orElse(false)))),
                Route.of("GET", "/export/csv/persons.csv", true, call -> csv(exports(call).persons())),
                Route.of("GET", "/export/csv/projects.csv", true, call -> csv(exports(call).projects())),
                Route.of("GET", "/export/csv/task-types.csv", true, call -> csv(exports(call).taskTypes())),
                Route.of("GET", "/export/csv/tasks.csv", true, call -> csv(exports(call).tasks())),
                Route.of("GET", "/export/csv/time-spents.csv", true, call -> csv(exports(call).timeSpents())),
                Route.of("GET", "/export/csv/playlists/<playlist_id>", true,
                        call -> csv(exports(call).playlist(call.param("playlist_id")))));
    }

    private static Exports exports(Call call) {
        return call.session().exports();
    }

    private static Map<String, String> filters(Call call) {
        Map<String, String> m = new LinkedHashMap<>();
        call.request().queryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                m.put(k, v.get(0));
            }
        });
        return m;
    }

    private static HttpResponse csv(CsvExport export) {
        return HttpResponse.stream(200, "text/csv; charset=utf-8", export::writeTo)
                .withHeader("Content-Disposition", "attachment; filename=" + export.fileName() + ".csv");
    }
}
