package org.zou4j;

import java.util.List;
import java.util.Map;

/**
 * Zou's production routes beyond generic CRUD, for one caller ({@code session.production()}): project task-type and
 * task-status settings, asset types, a project's breakdown links, edit versions. Answers are JSON values exactly as
 * Zou's routes answer them; errors are {@link ZouException}s with Zou's status and body.
 */
public interface Production {

    /** {@code POST /data/task-type-links}: args {@code project_id}, {@code task_type_id}, {@code priority}. */
    Map<String, Object> linkTaskType(Map<String, Object> args);

    /** {@code POST /data/task-status-links}: args as above plus {@code task_status_id}, {@code roles_for_board}. */
    Map<String, Object> linkTaskStatus(Map<String, Object> args);

    /** {@code POST /actions/task-types/reorder} with body {@code {"task_type_ids": [...]}}. */
    List<Map<String, Object>> reorderTaskTypes(Object body);

    /**
     * {@code POST /actions/projects/<id>/task-type-links/reorder} ({@code statuses=false}) or
     * {@code .../task-status-links/reorder} ({@code statuses=true}).
     */
    List<Map<String, Object>> reorderProjectLinks(String projectId, boolean statuses, Object body);

    /** {@code GET /data/asset-types}. */
    List<Map<String, Object>> assetTypes(Query query);

    /** {@code GET /data/asset-types/<id>}. */
    Map<String, Object> assetType(String id);

    /** {@code GET /data/projects/<id>/asset-types}. */
    List<Map<String, Object>> projectAssetTypes(String projectId);

    /** {@code GET /data/projects/<id>/task-types}. */
    List<Map<String, Object>> projectTaskTypes(String projectId);

    /** {@code GET /data/projects/<id>/entity-links}: a page envelope, a cursor envelope or a compact list. */
    Object projectEntityLinks(String projectId, Query query);

    /** {@code DELETE /data/projects/<id>/entity-links/<link_id>}: answers the deleted link. */
    Map<String, Object> deleteProjectEntityLink(String projectId, String linkId);

    /** {@code GET /data/edits/<id>/versions}. */
    List<Map<String, Object>> editVersions(String editId);
}
