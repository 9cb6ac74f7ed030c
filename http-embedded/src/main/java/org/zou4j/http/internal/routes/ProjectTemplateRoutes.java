package org.zou4j.http.internal.routes;

import static org.zou4j.http.internal.routes.ProjectsRoutes.body;
import static org.zou4j.http.internal.routes.ProjectsRoutes.created;
import static org.zou4j.http.internal.routes.ProjectsRoutes.delete;
import static org.zou4j.http.internal.routes.ProjectsRoutes.get;

import java.util.ArrayList;
import java.util.List;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.projects.ProjectTemplates;
import org.zou4j.projects.ProjectTemplates.Link;

/** Zou's {@code project_templates} blueprint: thin routes over {@link ProjectTemplates}. */
final class ProjectTemplateRoutes {
    private static final String T = "/data/project-templates/<project_template_id>";

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        link(r, "task-types", "task_type_id", Link.TASK_TYPES);
        link(r, "task-statuses", "task_status_id", Link.TASK_STATUSES);
        link(r, "asset-types", "asset_type_id", Link.ASSET_TYPES);
        link(r, "status-automations", "status_automation_id", Link.STATUS_AUTOMATIONS);
        link(r, "preview-background-files", "preview_background_file_id", Link.PREVIEW_BACKGROUNDS);
        r.add(Route.of("POST", "/actions/project-templates/<project_template_id>/task-types/reorder", true,
                c -> c.json().ok(t(c).reorder(tid(c), Link.TASK_TYPES, body(c)))));
        r.add(Route.of("POST", "/actions/project-templates/<project_template_id>/task-statuses/reorder", true,
                c -> c.json().ok(t(c).reorder(tid(c), Link.TASK_STATUSES, body(c)))));
        r.add(Route.of("PUT", T + "/default-preview-background-file", true,
                c -> c.json().ok(t(c).setDefaultBackground(tid(c), body(c)))));
        r.add(Route.of("PUT", T + "/metadata-descriptors", true,
                c -> c.json().ok(t(c).setMetadataDescriptors(tid(c), anyBody(c)))));
        r.add(Route.of("POST", "/data/project-templates/from-project/<project_id>", true,
                c -> created(c, t(c).fromProject(c.param("project_id"), body(c)))));
        r.add(Route.of("POST", "/data/projects/<project_id>/apply-template/<project_template_id>", true,
                c -> c.json().ok(t(c).apply(c.param("project_id"), tid(c)))));
        return r;
    }

    private static void link(List<Route> r, String segment, String param, Link kind) {
        r.add(get(T + "/" + segment, c -> t(c).links(tid(c), kind)));
        r.add(Route.of("POST", T + "/" + segment, true, c -> created(c, t(c).addLink(tid(c), kind, body(c)))));
        r.add(delete(T + "/" + segment + "/<" + param + ">", c -> t(c).removeLink(tid(c), kind, c.param(param))));
    }

    /** A JSON list or object body (Zou's legacy bare-array form), else the query-string values. */
    private static Object anyBody(Call c) {
        boolean json = c.request().contentType().map(t -> t.contains("json")).orElse(false)
                && !c.request().bodyAsString().isBlank();
        return json ? c.jsonBody() : body(c);
    }

    private static String tid(Call c) {
        return c.param("project_template_id");
    }

    private static ProjectTemplates t(Call c) {
        return c.session().projects().templates();
    }
}
