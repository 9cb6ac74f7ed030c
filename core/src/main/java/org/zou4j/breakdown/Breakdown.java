package org.zou4j.breakdown;

import java.util.List;
import java.util.Map;

/**
 * Zou's breakdown for one caller ({@code session.breakdown()}): the casting of shots, assets, episodes and sequences
 * (links from an entity to the assets it uses, with a number of occurences and a label), and the asset instances of
 * layout scenes and shots. Answers are JSON values exactly as Zou's {@code breakdown} routes answer them; errors are
 * {@link org.zou4j.ZouException}s with Zou's status and body (403 outside the project's team or for a vendor, 404 for an
 * unknown entity).
 */
public interface Breakdown {

    /**
     * The assets cast in an entity, ordered by asset type name then asset name ({@code GET
     * /data/projects/<p>/entities/<e>/casting}); each item has {@code asset_id}, {@code asset_name},
     * {@code asset_type_name}, {@code nb_occurences}, {@code label}, {@code ready_for}, {@code episode_id},
     * {@code preview_file_id}, {@code is_shared}, {@code project_id}.
     */
    List<Map<String, Object>> casting(String projectId, String entityId);

    /**
     * Replaces the casting of an entity (a shot, an asset, an episode) with {@code casting}: items of
     * {@code {"asset_id", "nb_occurences", "label"}} (items without {@code asset_id} or {@code nb_occurences} are
     * ignored, as Zou does). Managers of the project only. Answers the casting given.
     */
    List<Object> updateCasting(String projectId, String entityId, List<?> casting);

    /** Several castings at once: entity id → casting list; every entity is checked before anything changes. */
    Map<String, Object> updateCastings(String projectId, Map<String, ?> castings);

    /** Episode id → the assets cast in that episode. */
    Map<String, List<Map<String, Object>>> episodesCasting(String projectId);

    /** Shot id → casting, for the shots of one sequence. */
    Map<String, List<Map<String, Object>>> sequenceCasting(String projectId, String sequenceId);

    /**
     * Shot id → casting, for every shot of the project ({@code episodeId} null) or of one episode ({@code "main"}:
     * none).
     */
    Map<String, List<Map<String, Object>>> allSequencesCasting(String projectId, String episodeId);

    /** Asset id → casting, for the assets of one asset type in the project (set dressing). */
    Map<String, List<Map<String, Object>>> assetTypeCasting(String projectId, String assetTypeId);

    /** Asset id → the asset instances cast in a shot. */
    Map<String, List<Map<String, Object>>> shotAssetInstances(String shotId);

    /** Adds an existing asset instance to a shot's instance casting; answers the shot. */
    Map<String, Object> addShotAssetInstance(String shotId, String assetInstanceId);

    /** Removes an asset instance from a shot's instance casting. */
    void removeShotAssetInstance(String shotId, String assetInstanceId);

    /** Asset id → the asset instances of a layout scene. */
    Map<String, List<Map<String, Object>>> sceneAssetInstances(String sceneId);

    /** Asset id → the instances of Camera assets in a layout scene. */
    Map<String, List<Map<String, Object>>> sceneCameraInstances(String sceneId);

    /** A new instance of an asset in a scene, numbered after the scene's last instance of it; answers the instance. */
    Map<String, Object> addSceneAssetInstance(String sceneId, String assetId, String description);
}
