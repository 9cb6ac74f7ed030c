package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.ProjectsRoutes.body;
import static org.zou4j.http.internal.routes.ProjectsRoutes.delete;
import static org.zou4j.http.internal.routes.ProjectsRoutes.get;
import static org.zou4j.http.internal.routes.ProjectsRoutes.pid;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.projects.Budgets;

/** Zou's projects blueprint, budget routes: thin routes over {@link Budgets}. Zou answers 200 on creation. */
final class BudgetRoutes {
    private static final String B = "/data/projects/<project_id>/budgets/<budget_id>";

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(get("/data/projects/<project_id>/budgets", c -> b(c).list(pid(c))));
        r.add(Route.of("POST", "/data/projects/<project_id>/budgets", true,
                c -> c.json().ok(b(c).create(pid(c), body(c)))));
        r.add(get(B, c -> b(c).get(pid(c), c.param("budget_id"))));
        r.add(Route.of("PUT", B, true, c -> c.json().ok(b(c).update(pid(c), c.param("budget_id"), body(c)))));
        r.add(delete(B, c -> b(c).delete(pid(c), c.param("budget_id"))));
        r.add(get(B + "/entries", c -> b(c).entries(pid(c), c.param("budget_id"))));
        r.add(Route.of("POST", B + "/entries", true,
                c -> c.json().ok(b(c).createEntry(pid(c), c.param("budget_id"), body(c)))));
        r.add(get(B + "/entries/<entry_id>", c -> b(c).entry(pid(c), c.param("budget_id"), c.param("entry_id"))));
        r.add(Route.of("PUT", B + "/entries/<entry_id>", true, c -> c.json().ok(b(c).updateEntry(pid(c),
                c.param("budget_id"), c.param("entry_id"), body(c)))));
        r.add(delete(B + "/entries/<entry_id>",
                c -> b(c).deleteEntry(pid(c), c.param("budget_id"), c.param("entry_id"))));
        return r;
    }

    private static Budgets b(Call c) {
        return c.session().projects().budgets();
    }
}
