package org.zou4j.http.internal.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zou4j.DataSet;
import org.zou4j.Entry;
import org.zou4j.ListResult;
import org.zou4j.ZouEngine;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's generic {@code /data/<route>} and {@code /data/<route>/<instance_id>} routes for every model the engine
 * declares: list (streamed), create (201), get, update, delete (204).
 */
public final class DataRoutes {
    private DataSet data(Call call, String route) {
        return call.session().data(route);
    }

    public List<Route> routes(ZouEngine engine) {
        List<Route> routes = new ArrayList<>();
        for (String route : engine.dataRoutes()) {
            String collection = "/data/" + route;
            String instance = collection + "/<instance_id>";
            // cached: a page or an instance is a pure function of the rows, the person and the request
            routes.add(Route.of("GET", collection, true, call -> list(call, route)).cached());
            routes.add(Route.of("POST", collection, true, call -> create(call, route)));
            routes.add(Route.of("GET", instance, true, call -> get(call, route)).cached());
            routes.add(Route.of("PUT", instance, true, call -> update(call, route)));
            routes.add(Route.of("DELETE", instance, true, call -> delete(call, route)));
        }
        return routes;
    }

    private HttpResponse list(Call call, String route) {
        ListResult result = data(call, route).query(call.query());
        if (call.isHead()) {
            result.close();
            return HttpResponse.json(200, "[]");
        }
        if (result.isPage()) {
            try (result) {
                return call.json().ok(result.page());
            }
        }
        return HttpResponse.streamJson(200, result::writeJson);
    }

    private HttpResponse create(Call call, String route) {
        Map<String, Object> body = call.jsonObjectBody();
        Entry created = data(call, route).create(body);
        return call.json().answer(201, created.asMap());
    }

    private HttpResponse get(Call call, String route) {
        Entry entry = data(call, route).get(call.param("instance_id"), call.query());
        return call.json().ok(entry.asMap());
    }

    private HttpResponse update(Call call, String route) {
        Map<String, Object> body = call.jsonObjectBody();
        Entry updated = data(call, route).update(call.param("instance_id"), body);
        return call.json().ok(updated.asMap());
    }

    private HttpResponse delete(Call call, String route) {
        data(call, route).delete(call.param("instance_id"), call.query().flag("force"));
        return HttpResponse.noContent();
    }
}
