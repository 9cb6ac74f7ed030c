package org.zou4j.projects;

import java.util.List;
import java.util.Map;

/**
 * Zou's {@code project_templates} blueprint for one caller: a template's linked task types, task statuses, asset
 * types, status automations and preview backgrounds, its default background and descriptor snapshot, templates made
 * from projects and applied to projects. Reads need a global manager, writes an admin. Obtained from
 * {@link Projects#templates()}. Results are Zou's JSON shapes.
 */
public interface ProjectTemplates {

    /** What a template links to. */
    enum Link {
        /** {@code /task-types}, body key {@code task_type_id} (+ {@code priority}). */
        TASK_TYPES,
        /** {@code /task-statuses}, body key {@code task_status_id} (+ {@code priority, roles_for_board}). */
        TASK_STATUSES,
        /** {@code /asset-types}, body key {@code asset_type_id}. */
        ASSET_TYPES,
        /** {@code /status-automations}, body key {@code status_automation_id}. */
        STATUS_AUTOMATIONS,
        /** {@code /preview-background-files}, body key {@code preview_background_file_id}. */
        PREVIEW_BACKGROUNDS
    }

    /** {@code GET /data/project-templates/<id>/<links>}. */
    List<Map<String, Object>> links(String templateId, Link kind);

    /** {@code POST /data/project-templates/<id>/<links>}: answers the link (or the linked item's short form). */
    Map<String, Object> addLink(String templateId, Link kind, Map<String, Object> body);

    /** {@code DELETE /data/project-templates/<id>/<links>/<ref_id>}. */
    void removeLink(String templateId, Link kind, String refId);

    /**
     * {@code POST /actions/project-templates/<id>/(task-types|task-statuses)/reorder}: body {@code task_type_ids} or
     * {@code task_status_ids}; answers the links with priorities 1..n.
     */
    List<Map<String, Object>> reorder(String templateId, Link kind, Map<String, Object> body);

    /** {@code PUT /data/project-templates/<id>/default-preview-background-file}: answers the template. */
    Map<String, Object> setDefaultBackground(String templateId, Map<String, Object> body);

    /**
     * {@code PUT /data/project-templates/<id>/metadata-descriptors}: {@code body} is a list of descriptors or a map
     * with {@code metadata_descriptors}; answers the template.
     */
    Map<String, Object> setMetadataDescriptors(String templateId, Object body);

    /** {@code POST /data/project-templates/from-project/<project_id>}: body {@code name, description}. */
    Map<String, Object> fromProject(String projectId, Map<String, Object> body);

    /** {@code POST /data/projects/<project_id>/apply-template/<project_template_id>}: answers the project. */
    Map<String, Object> apply(String projectId, String templateId);
}
