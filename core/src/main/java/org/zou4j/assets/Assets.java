package org.zou4j.assets;

import java.util.List;
import java.util.Map;
import org.zou4j.Query;

/**
 * Zou's entity routes for one caller ({@code session.assets()}): assets, shots, sequences, episodes, scenes, edits and
 * concepts (Zou's blueprints {@code assets}, {@code shots}, {@code edits}, {@code concepts}, {@code entities}). Answers
 * are JSON values exactly as Zou's routes answer them; errors are {@link org.zou4j.ZouException}s with Zou's status
 * and body (404 for an unknown id, a malformed id or an id of another kind; 403 outside the caller's projects).
 */
public interface Assets {

    /**
     * The full entity of {@code kind}, as {@code GET /data/assets/<id>} (or shots, sequences, ...) answers it: the
     * entity with its relations plus Zou's extra fields ({@code project_name}, {@code asset_type_name},
     * {@code sequence_name}, {@code tasks}...).
     */
    Map<String, Object> get(EntityKind kind, String id);

    /**
     * Zou's delete of an entity: with tasks and without {@code force}, assets and shots are only marked
     * {@code canceled} (an {@code <kind>:update} event); otherwise the entity goes with its tasks and links.
     */
    void delete(EntityKind kind, String id, boolean force);

    /** {@code PUT /data/shots/<id>}: a partial update of a shot (manager of its project). */
    Map<String, Object> updateShot(String shotId, Map<String, Object> body);

    /**
     * Lists entities of {@code kind} matching Zou's criteria ({@code project_id}, {@code sequence_id},
     * {@code episode_id}, any entity column), as {@code GET /data/assets}, {@code /data/shots}, ... answer.
     */
    List<Map<String, Object>> list(EntityKind kind, Query query);

    /** {@link #list}, streamed with bounded memory (assets and shots lists can be large). */
    JsonStream listStream(EntityKind kind, Query query);

    /** {@link #projectList}, streamed with bounded memory. */
    JsonStream projectListStream(EntityKind kind, String projectId, Query query);

    /** The entities of {@code kind} of one project, as {@code GET /data/projects/<id>/assets} (shots, ...) answer. */
    List<Map<String, Object>> projectList(EntityKind kind, String projectId, Query query);

    /** {@code GET /data/projects/<id>/asset-types/<type_id>/assets}. */
    List<Map<String, Object>> projectTypeAssets(String projectId, String assetTypeId, Query query);

    /**
     * The entities of kind {@code childKind} under a parent entity: an episode's sequences, shots or edits, a
     * sequence's shots or scenes.
     */
    List<Map<String, Object>> children(EntityKind parentKind, String parentId, EntityKind childKind, Query query);

    /** Creates an entity of {@code kind} in a project from Zou's creation body (answers it; 201 over HTTP). */
    Map<String, Object> create(EntityKind kind, String projectId, Map<String, Object> body);

    /** {@code POST /data/projects/<id>/asset-types/<type_id>/assets/new}. */
    Map<String, Object> newAsset(String projectId, String assetTypeId, Map<String, Object> body);

