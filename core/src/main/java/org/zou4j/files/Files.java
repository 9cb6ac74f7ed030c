package org.zou4j.files;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Zou's {@code files} blueprint for one caller: project file trees, working and output file paths built from the
 * tree's templates, working files (revisions, comments, their bytes in the file store's {@code files} bucket), output
 * files (revisions per entity or per asset instance seen in a shot/scene), output types, and guessing entities from a
 * path. Results are Zou's JSON shapes; request bodies are Zou's (the same keys gazu sends) and are validated as Zou
 * validates them (400 {@code Validation error.}). Permissions are Zou's: project team, vendor entity access, task
 * access, and manager rights where Zou asks them.
 */
public interface Files {

    /**
     * Output-file list filters (Zou's query arguments); null means "any".
     *
     * @param outputTypeId   only this output type
     * @param taskTypeId     only this task type
     * @param representation only this representation
     * @param fileStatusId   only this file status
     * @param name           only this output name
     */
    record OutputFileFilters(String outputTypeId, String taskTypeId, String representation, String fileStatusId,
                             String name) {
        /** No filter. */
        public static OutputFileFilters none() {
            return new OutputFileFilters(null, null, null, null, null);
        }
    }

    /**
     * The bytes of a working file with the file's last change time.
     *
     * @param file      the stored bytes (close it)
     * @param updatedAt the working file's {@code updated_at} (Zou's JSON form)
     */
    record WorkingFileContent(FileStore.StoredFile file, String updatedAt) {
    }

    /** {@code POST /actions/projects/<id>/set-file-tree} ({@code tree_name}): the updated project (managers). */
    Map<String, Object> setFileTree(String projectId, Map<String, Object> body);

    /** {@code POST /data/tasks/<id>/working-file-path}: {@code {"path", "name"}}. */
    Map<String, Object> workingFilePath(String taskId, Map<String, Object> body);

    /** {@code POST /data/entities/<id>/output-file-path}: {@code {"folder_path", "file_name"}}. */
    Map<String, Object> entityOutputFilePath(String entityId, Map<String, Object> body);

    /** {@code POST /data/asset-instances/<id>/entities/<temporal id>/output-file-path}. */
    Map<String, Object> instanceOutputFilePath(String assetInstanceId, String temporalEntityId,
                                               Map<String, Object> body);

    /** {@code GET /data/tasks/<id>/working-files}: newest revision first. */
    List<Map<String, Object>> taskWorkingFiles(String taskId);

    /** {@code GET /data/tasks/<id>/working-files/last-revisions}: the last revision of each name, by name. */
    Map<String, Object> lastWorkingFiles(String taskId);

    /** {@code POST /data/tasks/<id>/working-files/new}: a new revision (assigns the caller to the task). */
    Map<String, Object> newWorkingFile(String taskId, Map<String, Object> body);

    /** {@code PUT /actions/working-files/<id>/modified}: sets {@code updated_at} to now. */
    Map<String, Object> markWorkingFileModified(String workingFileId);

    /** {@code PUT /actions/working-files/<id>/comment} ({@code comment}). */
    Map<String, Object> commentWorkingFile(String workingFileId, Map<String, Object> body);

    /** {@code GET /data/entities/<id>/working-files} ({@code task_id}, {@code name} filters). */
    List<Map<String, Object>> entityWorkingFiles(String entityId, String taskId, String name, boolean relations);

    /** {@code POST /data/working-files/<id>/file}: stores the bytes; answers the working file. */
    Map<String, Object> uploadWorkingFile(String workingFileId, InputStream content);

    /** {@code GET /data/working-files/<id>/file}: the stored bytes (404 when none). */
    WorkingFileContent workingFileContent(String workingFileId);

    /** {@code GET /data/files/<id>}: a working file, else an output file. */
    Map<String, Object> file(String fileId);

    /** {@code POST /data/entities/<id>/output-files/new}. */
    Map<String, Object> newEntityOutputFile(String entityId, Map<String, Object> body);

    /** {@code POST /data/asset-instances/<id>/entities/<temporal id>/output-files/new}. */
    Map<String, Object> newInstanceOutputFile(String assetInstanceId, String temporalEntityId,
                                              Map<String, Object> body);

    /** {@code POST /data/entities/<id>/output-files/next-revision}: {@code {"next_revision": n}}. */
    Map<String, Object> nextEntityOutputRevision(String entityId, Map<String, Object> body);

    /** {@code POST /data/asset-instances/<id>/entities/<temporal id>/output-files/next-revision}. */
    Map<String, Object> nextInstanceOutputRevision(String assetInstanceId, String temporalEntityId,
                                                   Map<String, Object> body);

    /** {@code GET /data/entities/<id>/output-files/last-revisions}. */
    List<Map<String, Object>> lastEntityOutputFiles(String entityId, OutputFileFilters filters);

    /** {@code GET /data/asset-instances/<id>/entities/<temporal id>/output-files/last-revisions}. */
    List<Map<String, Object>> lastInstanceOutputFiles(String assetInstanceId, String temporalEntityId,
                                                      OutputFileFilters filters);

    /** {@code GET /data/entities/<id>/output-types}. */
    List<Map<String, Object>> entityOutputTypes(String entityId);

    /** {@code GET /data/asset-instances/<id>/entities/<temporal id>/output-types}. */
    List<Map<String, Object>> instanceOutputTypes(String assetInstanceId, String temporalEntityId);

    /** {@code GET /data/entities/<id>/output-types/<output type id>/output-files}. */
    List<Map<String, Object>> entityOutputTypeOutputFiles(String entityId, String outputTypeId,
                                                          String representation);

    /** {@code GET /data/asset-instances/<id>/entities/<temporal id>/output-types/<output type id>/output-files}. */
    List<Map<String, Object>> instanceOutputTypeOutputFiles(String assetInstanceId, String temporalEntityId,
                                                            String outputTypeId, String representation);

    /** {@code GET /data/projects/<id>/output-files} (managers). */
    List<Map<String, Object>> projectOutputFiles(String projectId, OutputFileFilters filters);

    /** {@code GET /data/entities/<id>/output-files}. */
    List<Map<String, Object>> entityOutputFiles(String entityId, OutputFileFilters filters);

    /** {@code GET /data/asset-instances/<id>/output-files} ({@code temporal_entity_id} optional). */
    List<Map<String, Object>> instanceOutputFiles(String assetInstanceId, String temporalEntityId,
                                                  OutputFileFilters filters);

    /** {@code POST /data/entities/guess-from-path} ({@code project_id}, {@code file_path}, {@code sep}). */
    List<Map<String, Object>> guessFromPath(Map<String, Object> body);
}
