package org.zou4j;

import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.production.ProductionService;

/** The engine's {@link Production}: the production service bound to one caller. */
final class EngineProduction implements Production {
    private final ProductionService service;
    private final Caller caller;

    EngineProduction(ProductionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> linkTaskType(Map<String, Object> args) {
        return service.linkTaskType(caller, args);
    }

    @Override
    public Map<String, Object> linkTaskStatus(Map<String, Object> args) {
        return service.linkTaskStatus(caller, args);
    }

    @Override
    public List<Map<String, Object>> reorderTaskTypes(Object body) {
        return service.reorderTaskTypes(caller, body);
    }

    @Override
    public List<Map<String, Object>> reorderProjectLinks(String projectId, boolean statuses, Object body) {
        return service.reorderProjectLinks(caller, projectId, statuses, body);
    }

    @Override
    public List<Map<String, Object>> assetTypes(Query query) {
        return service.assetTypes(caller, query);
    }

    @Override
    public Map<String, Object> assetType(String id) {
        return service.assetType(caller, id);
    }

    @Override
    public List<Map<String, Object>> projectAssetTypes(String projectId) {
        return service.projectAssetTypes(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> projectTaskTypes(String projectId) {
        return service.projectTaskTypes(caller, projectId);
    }

    @Override
    public Object projectEntityLinks(String projectId, Query query) {
        return service.projectEntityLinks(caller, projectId, query);
    }

    @Override
    public Map<String, Object> deleteProjectEntityLink(String projectId, String linkId) {
        return service.deleteProjectEntityLink(caller, projectId, linkId);
    }

    @Override
    public List<Map<String, Object>> editVersions(String editId) {
        return service.editVersions(caller, editId);
    }
}
