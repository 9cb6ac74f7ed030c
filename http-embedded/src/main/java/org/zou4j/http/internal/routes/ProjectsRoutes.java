package org.zou4j.http.internal.routes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.projects.Projects;

/** Zou's {@code projects} blueprint: thin routes over {@link Projects}. */
public final class ProjectsRoutes {
    private static final String P = "/data/projects/<project_id>";

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(get("/data/projects/open", c -> p(c).openProjects(c.query().first("name").orElse(null))));
        r.add(get("/data/projects/all", c -> p(c).allProjects(c.query().first("name").orElse(null))));
        // team
        r.add(get(P + "/team", c -> p(c).team(pid(c))));
        r.add(Route.of("POST", P + "/team", true, c -> created(c, p(c).addTeamMember(pid(c),
                text(body(c), "person_id"), text(body(c), "role")))));
        r.add(Route.of("PUT", P + "/team/<person_id>", true, c -> c.json().ok(p(c).setTeamMemberRole(pid(c),
                c.param("person_id"), text(body(c), "role")))));
        r.add(delete(P + "/team/<person_id>", c -> p(c).removeTeamMember(pid(c), c.param("person_id"))));
        // settings
        r.add(Route.of("POST", P + "/settings/asset-types", true, c -> created(c, p(c).addAssetType(pid(c),
                text(body(c), "asset_type_id")))));
        r.add(delete(P + "/settings/asset-types/<asset_type_id>",
                c -> p(c).removeAssetType(pid(c), c.param("asset_type_id"))));
        r.add(Route.of("POST", P + "/settings/task-types", true, c -> {
            Map<String, Object> b = body(c);
            Object priority = b.get("priority");
            return created(c, p(c).addTaskType(pid(c), text(b, "task_type_id"), priority == null ? null
                    : priority instanceof Number n ? Integer.valueOf(n.intValue()) : parseInt(priority)));
        }));
        r.add(delete(P + "/settings/task-types/<task_type_id>",
                c -> p(c).removeTaskType(pid(c), c.param("task_type_id"))));
        r.add(get(P + "/settings/task-status", c -> p(c).taskStatuses(pid(c))));
        r.add(Route.of("POST", P + "/settings/task-status", true, c -> created(c, p(c).addTaskStatus(pid(c),
                text(body(c), "task_status_id")))));
        r.add(delete(P + "/settings/task-status/<task_status_id>",
                c -> p(c).removeTaskStatus(pid(c), c.param("task_status_id"))));
        r.add(get(P + "/settings/status-automations", c -> p(c).statusAutomations(pid(c))));
        r.add(Route.of("POST", P + "/settings/status-automations", true, c -> created(c,
                p(c).addStatusAutomation(pid(c), text(body(c), "status_automation_id")))));
        r.add(delete(P + "/settings/status-automations/<status_automation_id>",
                c -> p(c).removeStatusAutomation(pid(c), c.param("status_automation_id"))));
        r.add(get(P + "/settings/preview-background-files", c -> p(c).previewBackgroundFiles(pid(c))));
        r.add(Route.of("POST", P + "/settings/preview-background-files", true, c -> created(c,
                p(c).addPreviewBackgroundFile(pid(c), text(body(c), "preview_background_file_id")))));
        r.add(delete(P + "/settings/preview-background-files/<preview_background_file_id>",
                c -> p(c).removePreviewBackgroundFile(pid(c), c.param("preview_background_file_id"))));
        r.add(Route.of("POST", P + "/settings/batch", true, c -> c.json().ok(p(c).updateSettings(pid(c), body(c)))));
        // metadata descriptors
        r.add(get(P + "/metadata-descriptors", c -> p(c).metadataDescriptors(pid(c))));
        r.add(Route.of("POST", P + "/metadata-descriptors", true,
                c -> created(c, p(c).addMetadataDescriptor(pid(c), body(c)))));
        r.add(get(P + "/metadata-descriptors/<metadata_descriptor_id>",
                c -> p(c).metadataDescriptor(pid(c), c.param("metadata_descriptor_id"))));
        r.add(Route.of("PUT", P + "/metadata-descriptors/<metadata_descriptor_id>", true,
                c -> c.json().ok(p(c).updateMetadataDescriptor(pid(c), c.param("metadata_descriptor_id"), body(c)))));
        r.add(delete(P + "/metadata-descriptors/<metadata_descriptor_id>",
                c -> p(c).removeMetadataDescriptor(pid(c), c.param("metadata_descriptor_id"))));
        r.add(Route.of("POST", P + "/metadata-descriptors/reorder", true,
                c -> c.json().ok(p(c).reorderMetadataDescriptors(pid(c), body(c)))));
        r.add(Route.of("POST", "/data/metadata-descriptors/all-projects", true,
                c -> created(c, p(c).addMetadataDescriptorToAllProjects(body(c)))));
        r.add(Route.of("PUT", "/data/metadata-descriptors/all-projects/<field_name>", true,
                c -> c.json().ok(p(c).updateMetadataDescriptorOnAllProjects(c.param("field_name"), body(c)))));
        r.add(Route.of("DELETE", "/data/metadata-descriptors/all-projects/<field_name>", true,
                c -> c.json().ok(p(c).removeMetadataDescriptorFromAllProjects(c.param("field_name"),
                        c.query().first("entity_type").orElse(null)))));
        r.add(Route.of("POST", "/actions/metadata-descriptors/all-projects/reorder", true,
                c -> c.json().ok(p(c).reorderMetadataDescriptorsOnAllProjects(body(c)))));
        r.addAll(new BudgetRoutes().routes());
        r.addAll(new ScheduleRoutes().routes());
        r.addAll(new DepartmentRoutes().routes());
        r.addAll(new ProjectTemplateRoutes().routes());
        return r;
    }

    // ---- helpers shared by the projects-area routes -------------------------------------------------------------

    @FunctionalInterface
    interface Getter {
        Object get(Call call);
    }

    @FunctionalInterface
    interface Deleter {
        void delete(Call call);
    }

    static Route get(String path, Getter g) {
        return Route.of("GET", path, true, c -> c.json().ok(g.get(c)));
    }

    static Route delete(String path, Deleter d) {
        return Route.of("DELETE", path, true, c -> {
            d.delete(c);
            return HttpResponse.noContent();
        });
    }

    static HttpResponse created(Call c, Object body) {
        return c.json().answer(201, body);
    }

    static Projects p(Call c) {
        return c.session().projects();
    }

    static String pid(Call c) {
        return c.param("project_id");
    }

    /**
     * The request body as Zou's {@code validate_request_body} reads it: the JSON object when the request carries
     * one, else the query-string values (empty when neither).
     */
    static Map<String, Object> body(Call call) {
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

    static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : v.toString();
    }

    private static Integer parseInt(Object v) {
        try {
            return Integer.valueOf(v.toString().trim());
        } catch (NumberFormatException e) {
            throw org.zou4j.ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(
                    Map.of("field", "priority", "message", "Input should be a valid integer"))));
        }
    }
}
