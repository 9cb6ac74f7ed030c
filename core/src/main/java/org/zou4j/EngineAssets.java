package org.zou4j;

import java.util.List;
import java.util.Map;
import org.zou4j.assets.Assets;
import org.zou4j.assets.EntityKind;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.assets.EntityService;

/** The engine's {@link Assets}: the entity service bound to one caller. */
final class EngineAssets implements Assets {
    private final EntityService service;
    private final Caller caller;

    EngineAssets(EntityService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> get(EntityKind kind, String id) {
        return service.get(caller, kind, id);
    }

    @Override
    public void delete(EntityKind kind, String id, boolean force) {
        service.delete(caller, kind, id, force);
    }

    @Override
    public Map<String, Object> updateShot(String shotId, Map<String, Object> body) {
        return service.updateShot(caller, shotId, body);
    }

    @Override
    public List<Map<String, Object>> list(EntityKind kind, Query query) {
        return service.list(caller, kind, query);
    }

    @Override
    public List<Map<String, Object>> projectList(EntityKind kind, String projectId, Query query) {
        return service.projectList(caller, kind, projectId, query);
    }

    @Override
    public List<Map<String, Object>> projectTypeAssets(String projectId, String assetTypeId, Query query) {
        return service.projectTypeAssets(caller, projectId, assetTypeId, query);
    }

    @Override
    public List<Map<String, Object>> children(EntityKind parentKind, String parentId, EntityKind childKind,
                                              Query query) {
        return service.children(caller, parentKind, parentId, childKind, query);
    }

    @Override
    public Map<String, Object> create(EntityKind kind, String projectId, Map<String, Object> body) {
        return service.create(caller, kind, projectId, body);
    }

    @Override
    public Map<String, Object> newAsset(String projectId, String assetTypeId, Map<String, Object> body) {
        return service.newAsset(caller, projectId, assetTypeId, body);
    }

    @Override
    public List<Map<String, Object>> tasks(EntityKind kind, String id, Query query) {
        return service.tasks(caller, kind, id, query);
    }

    @Override
    public List<Map<String, Object>> descendantTasks(EntityKind parentKind, String parentId, EntityKind childKind,
                                                     Query query) {
        return service.descendantTasks(caller, parentKind, parentId, childKind, query);
    }

    @Override
    public List<Map<String, Object>> taskTypes(EntityKind kind, String id) {
        return service.taskTypes(caller, kind, id);
    }

    @Override
    public JsonStream withTasks(EntityKind kind, Query query) {
        return service.withTasks(caller, kind, query);
    }

    @Override
    public Map<String, Object> previewFiles(EntityKind kind, String id) {
        return service.previewFiles(caller, kind, id);
    }

    @Override
    public List<Map<String, Object>> versions(EntityKind kind, String id) {
        return service.versions(caller, kind, id);
    }

    @Override
    public Map<String, Object> news(String entityId) {
        return service.news(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> entityPreviewFiles(String entityId) {
        return service.entityPreviewFiles(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> timeSpents(String entityId) {
        return service.timeSpents(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> linkedWithTasks(String entityId) {
        return service.linkedWithTasks(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> createTasks(String entityId, Map<String, Object> body) {
        return service.createTasks(caller, entityId, body);
    }

    @Override
    public List<String> deleteEntities(String projectId, Object ids, boolean force) {
        return service.deleteEntities(caller, projectId, ids, force);
    }

    @Override
    public List<Map<String, Object>> casting(String assetId) {
        return service.links().casting(caller, assetId);
    }

    @Override
    public List<Object> updateCasting(String assetId, Object casting) {
        return service.links().updateCasting(caller, assetId, casting);
    }

    @Override
    public List<Map<String, Object>> castIn(String assetId) {
        return service.links().castIn(caller, assetId);
    }

    @Override
    public List<Map<String, Object>> castAssets(EntityKind kind, String id) {
        return service.links().castAssets(caller, kind, id);
    }

    @Override
    public List<Map<String, Object>> shotAssetTypes(String shotId) {
        return service.links().shotAssetTypes(caller, shotId);
    }

    @Override
    public List<Map<String, Object>> share(String projectId, String assetTypeId, Map<String, Object> body) {
        return service.links().share(caller, projectId, assetTypeId, body);
    }

    @Override
    public List<Map<String, Object>> sharedUsed(String projectId, String episodeId) {
        return service.links().sharedUsed(caller, projectId, episodeId);
    }

    @Override
    public Map<String, Object> assetInstances(String assetId, String by) {
        return service.links().assetInstances(caller, assetId, by);
    }

    @Override
    public Map<String, Object> addAssetInstance(String assetId, Map<String, Object> body) {
        return service.links().addAssetInstance(caller, assetId, body);
    }

    @Override
    public List<Map<String, Object>> sceneShots(String sceneId) {
        return service.links().sceneShots(caller, sceneId);
    }

    @Override
    public Map<String, Object> sceneShot(String sceneId, String shotId, boolean add) {
        return service.links().sceneShot(caller, sceneId, shotId, add);
    }

    @Override
    public Map<String, Object> episodeStats(String projectId, boolean retakes) {
        return service.episodeStats(caller, projectId, retakes);
    }

    @Override
    public List<Map<String, Object>> setShotFrames(String projectId, String taskTypeId, String episodeId) {
        return service.setShotFrames(caller, projectId, taskTypeId, episodeId);
    }

    @Override
    public Map<String, Object> quotas(String projectId, String taskTypeOrPersonId, boolean perPerson, Query query) {
        return service.quotas(caller, projectId, taskTypeOrPersonId, perPerson, query);
    }

    @Override
    public JsonStream listStream(EntityKind kind, Query query) {
        return service.listStream(caller, kind, query);
    }

    @Override
    public JsonStream projectListStream(EntityKind kind, String projectId, Query query) {
        return service.projectListStream(caller, kind, projectId, query);
    }
}