    /** Creates an asset: typed form of {@link #newAsset(String, String, Map)}. */
    default Map<String, Object> newAsset(String projectId, String assetTypeId, String name, String description,
                                         Map<String, Object> data) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description == null ? "" : description);
        body.put("data", data == null ? Map.of() : data);
        return newAsset(projectId, assetTypeId, body);
    }

    /** Creates (or finds, as Zou does) an episode of a project. */
    default Map<String, Object> newEpisode(String projectId, String name) {
        return create(EntityKind.EPISODE, projectId, Map.of("name", name));
    }

    /** Creates (or finds) a sequence, in an episode when {@code episodeId} is not null. */
    default Map<String, Object> newSequence(String projectId, String episodeId, String name) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("episode_id", episodeId);
        return create(EntityKind.SEQUENCE, projectId, body);
    }

    /** Creates (or finds) a shot in a sequence, with a frame count (may be null). */
    default Map<String, Object> newShot(String projectId, String sequenceId, String name, Integer nbFrames) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("sequence_id", sequenceId);
        body.put("nb_frames", nbFrames);
        return create(EntityKind.SHOT, projectId, body);
    }

    /** The tasks of an entity with their names ({@code task_type_name}, ...), as {@code .../<id>/tasks}. */
    List<Map<String, Object>> tasks(EntityKind kind, String id, Query query);

    /**
     * Tasks of the entities under a parent: {@code /data/sequences/<id>/shot-tasks},
     * {@code /data/episodes/<id>/shot-tasks} ({@code childKind} SHOT) and {@code /data/episodes/<id>/asset-tasks}
     * (ASSET: assets whose episode is this one).
     */
    List<Map<String, Object>> descendantTasks(EntityKind parentKind, String parentId, EntityKind childKind,
                                              Query query);

    /** The task types of an entity's tasks, as {@code .../<id>/task-types}. */
    List<Map<String, Object>> taskTypes(EntityKind kind, String id);

    /**
     * Kitsu's main screens: {@code GET /data/assets/with-tasks}, {@code /data/shots/with-tasks} (and edits,
     * concepts, sequences, episodes, scenes): every entity with its tasks, streamed. Validation and permission checks
     * run before this returns.
     */
    JsonStream withTasks(EntityKind kind, Query query);

    /**
     * {@code GET /data/<kind>s/<id>/preview-files} ({@code kind} null: {@code /data/entities/<id>/preview-files}):
     * task type id → the previews of that task, newest revision first.
     */
    Map<String, Object> previewFiles(EntityKind kind, String id);

    /** {@code GET /data/shots/<id>/versions} (or edits): the entity's versions, newest first. */
    List<Map<String, Object>> versions(EntityKind kind, String id);

    /** {@code GET /data/entities/<id>/news}: the news of the entity's tasks in Zou's page envelope. */
    Map<String, Object> news(String entityId);

    /** {@code GET /data/entities/<id>/preview-files}: the previews of the entity's tasks. */
    List<Map<String, Object>> entityPreviewFiles(String entityId);

    /** {@code GET /data/entities/<id>/time-spents}: time spent on the entity's tasks. */
    List<Map<String, Object>> timeSpents(String entityId);

    /** {@code GET /data/entities/<id>/entities-linked/with-tasks}: linked concepts with their tasks. */
    List<Map<String, Object>> linkedWithTasks(String entityId);

    /** {@code POST /data/entities/<id>/tasks} with {@code {"task_type_ids": [...]}}: the created tasks. */
    List<Map<String, Object>> createTasks(String entityId, Map<String, Object> body);

    /** {@code POST /actions/projects/<id>/delete-entities} with a JSON list of ids: the ids deleted. */
    List<String> deleteEntities(String projectId, Object ids, boolean force);

    /** {@code GET /data/assets/<id>/casting}: the assets cast in this asset. */
    List<Map<String, Object>> casting(String assetId);

    /** {@code PUT /data/assets/<id>/casting}: replaces the asset's casting; answers the casting sent. */
    List<Object> updateCasting(String assetId, Object casting);

    /** {@code GET /data/assets/<id>/cast-in}: the shots, then the assets, this asset is cast in. */
    List<Map<String, Object>> castIn(String assetId);

    /** {@code GET /data/assets/<id>/assets} ({@code kind} ASSET) or {@code /data/shots/<id>/assets} (SHOT). */
    List<Map<String, Object>> castAssets(EntityKind kind, String id);

    /** {@code GET /data/shots/<id>/asset-types}. */
    List<Map<String, Object>> shotAssetTypes(String shotId);

    /**
     * Zou's share routes: {@code POST /actions/assets/share} (both ids null, {@code asset_ids} in the body),
     * {@code /actions/projects/<id>/assets/share}, {@code /actions/projects/<id>/asset-types/<id>/assets/share}.
     */
    List<Map<String, Object>> share(String projectId, String assetTypeId, Map<String, Object> body);

    /** {@code GET /data/projects/<id>/assets/shared-used} ({@code episodeId} null) or per episode. */
    List<Map<String, Object>> sharedUsed(String projectId, String episodeId);

    /**
     * An asset's instances grouped: {@code "target"} ({@code asset-asset-instances}), {@code "shot"}
     * ({@code shot-asset-instances}) or {@code "scene"} ({@code scene-asset-instances}).
     */
    Map<String, Object> assetInstances(String assetId, String by);

    /** {@code POST /data/assets/<id>/asset-asset-instances}. */
    Map<String, Object> addAssetInstance(String assetId, Map<String, Object> body);

    /** {@code GET /data/scenes/<id>/shots}. */
    List<Map<String, Object>> sceneShots(String sceneId);

    /** {@code POST /data/scenes/<id>/shots} ({@code add}) or {@code DELETE /data/scenes/<id>/shots/<shot_id>}. */
    Map<String, Object> sceneShot(String sceneId, String shotId, boolean add);

    /** {@code GET /data/projects/<id>/episodes/stats} or ({@code retakes}) {@code .../episodes/retake-stats}. */
    Map<String, Object> episodeStats(String projectId, boolean retakes);

    /** {@code POST /actions/projects/<id>/task-types/<id>/set-shot-nb-frames[?episode_id=]}. */
    List<Map<String, Object>> setShotFrames(String projectId, String taskTypeId, String episodeId);

    /**
     * {@code GET /data/projects/<id>/quotas/<task_type_id>} ({@code perPerson} false) or
     * {@code /data/projects/<id>/quotas/persons/<person_id>} (true), with {@code count_mode} and {@code studio_id}.
     */
    Map<String, Object> quotas(String projectId, String taskTypeOrPersonId, boolean perPerson, Query query);
}
