package org.zou4j.internal.projects;

import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.projects.ProjectTemplates;

/** {@link ProjectTemplates} bound to one caller. */
final class BoundProjectTemplates implements ProjectTemplates {
    private final ProjectTemplatesService service;
    private final Caller caller;

    BoundProjectTemplates(ProjectTemplatesService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    private static ProjectTemplatesService.Link kind(Link link) {
        return ProjectTemplatesService.Link.valueOf(link.name());
    }

    @Override
    public List<Map<String, Object>> links(String templateId, Link kind) {
        return service.list(caller, templateId, kind(kind));
    }

    @Override
    public Map<String, Object> addLink(String templateId, Link kind, Map<String, Object> body) {
        return service.add(caller, templateId, kind(kind), body);
    }

    @Override
    public void removeLink(String templateId, Link kind, String refId) {
        service.remove(caller, templateId, kind(kind), refId);
    }

    @Override
    public List<Map<String, Object>> reorder(String templateId, Link kind, Map<String, Object> body) {
        return service.reorder(caller, templateId, kind(kind), body);
    }

    @Override
    public Map<String, Object> setDefaultBackground(String templateId, Map<String, Object> body) {
        return service.setDefaultBackground(caller, templateId, body);
    }

    @Override
    public Map<String, Object> setMetadataDescriptors(String templateId, Object body) {
        return service.setMetadataDescriptors(caller, templateId, body);
    }

    @Override
    public Map<String, Object> fromProject(String projectId, Map<String, Object> body) {
        return service.fromProject(caller, projectId, body);
    }

    @Override
    public Map<String, Object> apply(String projectId, String templateId) {
        return service.apply(caller, projectId, templateId);
    }
}
