package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.ProjectsRoutes.body;
import static org.zou4j.http.internal.routes.ProjectsRoutes.get;
import static org.zou4j.http.internal.routes.ProjectsRoutes.pid;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.projects.Schedules;
import org.zou4j.projects.Schedules.ScheduleObjects;

/** Zou's projects blueprint, schedule and time routes: thin routes over {@link Schedules}. */
final class ScheduleRoutes {
    private static final String P = "/data/projects/<project_id>";
    private static final String V = "/production-schedule-versions/<production_schedule_version_id>";

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(get(P + "/milestones", c -> s(c).milestones(pid(c))));
        r.add(get(P + "/schedule-items", c -> s(c).scheduleItems(pid(c))));
        r.add(get(P + "/schedule-items/task-types", c -> s(c).taskTypeScheduleItems(pid(c))));
        r.add(objects("asset-types", ScheduleObjects.ASSET_TYPES));
        r.add(objects("episodes", ScheduleObjects.EPISODES));
        r.add(objects("sequences", ScheduleObjects.SEQUENCES));
        r.add(objects("edits", ScheduleObjects.EDITS));
        r.add(get("/data" + V + "/task-links", c -> s(c).taskLinks(vid(c), q(c, "task_type_id"),
                "true".equalsIgnoreCase(q(c, "relations")))));
        r.add(Route.of("POST", "/actions" + V + "/set-task-links-from-production", true,
                c -> c.json().ok(s(c).setTaskLinksFromProduction(vid(c)))));
        r.add(Route.of("POST", "/actions" + V + "/set-task-links-from-production-schedule-version", true,
                c -> c.json().ok(s(c).setTaskLinksFromVersion(vid(c), body(c)))));
        r.add(Route.of("POST", "/actions" + V + "/apply-to-production", true,
                c -> c.json().ok(s(c).applyToProduction(vid(c)))));
        r.add(Route.of("GET", P + "/time-spents", true, c -> AssetRoutes.stream(c, s(c).timeSpents(pid(c)))));
        r.add(get(P + "/task-types/<task_type_id>/time-spents", c -> s(c).taskTypeTimeSpents(pid(c),
                c.param("task_type_id"), q(c, "start_date"), q(c, "end_date"))));
        r.add(get(P + "/budgets/time-spents", c -> s(c).monthTimeSpents(pid(c))));
        r.add(get(P + "/day-offs", c -> s(c).dayOffs(pid(c), q(c, "start_date"), q(c, "end_date"))));
        return r;
    }

    private static Route objects(String segment, ScheduleObjects kind) {
        return get(P + "/schedule-items/<task_type_id>/" + segment, c -> s(c).scheduleItems(pid(c),
                c.param("task_type_id"), kind, q(c, "episode_id")));
    }

    private static String q(Call c, String name) {
        return c.query().first(name).orElse(null);
    }

    private static String vid(Call c) {
        return c.param("production_schedule_version_id");
    }

    private static Schedules s(Call c) {
        return c.session().projects().schedules();
    }
}
