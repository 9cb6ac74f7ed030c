package org.zou4j.http.internal.routes;

import java.util.List;
import org.zou4j.http.internal.Route;

/** Zou's {@code tasks} blueprint. */
public final class TaskRoutes {

    public List<Route> routes() {
        return List.of();
    }
}
