package org.zou4j.projects;

import java.util.List;
import java.util.Map;

/**
 * Zou's {@code projects} blueprint for one caller: project lists, team, settings, metadata descriptors. Obtained from
 * {@code Session.projects()}; every call runs with the caller's permissions, as the HTTP routes do. Results are
 * Zou's JSON shapes; bodies are Zou's request bodies.
 */
public interface Projects {

    /** {@code GET /data/projects/open}: open projects with descriptors and link priorities; {@code name} optional. */
    List<Map<String, Object>> openProjects(String name);

    /** {@code GET /data/projects/all}: every project visible to the caller; {@code name} optional. */
    List<Map<String, Object>> allProjects(String name);

    /** {@code GET /data/projects/<id>/team}: team members with their {@code project_role}. */
    List<Map<String, Object>> team(String projectId);

    /** {@code POST /data/projects/<id>/team}: adds a person with an optional project role; answers the project. */
    Map<String, Object> addTeamMember(String projectId, String personId, String role);

    /** {@code PUT /data/projects/<id>/team/<person_id>}: sets (null clears) a member's project role. */
    Map<String, Object> setTeamMemberRole(String projectId, String personId, String role);

    /** {@code DELETE /data/projects/<id>/team/<person_id>}. */
    void removeTeamMember(String projectId, String personId);

    /** {@code POST /data/projects/<id>/settings/asset-types}: answers the project. */
    Map<String, Object> addAssetType(String projectId, String assetTypeId);

    /** {@code DELETE /data/projects/<id>/settings/asset-types/<asset_type_id>}. */
    void removeAssetType(String projectId, String assetTypeId);

    /** {@code POST /data/projects/<id>/settings/task-types}; {@code priority} may be null. Answers the project. */
    Map<String, Object> addTaskType(String projectId, String taskTypeId, Integer priority);

    /** {@code DELETE /data/projects/<id>/settings/task-types/<task_type_id>}. */
    void removeTaskType(String projectId, String taskTypeId);

    /** {@code GET /data/projects/<id>/settings/task-status}. */
    List<Map<String, Object>> taskStatuses(String projectId);

    /** {@code POST /data/projects/<id>/settings/task-status}: answers the project. */
    Map<String, Object> addTaskStatus(String projectId, String taskStatusId);

    /** {@code DELETE /data/projects/<id>/settings/task-status/<task_status_id>}. */
    void removeTaskStatus(String projectId, String taskStatusId);

    /** {@code GET /data/projects/<id>/settings/status-automations}. */
    List<Map<String, Object>> statusAutomations(String projectId);

    /** {@code POST /data/projects/<id>/settings/status-automations}: answers the project. */
    Map<String, Object> addStatusAutomation(String projectId, String statusAutomationId);

    /** {@code DELETE /data/projects/<id>/settings/status-automations/<status_automation_id>}. */
    void removeStatusAutomation(String projectId, String statusAutomationId);

    /** {@code GET /data/projects/<id>/settings/preview-background-files}. */
    List<Map<String, Object>> previewBackgroundFiles(String projectId);

    /** {@code POST /data/projects/<id>/settings/preview-background-files}: answers the project. */
    Map<String, Object> addPreviewBackgroundFile(String projectId, String previewBackgroundFileId);

    /** {@code DELETE /data/projects/<id>/settings/preview-background-files/<file_id>}. */
    void removePreviewBackgroundFile(String projectId, String previewBackgroundFileId);

    /**
     * {@code POST /data/projects/<id>/settings/batch}: body {@code task_types} ([{task_type_id, priority}]),
     * {@code task_status_ids}, {@code asset_type_ids}, {@code replace_task_types}. Answers the project.
     */
    Map<String, Object> updateSettings(String projectId, Map<String, Object> body);

    /** {@code GET /data/projects/<id>/metadata-descriptors}. */
    List<Map<String, Object>> metadataDescriptors(String projectId);

    /** {@code POST /data/projects/<id>/metadata-descriptors}: body {@code name, entity_type, data_type, ...}. */
    Map<String, Object> addMetadataDescriptor(String projectId, Map<String, Object> body);

    /** {@code GET /data/projects/<id>/metadata-descriptors/<descriptor_id>}. */
    Map<String, Object> metadataDescriptor(String projectId, String descriptorId);

    /** {@code PUT /data/projects/<id>/metadata-descriptors/<descriptor_id>}. */
    Map<String, Object> updateMetadataDescriptor(String projectId, String descriptorId, Map<String, Object> body);

    /** {@code DELETE /data/projects/<id>/metadata-descriptors/<descriptor_id>}. */
    void removeMetadataDescriptor(String projectId, String descriptorId);

    /** {@code POST /data/projects/<id>/metadata-descriptors/reorder}: body {@code entity_type, descriptor_ids}. */
    List<Map<String, Object>> reorderMetadataDescriptors(String projectId, Map<String, Object> body);

    /** {@code POST /data/metadata-descriptors/all-projects}: the created descriptors. */
    List<Map<String, Object>> addMetadataDescriptorToAllProjects(Map<String, Object> body);

    /** {@code PUT /data/metadata-descriptors/all-projects/<field_name>}: the updated descriptors. */
    List<Map<String, Object>> updateMetadataDescriptorOnAllProjects(String fieldName, Map<String, Object> body);

    /** {@code DELETE /data/metadata-descriptors/all-projects/<field_name>?entity_type=}: the removed ids. */
    List<String> removeMetadataDescriptorFromAllProjects(String fieldName, String entityType);

    /** {@code POST /actions/metadata-descriptors/all-projects/reorder}: body {@code entity_type, field_order}. */
    List<Map<String, Object>> reorderMetadataDescriptorsOnAllProjects(Map<String, Object> body);

    /** The project budgets and budget entries (managers of the project). */
    Budgets budgets();

    /** The production schedule (milestones, schedule items, schedule versions) and time (time spents, day offs). */
    Schedules schedules();

    /** Zou's departments blueprint: software licenses and hardware items of departments (admins). */
    Departments departments();

    /** Zou's project_templates blueprint: template links, snapshots of projects, templates applied to projects. */
    ProjectTemplates templates();
}
