package org.zou4j.internal.projects;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.projects.Projects;

/** {@link Projects} bound to one caller. */
public final class BoundProjects implements Projects {
    private final ProjectsArea area;
    private final Caller caller;

    public BoundProjects(ProjectsArea area, Caller caller) {
        this.area = area;
        this.caller = caller;
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    @Override
    public List<Map<String, Object>> openProjects(String name) {
        return area.projects.openProjects(caller, name);
    }

    @Override
    public List<Map<String, Object>> allProjects(String name) {
        return area.projects.allProjects(caller, name);
    }

    @Override
    public List<Map<String, Object>> team(String projectId) {
        return area.projects.team(caller, projectId);
    }

    @Override
    public Map<String, Object> addTeamMember(String projectId, String personId, String role) {
        return area.projects.addTeamMember(caller, projectId, args("person_id", personId, "role", role));
    }

    @Override
    public Map<String, Object> setTeamMemberRole(String projectId, String personId, String role) {
        return area.projects.updateTeamMemberRole(caller, projectId, personId, args("role", role));
    }

    @Override
    public void removeTeamMember(String projectId, String personId) {
        area.projects.removeTeamMember(caller, projectId, personId);
    }

    @Override
    public Map<String, Object> addAssetType(String projectId, String assetTypeId) {
        return area.projects.addAssetType(caller, projectId, args("asset_type_id", assetTypeId));
    }

    @Override
    public void removeAssetType(String projectId, String assetTypeId) {
        area.projects.removeAssetType(caller, projectId, assetTypeId);
    }

    @Override
    public Map<String, Object> addTaskType(String projectId, String taskTypeId, Integer priority) {
        return area.projects.addTaskType(caller, projectId, args("task_type_id", taskTypeId, "priority", priority));
    }

    @Override
    public void removeTaskType(String projectId, String taskTypeId) {
        area.projects.removeTaskType(caller, projectId, taskTypeId);
    }

    @Override
    public List<Map<String, Object>> taskStatuses(String projectId) {
        return area.projects.taskStatuses(caller, projectId);
    }

    @Override
    public Map<String, Object> addTaskStatus(String projectId, String taskStatusId) {
        return area.projects.addTaskStatus(caller, projectId, args("task_status_id", taskStatusId));
    }

    @Override
    public void removeTaskStatus(String projectId, String taskStatusId) {
        area.projects.removeTaskStatus(caller, projectId, taskStatusId);
    }

    @Override
    public List<Map<String, Object>> statusAutomations(String projectId) {
        return area.projects.statusAutomations(caller, projectId);
    }

    @Override
    public Map<String, Object> addStatusAutomation(String projectId, String statusAutomationId) {
        return area.projects.addStatusAutomation(caller, projectId, args("status_automation_id", statusAutomationId));
    }

    @Override
    public void removeStatusAutomation(String projectId, String statusAutomationId) {
        area.projects.removeStatusAutomation(caller, projectId, statusAutomationId);
    }

    @Override
    public List<Map<String, Object>> previewBackgroundFiles(String projectId) {
        return area.projects.previewBackgroundFiles(caller, projectId);
    }

    @Override
    public Map<String, Object> addPreviewBackgroundFile(String projectId, String previewBackgroundFileId) {
        return area.projects.addPreviewBackgroundFile(caller, projectId,
                args("preview_background_file_id", previewBackgroundFileId));
    }

    @Override
    public void removePreviewBackgroundFile(String projectId, String previewBackgroundFileId) {
        area.projects.removePreviewBackgroundFile(caller, projectId, previewBackgroundFileId);
    }

    @Override
    public Map<String, Object> updateSettings(String projectId, Map<String, Object> body) {
        return area.projects.settingsBatch(caller, projectId, body);
    }

    @Override
    public List<Map<String, Object>> metadataDescriptors(String projectId) {
        return area.metadata.list(caller, projectId);
    }

    @Override
    public Map<String, Object> addMetadataDescriptor(String projectId, Map<String, Object> body) {
        return area.metadata.create(caller, projectId, body);
    }

    @Override
    public Map<String, Object> metadataDescriptor(String projectId, String descriptorId) {
        return area.metadata.get(caller, projectId, descriptorId);
    }

    @Override
    public Map<String, Object> updateMetadataDescriptor(String projectId, String descriptorId,
                                                        Map<String, Object> body) {
        return area.metadata.update(caller, projectId, descriptorId, body);
    }

    @Override
    public void removeMetadataDescriptor(String projectId, String descriptorId) {
        area.metadata.delete(caller, projectId, descriptorId);
    }

    @Override
    public List<Map<String, Object>> reorderMetadataDescriptors(String projectId, Map<String, Object> body) {
        return area.metadata.reorder(caller, projectId, body);
    }

    @Override
    public List<Map<String, Object>> addMetadataDescriptorToAllProjects(Map<String, Object> body) {
        return area.metadata.createOnAllProjects(caller, body);
    }

    @Override
    public List<Map<String, Object>> updateMetadataDescriptorOnAllProjects(String fieldName,
                                                                           Map<String, Object> body) {
        return area.metadata.updateOnAllProjects(caller, fieldName, body);
    }

    @Override
    public List<String> removeMetadataDescriptorFromAllProjects(String fieldName, String entityType) {
        return area.metadata.deleteOnAllProjects(caller, fieldName, entityType);
    }

    @Override
    public List<Map<String, Object>> reorderMetadataDescriptorsOnAllProjects(Map<String, Object> body) {
        return area.metadata.reorderOnAllProjects(caller, body);
    }

    @Override
    public org.zou4j.projects.Budgets budgets() {
        return new BoundBudgets(area.budgets, caller);
    }

    @Override
    public org.zou4j.projects.Schedules schedules() {
        return new BoundSchedules(area.schedule, area.time, caller);
    }

    @Override
    public org.zou4j.projects.Departments departments() {
        return new BoundDepartments(area.departments, caller);
    }

    @Override
    public org.zou4j.projects.ProjectTemplates templates() {
        return new BoundProjectTemplates(area.templates, caller);
    }
}
