package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.ProjectsRoutes.body;
import static org.zou4j.http.internal.routes.ProjectsRoutes.created;
import static org.zou4j.http.internal.routes.ProjectsRoutes.delete;
import static org.zou4j.http.internal.routes.ProjectsRoutes.get;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.projects.Departments;
import org.zou4j.projects.Departments.Equipment;

/** Zou's {@code departments} blueprint: thin routes over {@link Departments}. */
final class DepartmentRoutes {

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        equipment(r, "software-licenses", "software_id", Equipment.SOFTWARE);
        equipment(r, "hardware-items", "hardware_item_id", Equipment.HARDWARE);
        return r;
    }

    private static void equipment(List<Route> r, String segment, String param, Equipment kind) {
        String one = "/data/departments/<department_id>/" + segment + "/<" + param + ">";
        r.add(get("/data/departments/" + segment, c -> d(c).byDepartment(kind)));
        r.add(Route.of("POST", "/data/departments/<department_id>/" + segment, true,
                c -> created(c, d(c).add(c.param("department_id"), kind, body(c)))));
        r.add(get(one, c -> d(c).get(c.param("department_id"), kind, c.param(param))));
        r.add(delete(one, c -> d(c).remove(c.param("department_id"), kind, c.param(param))));
    }

    private static Departments d(Call c) {
        return c.session().projects().departments();
    }
}
