package org.zou4j.internal.breakdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.breakdown.Breakdown;
import org.zou4j.internal.access.Caller;

/** The engine's {@link Breakdown}: the breakdown service bound to one caller. */
public final class BoundBreakdown implements Breakdown {
    private final BreakdownService service;
    private final Caller caller;

    public BoundBreakdown(BreakdownService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public List<Map<String, Object>> casting(String projectId, String entityId) {
        return service.casting(caller, projectId, entityId);
    }

    @Override
    public List<Object> updateCasting(String projectId, String entityId, List<?> casting) {
        return service.updateCasting(caller, projectId, entityId, casting == null ? null : new ArrayList<Object>(casting));
    }


    @Override
    public Map<String, Object> updateCastings(String projectId, Map<String, ?> castings) {
        return service.updateCastings(caller, projectId, castings == null ? null : new LinkedHashMap<>(castings));
    }


    @Override
    public Map<String, List<Map<String, Object>>> episodesCasting(String projectId) {
        return service.episodesCasting(caller, projectId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> sequenceCasting(String projectId, String sequenceId) {
        return service.sequenceCasting(caller, projectId, sequenceId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> allSequencesCasting(String projectId, String episodeId) {
        return service.allSequencesCasting(caller, projectId, episodeId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> assetTypeCasting(String projectId, String assetTypeId) {
        return service.assetTypeCasting(caller, projectId, assetTypeId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> shotAssetInstances(String shotId) {
        return service.shotAssetInstances(caller, shotId);
    }

    @Override
    public Map<String, Object> addShotAssetInstance(String shotId, String assetInstanceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset_instance_id", assetInstanceId);
        return service.addShotAssetInstance(caller, shotId, body);
    }


    @Override
    public void removeShotAssetInstance(String shotId, String assetInstanceId) {
        service.removeShotAssetInstance(caller, shotId, assetInstanceId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> sceneAssetInstances(String sceneId) {
        return service.sceneAssetInstances(caller, sceneId);
    }

    @Override
    public Map<String, List<Map<String, Object>>> sceneCameraInstances(String sceneId) {
        return service.sceneCameraInstances(caller, sceneId);
    }

    @Override
    public Map<String, Object> addSceneAssetInstance(String sceneId, String assetId, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asset_id", assetId);
        body.put("description", description);
        return service.addSceneAssetInstance(caller, sceneId, body);
    }

}
