package org.zou4j.http.internal.routes;

import java.util.List;
import org.zou4j.http.internal.Route;

/** Zou's event-log routes (zou-auth.md §6.4) and the live event stream. */
public final class EventRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/data/events/last", true,
                        call -> call.json().ok(call.engine().events().last(call.session(), call.query()))),
                Route.of("GET", "/data/events/names", true,
                        call -> call.json().ok(call.engine().events().names(call.session()))),
                Route.of("GET", "/data/events/login-logs/last", true,
                        call -> call.json().ok(call.engine().events().lastLoginLogs(call.session(), call.query()))),
                Route.of("GET", "/events/stream", true, EventStream::open));
    }
}
