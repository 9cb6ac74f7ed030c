package org.zou4j.internal.files;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.zou4j.files.Files;
import org.zou4j.internal.access.Caller;

/** {@link Files} bound to one caller. */
public final class BoundFiles implements Files {
    private final FilesService service;
    private final Caller caller;

    public BoundFiles(FilesService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> setFileTree(String projectId, Map<String, Object> body) {
        return service.setFileTree(caller, projectId, body);
    }

    @Override
    public Map<String, Object> workingFilePath(String taskId, Map<String, Object> body) {
        return service.workingFilePath(caller, taskId, body);
    }

    @Override
    public Map<String, Object> entityOutputFilePath(String entityId, Map<String, Object> body) {
        return service.entityOutputFilePath(caller, entityId, body);
    }

    @Override
    public Map<String, Object> instanceOutputFilePath(String assetInstanceId, String temporalEntityId,
                                                      Map<String, Object> body) {
        return service.instanceOutputFilePath(caller, assetInstanceId, temporalEntityId, body);
    }

    @Override
    public List<Map<String, Object>> taskWorkingFiles(String taskId) {
        return service.taskWorkingFiles(caller, taskId);
    }

    @Override
    public Map<String, Object> lastWorkingFiles(String taskId) {
        return service.lastWorkingFiles(caller, taskId);
    }

    @Override
    public Map<String, Object> newWorkingFile(String taskId, Map<String, Object> body) {
        return service.newWorkingFile(caller, taskId, body);
    }

    @Override
    public Map<String, Object> markWorkingFileModified(String workingFileId) {
        return service.markWorkingFileModified(caller, workingFileId);
    }

    @Override
    public Map<String, Object> commentWorkingFile(String workingFileId, Map<String, Object> body) {
        return service.commentWorkingFile(caller, workingFileId, body);
    }

    @Override
    public List<Map<String, Object>> entityWorkingFiles(String entityId, String taskId, String name,
                                                        boolean relations) {
        return service.entityWorkingFiles(caller, entityId, taskId, name, relations);
    }

    @Override
    public Map<String, Object> uploadWorkingFile(String workingFileId, InputStream content) {
        return service.uploadWorkingFile(caller, workingFileId, content);
    }

    @Override
    public WorkingFileContent workingFileContent(String workingFileId) {
        return service.workingFileContent(caller, workingFileId);
    }

    @Override
    public Map<String, Object> file(String fileId) {
        return service.file(caller, fileId);
    }

    @Override
    public Map<String, Object> newEntityOutputFile(String entityId, Map<String, Object> body) {
        return service.newEntityOutputFile(caller, entityId, body);
    }

    @Override
    public Map<String, Object> newInstanceOutputFile(String assetInstanceId, String temporalEntityId,
                                                     Map<String, Object> body) {
        return service.newInstanceOutputFile(caller, assetInstanceId, temporalEntityId, body);
    }

    @Override
    public Map<String, Object> nextEntityOutputRevision(String entityId, Map<String, Object> body) {
        return service.nextEntityOutputRevision(caller, entityId, body);
    }

    @Override
    public Map<String, Object> nextInstanceOutputRevision(String assetInstanceId, String temporalEntityId,
                                                          Map<String, Object> body) {
        return service.nextInstanceOutputRevision(caller, assetInstanceId, temporalEntityId, body);
    }

    @Override
    public List<Map<String, Object>> lastEntityOutputFiles(String entityId, OutputFileFilters filters) {
        return service.lastEntityOutputFiles(caller, entityId, filters);
    }

    @Override
    public List<Map<String, Object>> lastInstanceOutputFiles(String assetInstanceId, String temporalEntityId,
                                                             OutputFileFilters filters) {
        return service.lastInstanceOutputFiles(caller, assetInstanceId, temporalEntityId, filters);
    }

    @Override
    public List<Map<String, Object>> entityOutputTypes(String entityId) {
        return service.entityOutputTypes(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> instanceOutputTypes(String assetInstanceId, String temporalEntityId) {
        return service.instanceOutputTypes(caller, assetInstanceId, temporalEntityId);
    }

    @Override
    public List<Map<String, Object>> entityOutputTypeOutputFiles(String entityId, String outputTypeId,
                                                                 String representation) {
        return service.entityOutputTypeOutputFiles(caller, entityId, outputTypeId, representation);
    }

    @Override
    public List<Map<String, Object>> instanceOutputTypeOutputFiles(String assetInstanceId, String temporalEntityId,
                                                                   String outputTypeId, String representation) {
        return service.instanceOutputTypeOutputFiles(caller, assetInstanceId, temporalEntityId, outputTypeId,
                representation);
    }

    @Override
    public List<Map<String, Object>> projectOutputFiles(String projectId, OutputFileFilters filters) {
        return service.projectOutputFiles(caller, projectId, filters);
    }

    @Override
    public List<Map<String, Object>> entityOutputFiles(String entityId, OutputFileFilters filters) {
        return service.entityOutputFiles(caller, entityId, filters);
    }

    @Override
    public List<Map<String, Object>> instanceOutputFiles(String assetInstanceId, String temporalEntityId,
                                                         OutputFileFilters filters) {
        return service.instanceOutputFiles(caller, assetInstanceId, temporalEntityId, filters);
    }

    @Override
    public List<Map<String, Object>> guessFromPath(Map<String, Object> body) {
        return service.guessFromPath(caller, body);
    }
}
