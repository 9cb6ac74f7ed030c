package org.zou4j.internal.files;

import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore;
import org.zou4j.files.Files.OutputFileFilters;
import org.zou4j.files.Files.WorkingFileContent;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.TaskChecks;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code files} blueprint ({@code zou/app/blueprints/files/resources.py}, {@code files_service.py},
 * {@code file_tree_service.py}): file trees, working and output file paths and revisions, working-file bytes in the
 * {@code files} bucket ({@code working/<id>}), guessing entities from a path. Every call runs in one transaction with
 * Zou's permission checks; creations emit {@code working-file:new} / {@code output-file:new}.
 */
public final class FilesService {
    /** Zou's {@code DEFAULT_FILE_STATUS}. */
    static final String DEFAULT_FILE_STATUS = "To review";
    /** The file-store prefix of working files (Zou's {@code add_file("working", id, path)}). */
    static final String WORKING_PREFIX = "working";

    private final CrudService crud;
    private final EventLog events;
    private final FileStore store;

    public FilesService(CrudService crud, EventLog events, FileStore store) {
        this.crud = crud;
        this.events = events;
        this.store = store;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    private <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    // ---- file tree --------------------------------------------------------------------------------------------------

    /** {@code SetTreeResource}: a built-in tree ({@code default}, {@code simple}) set on the project (managers). */
    public Map<String, Object> setFileTree(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String treeName = BodyFields.requiredText(body, "tree_name");
        UUID projectId = pathId(projectIdText);
        return write(caller, ctx -> {
            Row project = require(ctx, "project", projectId);
            requireManager(ctx, projectId);
            Map<String, Object> tree = FileTree.builtIn(treeName, crud.jsonForm().mapper());
            if (tree == null) {
                throw ZouException.wrongParameter("Selected tree is not available");
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("file_tree", tree);
            Row after = crud.update(ctx, model("project"), project, change);
            return crud.serialize(ctx, model("project"), List.of(after), false, ModelHooks.View.UPDATE).get(0);
        });
    }

    // ---- paths ------------------------------------------------------------------------------------------------------

    /** {@code WorkingFilePathResource}. */
    public Map<String, Object> workingFilePath(Caller caller, String taskIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = BodyFields.optionalText(body, "name", "main");
        String mode = BodyFields.optionalText(body, "mode", "working");
        String softwareText = BodyFields.optionalText(body, "software_id", null);
        BodyFields.optionalText(body, "comment", "");
        int revision = BodyFields.optionalInt(body, "revision", 0);
        String sep = BodyFields.optionalText(body, "sep", "/");
        UUID taskId = pathId(taskIdText);
        return write(caller, ctx -> {
            Row software = softwareText == null ? software(ctx, "3ds Max", "max", ".max")
                    : require(ctx, "software", Values.tryParseId(softwareText));
            Row task = require(ctx, "task", taskId);
            requireTeam(ctx, (UUID) task.get("project_id"));
            requireEntityAccess(ctx, (UUID) task.get("entity_id"));
            int rev = revision != 0 ? revision : nextWorkingRevision(ctx, taskId, name);
            Row entity = ctx.access().row("entity", (UUID) task.get("entity_id"));
            try {
                WorkingPath path = workingPath(ctx, entity, task, software, name, rev, mode, sep);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("path", path.folder());
                out.put("name", path.fileName());
                return out;
            } catch (FileTree.MalformedTree e) {
                throw FileTree.asError(e, "message", rawBody);
            }
        });
    }

    /** {@code EntityOutputFilePathResource}. */
    public Map<String, Object> entityOutputFilePath(Caller caller, String entityIdText, Map<String, Object> rawBody) {
        OutputPathArgs args = OutputPathArgs.of(rawBody);
        UUID entityId = pathId(entityIdText);
        return write(caller, ctx -> {
            Row entity = requireInTeam(ctx, entityId);
            requireEntityAccess(ctx, entityId);
            Row outputType = require(ctx, "output_type", Values.tryParseId(args.outputTypeId));
            Row taskType = require(ctx, "task_type", Values.tryParseId(args.taskTypeId));
            int revision = args.revision != 0 ? args.revision
                    : nextOutputRevision(ctx, entityId, outputType.id(), taskType.id(), args.name, null, null);
            try {
                Map<String, Object> tree = tree(ctx, entity);
                FileTree ft = fileTree(ctx);
                FileTree.Values v = new FileTree.Values();
                v.entity = entity;
                v.outputType = outputType;
                v.taskType = taskType;
                v.name = args.name;
                v.representation = args.representation;
                // Zou builds the folder with the revision as sent (0 when unset) and the name with the computed one
                v.revision = args.revision;
                String folder = ft.outputFolderPath(tree, args.mode, v, args.separator);
                v.revision = revision;
                String fileName = ft.fileName(tree, args.mode, v, 1);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("folder_path", folder);
                out.put("file_name", fileName);
                return out;
            } catch (FileTree.MalformedTree e) {
                throw FileTree.asError(e, "message", rawBody);
            }
        });
    }

    /** {@code InstanceOutputFilePathResource}. */
    public Map<String, Object> instanceOutputFilePath(Caller caller, String assetInstanceIdText,
                                                      String temporalEntityIdText, Map<String, Object> rawBody) {
        OutputPathArgs args = OutputPathArgs.of(rawBody);
        UUID instanceId = pathId(assetInstanceIdText);
        UUID temporalId = pathId(temporalEntityIdText);
        return write(caller, ctx -> {
            InstanceRows rows = instanceRows(ctx, instanceId, temporalId);
            Row instance = rows.instance();
            Row temporal = rows.temporal();
            Row asset = rows.asset();
            Row outputType = require(ctx, "output_type", Values.tryParseId(args.outputTypeId));
            Row taskType = require(ctx, "task_type", Values.tryParseId(args.taskTypeId));
            requireTeam(ctx, (UUID) asset.get("project_id"));
            requireEntityAccess(ctx, asset.id());
            try {
                Map<String, Object> tree = tree(ctx, temporal);
                FileTree ft = fileTree(ctx);
                FileTree.Values v = new FileTree.Values();
                v.entity = temporal;
                v.assetInstance = instance;
                v.asset = asset;
                v.outputType = outputType;
                v.taskType = taskType;
                v.name = args.name;
                v.representation = args.representation;
                v.revision = args.revision;
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("folder_path", ft.outputFolderPath(tree, args.mode, v, args.separator));
                out.put("file_name", ft.fileName(tree, args.mode, v, 1));
                return out;
            } catch (FileTree.MalformedTree e) {
                throw FileTree.asError(e, "message", rawBody);
            }
        });
    }

    /** The body of the output-path routes ({@code OutputFilePathSchema}). */
    private record OutputPathArgs(String name, String mode, String outputTypeId, String taskTypeId, int revision,
                                  String extension, String representation, String separator) {
        static OutputPathArgs of(Map<String, Object> raw) {
            Map<String, Object> b = BodyFields.of(raw);
            return new OutputPathArgs(BodyFields.optionalText(b, "name", "main"), BodyFields.optionalText(b, "mode", "output"),
                    BodyFields.requiredText(b, "output_type_id"), BodyFields.requiredText(b, "task_type_id"),
                    BodyFields.optionalInt(b, "revision", 0), BodyFields.optionalText(b, "extension", ""),
                    BodyFields.optionalText(b, "representation", ""), BodyFields.optionalText(b, "separator", "/"));
        }
    }

    // ---- working files ----------------------------------------------------------------------------------------------

    /** {@code TaskWorkingFilesResource}: revision >= 0, newest first. */
    public List<Map<String, Object>> taskWorkingFiles(Caller caller, String taskIdText) {
        UUID taskId = pathId(taskIdText);
        return read(caller, ctx -> {
            checkTaskRead(ctx, require(ctx, "task", taskId));
            List<Row> rows = ctx.tx().select("working_file", List.of(Filter.eq("task_id", taskId),
                    Filter.between("revision", 0, null)), List.of(Tx.Order.desc("revision")), 0, 0);
            return many(ctx, "working_file", rows, false);
        });
    }

    /** {@code LastWorkingFilesResource}: {@code {name: last revision}}. */
    public Map<String, Object> lastWorkingFiles(Caller caller, String taskIdText) {
        UUID taskId = pathId(taskIdText);
        return read(caller, ctx -> {
            checkTaskRead(ctx, require(ctx, "task", taskId));
            Map<String, Object> out = new LinkedHashMap<>();
            for (Row r : lastWorkingRows(ctx, taskId).values()) {
                out.put((String) r.get("name"), many(ctx, "working_file", List.of(r), false).get(0));
            }
            return out;
        });
    }

    private static Map<String, Row> lastWorkingRows(HookContext ctx, UUID taskId) throws SQLException {
        Map<String, Row> last = new LinkedHashMap<>();
        for (Row r : ctx.tx().select("working_file", List.of(Filter.eq("task_id", taskId)),
                List.of(Tx.Order.asc("name"), Tx.Order.desc("revision")), 0, 0)) {
            Object name = r.get("name");
            if (name != null && r.get("revision") != null) {
                last.putIfAbsent(name.toString(), r);
            }
        }
        return last;
    }

    private static int nextWorkingRevision(HookContext ctx, UUID taskId, String name) throws SQLException {
        List<Row> rows = ctx.tx().select("working_file", List.of(Filter.eq("task_id", taskId),
                Filter.eq("name", name)), List.of(Tx.Order.desc("revision")), 1, 0);
        if (rows.isEmpty() || rows.get(0).get("revision") == null) {
            return 1;
        }
        return ((Number) rows.get(0).get("revision")).intValue() + 1;
    }

    /** {@code NewWorkingFileResource}: assigns the caller, builds the path, creates the revision. */
    public Map<String, Object> newWorkingFile(Caller caller, String taskIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = BodyFields.requiredText(body, "name");
        BodyFields.optionalText(body, "description", "");
        String mode = BodyFields.optionalText(body, "mode", "working");
        String comment = BodyFields.optionalText(body, "comment", "");
        String personText = BodyFields.optionalText(body, "person_id", null);
        String softwareText = BodyFields.optionalText(body, "software_id", null);
        int revisionArg = BodyFields.optionalInt(body, "revision", 0);
        String sep = BodyFields.optionalText(body, "sep", "/");
        UUID taskId = pathId(taskIdText);
        return write(caller, ctx -> {
            UUID personId = personText != null ? Values.tryParseId(personText) : ctx.caller().personId();
            Row software = softwareText == null ? software(ctx, "Blender", "blender", ".blend")
                    : require(ctx, "software", Values.tryParseId(softwareText));
            Row task = require(ctx, "task", taskId);
            UUID projectId = (UUID) task.get("project_id");
            requireTeam(ctx, projectId);
            requireEntityAccess(ctx, (UUID) task.get("entity_id"));
            if (ctx.caller().personId() != null) {
                assign(ctx, task, ctx.caller().personId());
            }
            int revision = revisionArg != 0 ? revisionArg : nextWorkingRevision(ctx, taskId, name);
            Row entity = ctx.access().row("entity", (UUID) task.get("entity_id"));
            String path;
            try {
                // Zou joins with sep but builds the folder with the OS separator
                WorkingPath wp = workingPath(ctx, entity, task, software, name, revision, mode, "/");
                path = wp.folder() + sep + wp.fileName();
            } catch (FileTree.MalformedTree e) {
                throw FileTree.asError(e, "message", rawBody);
            }
            if (ctx.tx().exists("working_file", List.of(Filter.eq("name", name), Filter.eq("task_id", taskId),
                    Filter.eq("entity_id", task.get("entity_id")), Filter.eq("revision", revision)))) {
                throw error("error", "The given working file already exists.");
            }
            if (personId == null || ctx.access().row("person", personId) == null) {
                throw ZouException.wrongParameter("Person with id " + personText + " not found");
            }
            UUID id = UUID.randomUUID();
            Map<String, Object> values = newRow(ctx, id);
            values.put("comment", comment);
            values.put("name", name);
            values.put("revision", revision);
            values.put("path", path);
            values.put("task_id", taskId);
            values.put("software_id", software.id());
            values.put("entity_id", task.get("entity_id"));
            values.put("person_id", personId);
            ctx.tx().insert("working_file", values);
            ctx.events().emit("working-file:new", data("working_file_id", id), projectId);
            return workingFileJson(ctx, id);
        });
    }

    /** {@code tasks_service.assign_task(task_id, person_id)}: link, save, {@code task:assign} + {@code task:update}. */
    private static void assign(HookContext ctx, Row task, UUID personId) throws SQLException {
        if (!ctx.tx().exists("task_person_link", List.of(Filter.eq("task_id", task.id()),
                Filter.eq("person_id", personId)))) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("task_id", task.id());
            link.put("person_id", personId);
            ctx.tx().insert("task_person_link", link);
        }
        ctx.tx().updateById("task", task.id(), Map.of("updated_at", ctx.now()));
        UUID projectId = (UUID) task.get("project_id");
        ctx.events().emit("task:assign", data("task_id", task.id(), "person_id", personId), projectId);
        ctx.events().emit("task:update", data("task_id", task.id()), projectId);
    }

    /** {@code ModifiedFileResource}. */
    public Map<String, Object> markWorkingFileModified(Caller caller, String workingFileIdText) {
        UUID id = pathId(workingFileIdText);
        return write(caller, ctx -> {
            Row wf = require(ctx, "working_file", id);
            requireTaskAction(ctx, (UUID) wf.get("task_id"));
            ctx.tx().updateById("working_file", id, Map.of("updated_at", ctx.now()));
            return workingFileJson(ctx, id);
        });
    }

    /** {@code CommentWorkingFileResource}. */
    public Map<String, Object> commentWorkingFile(Caller caller, String workingFileIdText,
                                                  Map<String, Object> rawBody) {
        String comment = BodyFields.requiredText(BodyFields.of(rawBody), "comment");
        UUID id = pathId(workingFileIdText);
        return write(caller, ctx -> {
            Row wf = require(ctx, "working_file", id);
            requireTaskAction(ctx, (UUID) wf.get("task_id"));
            ctx.tx().updateById("working_file", id, Map.of("comment", comment, "updated_at", ctx.now()));
            return workingFileJson(ctx, id);
        });
    }

    /** {@code EntityWorkingFilesResource}. */
    public List<Map<String, Object>> entityWorkingFiles(Caller caller, String entityIdText, String taskId,
                                                        String name, boolean relations) {
        UUID entityId = pathId(entityIdText);
        return read(caller, ctx -> {
            requireInTeam(ctx, entityId);
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("entity_id", entityId));
            if (taskId != null && !taskId.isEmpty()) {
                UUID t = Values.tryParseId(taskId);
                if (t == null) {
                    return List.of();
                }
                filters.add(Filter.eq("task_id", t));
            }
            if (name != null && !name.isEmpty()) {
                filters.add(Filter.eq("name", name));
            }
            filters.add(Filter.between("revision", 0, null));
            List<Row> rows = ctx.tx().select("working_file", filters, List.of(Tx.Order.desc("revision")), 0, 0);
            return many(ctx, "working_file", rows, relations);
        });
    }

    /** {@code WorkingFileFileResource.post}: the bytes go to the {@code files} bucket as {@code working/<id>}. */
    public Map<String, Object> uploadWorkingFile(Caller caller, String workingFileIdText, InputStream content) {
        UUID id = pathId(workingFileIdText);
        Map<String, Object> wf = read(caller, ctx -> {
            Row row = require(ctx, "working_file", id);
            checkTaskRead(ctx, require(ctx, "task", (UUID) row.get("task_id")));
            return many(ctx, "working_file", List.of(row), true).get(0);
        });
        store.put(FileStore.Bucket.FILES, WORKING_PREFIX, id.toString(), content);
        return wf;
    }

    /** {@code WorkingFileFileResource.get}: 404 {@code Working file not found for: <id>} when no bytes are stored. */
    public WorkingFileContent workingFileContent(Caller caller, String workingFileIdText) {
        UUID id = pathId(workingFileIdText);
        String updatedAt = read(caller, ctx -> {
            Row row = require(ctx, "working_file", id);
            checkTaskRead(ctx, require(ctx, "task", (UUID) row.get("task_id")));
            Object t = row.get("updated_at");
            return t instanceof java.time.LocalDateTime ldt ? JsonForm.timestamp(ldt) : null;
        });
        FileStore.StoredFile file = store.open(FileStore.Bucket.FILES, WORKING_PREFIX, id.toString())
                .orElseThrow(() -> new ZouException(ErrorCode.NOT_FOUND, "Working file not found for: " + id));
        return new WorkingFileContent(file, updatedAt);
    }

    /** {@code FileResource}: a working file (with relations), else an output file. */
    public Map<String, Object> file(Caller caller, String fileIdText) {
        UUID id = pathId(fileIdText);
        return read(caller, ctx -> {
            Row wf = ctx.tx().byId("working_file", id);
            if (wf != null) {
                Row task = require(ctx, "task", (UUID) wf.get("task_id"));
                requireTeam(ctx, (UUID) task.get("project_id"));
                return many(ctx, "working_file", List.of(wf), true).get(0);
            }
            Row of = require(ctx, "output_file", id);
            Row entity = require(ctx, "entity", (UUID) of.get("entity_id"));
            requireTeam(ctx, (UUID) entity.get("project_id"));
            return many(ctx, "output_file", List.of(of), false).get(0);
        });
    }

    // ---- output files -----------------------------------------------------------------------------------------------

    /** The body of the new-output-file routes ({@code NewOutputFileSchema}). */
    private record NewOutputArgs(String name, String mode, String outputTypeId, String taskTypeId, String personId,
                                 String workingFileId, String comment, int revision, String extension,
                                 String representation, int nbElements, String sep, String fileStatusId) {
        static NewOutputArgs of(Map<String, Object> raw) {
            Map<String, Object> b = BodyFields.of(raw);
            return new NewOutputArgs(BodyFields.optionalText(b, "name", "main"), BodyFields.optionalText(b, "mode", "output"),
                    BodyFields.requiredText(b, "output_type_id"), BodyFields.requiredText(b, "task_type_id"),
                    BodyFields.optionalText(b, "person_id", null), BodyFields.optionalText(b, "working_file_id", null),
                    BodyFields.optionalText(b, "comment", ""), BodyFields.optionalInt(b, "revision", 0),
                    BodyFields.optionalText(b, "extension", ""), BodyFields.optionalText(b, "representation", ""),
                    BodyFields.optionalInt(b, "nb_elements", 1), BodyFields.optionalText(b, "sep", "/"),
                    BodyFields.optionalText(b, "file_status_id", null));
        }
    }

    /** {@code NewEntityOutputFileResource}: errors answer {@code {"error": ...}} as Zou's resource does. */
    public Map<String, Object> newEntityOutputFile(Caller caller, String entityIdText, Map<String, Object> rawBody) {
        NewOutputArgs args = NewOutputArgs.of(rawBody);
        UUID entityId = pathId(entityIdText);
        return write(caller, ctx -> {
            Row entity = requireInTeam(ctx, entityId);
            return newOutputFile(ctx, "error", args, entity, null, null);
        });
    }

    /** {@code NewInstanceOutputFileResource}: errors answer {@code {"message": ...}} as Zou's resource does. */
    public Map<String, Object> newInstanceOutputFile(Caller caller, String assetInstanceIdText,
                                                     String temporalEntityIdText, Map<String, Object> rawBody) {
        NewOutputArgs args = NewOutputArgs.of(rawBody);
        UUID instanceId = pathId(assetInstanceIdText);
        UUID temporalId = pathId(temporalEntityIdText);
        return write(caller, ctx -> {
            InstanceRows rows = instanceRows(ctx, instanceId, temporalId);
            requireTeam(ctx, (UUID) rows.asset().get("project_id"));
            return newOutputFile(ctx, "message", args, rows.asset(), rows.instance(), rows.temporal());
        });
    }

    private Map<String, Object> newOutputFile(HookContext ctx, String errorKey, NewOutputArgs args, Row entity,
                                              Row instance, Row temporal) throws SQLException {
        UUID workingFileId = null;
        UUID wfId = Values.tryParseId(args.workingFileId);
        if (wfId != null && ctx.tx().byId("working_file", wfId) != null) {
            workingFileId = wfId;
        }
        Row outputType = ctx.access().row("output_type", Values.tryParseId(args.outputTypeId));
        if (outputType == null) {
            throw error(errorKey, "Cannot find given output type.");
        }
        Row taskType = require(ctx, "task_type", Values.tryParseId(args.taskTypeId));
        UUID personId;
        if (args.personId == null) {
            personId = ctx.caller().personId();
        } else {
            Row person = ctx.access().row("person", Values.tryParseId(args.personId));
            if (person == null) {
                throw error(errorKey, "Cannot find given person.");
            }
            personId = person.id();
        }
        UUID instanceId = instance == null ? null : instance.id();
        UUID temporalId = temporal == null ? null : temporal.id();
        int revision = args.revision;
        if (revision < 1) {
            revision = nextOutputRevision(ctx, entity.id(), outputType.id(), taskType.id(), args.name, instanceId,
                    temporalId);
        }
        UUID fileStatusId = Values.tryParseId(args.fileStatusId);
        if (fileStatusId == null || ctx.tx().byId("file_status", fileStatusId) == null) {
            if (args.fileStatusId != null) {
                throw ZouException.wrongParameter("File status with id " + args.fileStatusId + " not found");
            }
            fileStatusId = defaultFileStatus(ctx).id();
        }
        List<Filter> same = new ArrayList<>();
        same.add(Filter.eq("name", args.name));
        same.add(Filter.eq("entity_id", entity.id()));
        same.add(instanceId == null ? new Filter.IsNull("asset_instance_id") : Filter.eq("asset_instance_id",
                instanceId));
        same.add(Filter.eq("output_type_id", outputType.id()));
        same.add(Filter.eq("task_type_id", taskType.id()));
        same.add(temporalId == null ? new Filter.IsNull("temporal_entity_id") : Filter.eq("temporal_entity_id",
                temporalId));
        same.add(Filter.eq("representation", args.representation));
        same.add(Filter.eq("revision", revision));
        if (ctx.tx().exists("output_file", same)) {
            throw error(errorKey, "The given output file already exists.");
        }
        String folder;
        String fileName;
        try {
            Map<String, Object> tree = tree(ctx, temporal != null ? temporal : entity);
            FileTree ft = fileTree(ctx);
            FileTree.Values v = new FileTree.Values();
            v.entity = temporal != null ? temporal : entity;
            v.assetInstance = instance;
            v.asset = instance != null ? entity : null;
            v.outputType = outputType;
            v.taskType = taskType;
            v.name = args.name;
            v.representation = args.representation;
            v.revision = revision;
            folder = ft.outputFolderPath(tree, "output", v, args.sep);
            fileName = ft.fileName(tree, "output", v, instance != null ? 1 : args.nbElements);
        } catch (FileTree.MalformedTree e) {
            throw FileTree.asError(e, errorKey, null);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> values = newRow(ctx, id);
        values.put("name", args.name);
        values.put("comment", args.comment);
        values.put("extension", args.extension);
        values.put("representation", args.representation);
        values.put("revision", revision);
        values.put("entity_id", entity.id());
        values.put("asset_instance_id", instanceId);
        values.put("person_id", personId);
        values.put("source_file_id", workingFileId);
        values.put("output_type_id", outputType.id());
        values.put("file_status_id", fileStatusId);
        values.put("task_type_id", taskType.id());
        values.put("nb_elements", args.nbElements);
        values.put("temporal_entity_id", temporalId);
        values.put("path", folder + args.sep + fileName + args.extension);
        ctx.tx().insert("output_file", values);
        ctx.events().emit("output-file:new", data("output_file_id", id), (UUID) entity.get("project_id"));
        Map<String, Object> out = many(ctx, "output_file", List.of(ctx.tx().byId("output_file", id)), false).get(0);
        out.put("folder_path", folder);
        out.put("file_name", fileName);
        return out;
    }

    /** {@code GetNextEntityOutputFileRevisionResource}. */
    public Map<String, Object> nextEntityOutputRevision(Caller caller, String entityIdText,
                                                        Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = BodyFields.optionalText(body, "name", "main");
        String outputTypeText = BodyFields.requiredText(body, "output_type_id");
        String taskTypeText = BodyFields.requiredText(body, "task_type_id");
        UUID entityId = pathId(entityIdText);
        return read(caller, ctx -> {
            Row entity = require(ctx, "entity", entityId);
            Row outputType = require(ctx, "output_type", Values.tryParseId(outputTypeText));
            Row taskType = require(ctx, "task_type", Values.tryParseId(taskTypeText));
            requireTeam(ctx, (UUID) entity.get("project_id"));
            return Map.of("next_revision", nextOutputRevision(ctx, entityId, outputType.id(), taskType.id(), name,
                    null, null));
        });
    }

    /** {@code GetNextInstanceOutputFileRevisionResource}. */
    public Map<String, Object> nextInstanceOutputRevision(Caller caller, String assetInstanceIdText,
                                                          String temporalEntityIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = BodyFields.optionalText(body, "name", "main");
        String outputTypeText = BodyFields.requiredText(body, "output_type_id");
        String taskTypeText = BodyFields.requiredText(body, "task_type_id");
        UUID instanceId = pathId(assetInstanceIdText);
        UUID temporalId = pathId(temporalEntityIdText);
        return read(caller, ctx -> {
            Row instance = require(ctx, "asset_instance", instanceId);
            Row asset = require(ctx, "entity", (UUID) instance.get("asset_id"));
            Row outputType = require(ctx, "output_type", Values.tryParseId(outputTypeText));
            Row taskType = require(ctx, "task_type", Values.tryParseId(taskTypeText));
            requireTeam(ctx, (UUID) asset.get("project_id"));
            return Map.of("next_revision", nextOutputRevision(ctx, asset.id(), outputType.id(), taskType.id(), name,
                    instanceId, temporalId));
        });
    }

    /** {@code get_next_output_file_revision}: last revision (> 0) of the same output + 1, or 1. */
    private static int nextOutputRevision(HookContext ctx, UUID entityId, UUID outputTypeId, UUID taskTypeId,
                                          String name, UUID instanceId, UUID temporalId) throws SQLException {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.eq("output_type_id", outputTypeId));
        filters.add(Filter.eq("task_type_id", taskTypeId));
        filters.add(Filter.eq("name", name));
        filters.add(Filter.between("revision", 1, null));
        if (instanceId == null) {
            filters.add(Filter.eq("entity_id", entityId));
        } else {
            filters.add(Filter.eq("asset_instance_id", instanceId));
            filters.add(temporalId == null ? new Filter.IsNull("temporal_entity_id")
                    : Filter.eq("temporal_entity_id", temporalId));
        }
        List<Row> rows = ctx.tx().select("output_file", filters, List.of(Tx.Order.desc("revision")), 1, 0);
        return rows.isEmpty() ? 1 : ((Number) rows.get(0).get("revision")).intValue() + 1;
    }

    /** {@code LastEntityOutputFilesResource}. */
    public List<Map<String, Object>> lastEntityOutputFiles(Caller caller, String entityIdText,
                                                           OutputFileFilters f) {
        UUID entityId = pathId(entityIdText);
        return read(caller, ctx -> {
            requireInTeam(ctx, entityId);
            List<Filter> filters = outputFilters(f);
            filters.add(Filter.eq("entity_id", entityId));
            filters.add(new Filter.IsNull("asset_instance_id"));
            return many(ctx, "output_file", lastRevisions(ctx, filters, f), false);
        });
    }

    /** {@code LastInstanceOutputFilesResource}. */
    public List<Map<String, Object>> lastInstanceOutputFiles(Caller caller, String assetInstanceIdText,
                                                             String temporalEntityIdText, OutputFileFilters f) {
        UUID instanceId = pathId(assetInstanceIdText);
        UUID temporalId = Values.tryParseId(temporalEntityIdText);
        return read(caller, ctx -> {
            requireInstanceInTeam(ctx, instanceId);
            if (temporalId == null) {
                return List.of();
            }
            List<Filter> filters = outputFilters(f);
            filters.add(Filter.eq("asset_instance_id", instanceId));
            filters.add(Filter.eq("temporal_entity_id", temporalId));
            return many(ctx, "output_file", lastRevisions(ctx, filters, f), false);
        });
    }

    /** The rows holding the highest revision of each (task type, output type, name, representation[, status]). */
    private static List<Row> lastRevisions(HookContext ctx, List<Filter> filters, OutputFileFilters f)
            throws SQLException {
        List<Row> rows = ctx.tx().select("output_file", filters, List.of(Tx.Order.desc("revision")), 0, 0);
        boolean byStatus = f != null && f.fileStatusId() != null && !f.fileStatusId().isEmpty();
        Map<List<Object>, Integer> max = new LinkedHashMap<>();
        for (Row r : rows) {
            List<Object> key = revisionKey(r, byStatus);
            if (r.get("representation") == null) {
                continue; // SQL equality on NULL never joins in Zou's query
            }
            max.putIfAbsent(key, ((Number) r.get("revision")).intValue());
        }
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            List<Object> key = revisionKey(r, byStatus);
            Integer m = max.get(key);
            if (m != null && m == ((Number) r.get("revision")).intValue()) {
                out.add(r);
            }
        }
        return out;
    }

    /** What {@link #lastRevisions} groups by. */
    private static List<Object> revisionKey(Row r, boolean byStatus) {
        List<Object> key = new ArrayList<>(java.util.Arrays.asList(r.get("asset_instance_id"),
                r.get("temporal_entity_id"), r.get("task_type_id"), r.get("output_type_id"), r.get("name"),
                r.get("representation")));
        if (byStatus) {
            key.add(r.get("file_status_id"));
        }
        return key;
    }

    /** {@code EntityOutputTypesResource}: the output types of the entity's output files, by name. */
    public List<Map<String, Object>> entityOutputTypes(Caller caller, String entityIdText) {
        UUID entityId = pathId(entityIdText);
        return read(caller, ctx -> {
            requireInTeam(ctx, entityId);
            return outputTypesOf(ctx, List.of(Filter.eq("entity_id", entityId)));
        });
    }

    /** {@code InstanceOutputTypesResource}. */
    public List<Map<String, Object>> instanceOutputTypes(Caller caller, String assetInstanceIdText,
                                                         String temporalEntityIdText) {
        UUID instanceId = pathId(assetInstanceIdText);
        UUID temporalId = Values.tryParseId(temporalEntityIdText);
        return read(caller, ctx -> {
            requireInstanceInTeam(ctx, instanceId);
            return outputTypesOf(ctx, List.of(Filter.eq("asset_instance_id", instanceId),
                    temporalId == null ? new Filter.IsNull("temporal_entity_id")
                            : Filter.eq("temporal_entity_id", temporalId)));
        });
    }

    private List<Map<String, Object>> outputTypesOf(HookContext ctx, List<Filter> outputFileFilters)
            throws SQLException {
        Set<Object> ids = new LinkedHashSet<>(ctx.tx().column("output_file", "output_type_id", outputFileFilters));
        ids.remove(null);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Row> types = ctx.tx().select("output_type", List.of(Filter.in("id", new ArrayList<>(ids))),
                List.of(Tx.Order.asc("name")), 0, 0);
        return many(ctx, "output_type", types, false);
    }

    /** {@code EntityOutputTypeOutputFilesResource}. */
    public List<Map<String, Object>> entityOutputTypeOutputFiles(Caller caller, String entityIdText,
                                                                 String outputTypeIdText, String representation) {
        UUID entityId = pathId(entityIdText);
        UUID outputTypeId = pathId(outputTypeIdText);
        return read(caller, ctx -> {
            Row entity = require(ctx, "entity", entityId);
            require(ctx, "output_type", outputTypeId);
            requireTeam(ctx, (UUID) entity.get("project_id"));
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("entity_id", entityId));
            filters.add(new Filter.IsNull("asset_instance_id"));
            filters.add(Filter.eq("output_type_id", outputTypeId));
            if (representation != null) {
                filters.add(Filter.eq("representation", representation));
            }
            return outputFilesByRevision(ctx, filters);
        });
    }

    /** {@code InstanceOutputTypeOutputFilesResource}. */
    public List<Map<String, Object>> instanceOutputTypeOutputFiles(Caller caller, String assetInstanceIdText,
                                                                   String temporalEntityIdText,
                                                                   String outputTypeIdText, String representation) {
        UUID instanceId = pathId(assetInstanceIdText);
        UUID temporalId = Values.tryParseId(temporalEntityIdText);
        UUID outputTypeId = pathId(outputTypeIdText);
        return read(caller, ctx -> {
            requireInstanceInTeam(ctx, instanceId);
            require(ctx, "output_type", outputTypeId);
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("asset_instance_id", instanceId));
            filters.add(Filter.eq("output_type_id", outputTypeId));
            filters.add(temporalId == null ? new Filter.IsNull("temporal_entity_id")
                    : Filter.eq("temporal_entity_id", temporalId));
            if (representation != null) {
                filters.add(Filter.eq("representation", representation));
            }
            return outputFilesByRevision(ctx, filters);
        });
    }

    /** {@code ProjectOutputFilesResource} (managers): the project's entity outputs, newest first. */
    public List<Map<String, Object>> projectOutputFiles(Caller caller, String projectIdText, OutputFileFilters f) {
        UUID projectId = pathId(projectIdText);
        return read(caller, ctx -> {
            require(ctx, "project", projectId);
            requireManager(ctx, projectId);
            List<Filter> filters = outputFilters(f);
            filters.add(new Filter.IsNull("asset_instance_id"));
            filters.add(new Filter.IsNull("temporal_entity_id"));
            filters.add(Filter.between("revision", 0, null));
            filters.add(Filter.sub("entity_id", "entity", "id", Filter.eq("project_id", projectId)));
            return many(ctx, "output_file", ctx.tx().select("output_file", filters,
                    List.of(Tx.Order.desc("created_at")), 0, 0), false);
        });
    }

    /** {@code EntityOutputFilesResource}. */
    public List<Map<String, Object>> entityOutputFiles(Caller caller, String entityIdText, OutputFileFilters f) {
        UUID entityId = pathId(entityIdText);
        return read(caller, ctx -> {
            requireInTeam(ctx, entityId);
            List<Filter> filters = outputFilters(f);
            filters.add(Filter.eq("entity_id", entityId));
            filters.add(new Filter.IsNull("asset_instance_id"));
            filters.add(new Filter.IsNull("temporal_entity_id"));
            filters.add(Filter.between("revision", 0, null));
            return outputFilesByRevision(ctx, filters);
        });
    }

    /** {@code InstanceOutputFilesResource}. */
    public List<Map<String, Object>> instanceOutputFiles(Caller caller, String assetInstanceIdText,
                                                         String temporalEntityIdText, OutputFileFilters f) {
        UUID instanceId = pathId(assetInstanceIdText);
        return read(caller, ctx -> {
            requireInstanceInTeam(ctx, instanceId);
            List<Filter> filters = outputFilters(f);
            filters.add(Filter.eq("asset_instance_id", instanceId));
            if (temporalEntityIdText != null && !temporalEntityIdText.isEmpty()) {
                UUID temporalId = Values.tryParseId(temporalEntityIdText);
                if (temporalId == null) {
                    return List.of();
                }
                filters.add(Filter.eq("temporal_entity_id", temporalId));
            }
            filters.add(Filter.between("revision", 0, null));
            return outputFilesByRevision(ctx, filters);
        });
    }

    /** {@code _apply_output_file_filters}: empty values do not filter; malformed ids match nothing. */
    private static List<Filter> outputFilters(OutputFileFilters f) {
        List<Filter> filters = new ArrayList<>();
        if (f == null) {
            return filters;
        }
        idFilter(filters, "task_type_id", f.taskTypeId());
        idFilter(filters, "output_type_id", f.outputTypeId());
        if (f.name() != null && !f.name().isEmpty()) {
            filters.add(Filter.eq("name", f.name()));
        }
        if (f.representation() != null && !f.representation().isEmpty()) {
            filters.add(Filter.eq("representation", f.representation()));
        }
        idFilter(filters, "file_status_id", f.fileStatusId());
        return filters;
    }

    private static void idFilter(List<Filter> filters, String column, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        UUID id = Values.tryParseId(value);
        filters.add(id == null ? new Filter.None() : Filter.eq(column, id));
    }

    // ---- guess from path --------------------------------------------------------------------------------------------

    /** {@code GuessFromPathResource}. */
    public List<Map<String, Object>> guessFromPath(Caller caller, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String projectText = BodyFields.requiredText(body, "project_id");
        String filePath = BodyFields.requiredText(body, "file_path");
        String sep = BodyFields.optionalText(body, "sep", "/");
        UUID projectId = pathId(projectText);
        return read(caller, ctx -> {
            Row project = require(ctx, "project", projectId);
            requireTeam(ctx, projectId);
            try {
                return new PathGuesser(ctx, jsonTree(project)).guess(project, filePath, sep);
            } catch (FileTree.MalformedTree e) {
                throw FileTree.asError(e, "message", rawBody);
            }
        });
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

    private FileTree fileTree(HookContext ctx) {
        return new FileTree(ctx, new FileTree.Defaults() {
            @Override
            public Row software(HookContext c, String name, String shortName, String extension) throws SQLException {
                return FilesService.this.software(c, name, shortName, extension);
            }

            @Override
            public Row outputType(HookContext c, String name) throws SQLException {
                return FilesService.this.outputType(c, name);
            }
        });
    }

    private Map<String, Object> tree(HookContext ctx, Row entity) throws SQLException {
        Row project = entity == null ? null : ctx.access().row("project", (UUID) entity.get("project_id"));
        return project == null ? null : jsonTree(project);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> jsonTree(Row project) {
        Object value = crud.jsonForm().toJsonValue(project.get("file_tree"));
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    /** {@code get_or_create_software(name, short_name, extension)}. */
    private Row software(HookContext ctx, String name, String shortName, String extension) throws SQLException {
        List<Row> found = ctx.tx().select("software", List.of(Filter.eq("name", name)));
        if (!found.isEmpty()) {
            return found.get(0);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> values = newRow(ctx, id);
        values.put("name", name);
        values.put("short_name", shortName);
        values.put("file_extension", extension);
        values.put("secondary_extensions", new RawJson("[]"));
        ctx.tx().insert("software", values);
        return ctx.tx().byId("software", id);
    }

    /** {@code get_or_create_output_type(name)}. */
    private Row outputType(HookContext ctx, String name) throws SQLException {
        List<Row> found = ctx.tx().select("output_type", List.of(Filter.eq("name", name)));
        if (!found.isEmpty()) {
            return found.get(0);
        }
        UUID id = UUID.randomUUID();
        ctx.tx().insert("output_type", Map.of("id", id, "created_at", ctx.now(), "updated_at", ctx.now(),
                "name", name, "short_name", ""));
        return ctx.tx().byId("output_type", id);
    }

    /** {@code get_default_status}: the {@code To review} file status, created (white) when missing. */
    private static Row defaultFileStatus(HookContext ctx) throws SQLException {
        List<Row> found = ctx.tx().select("file_status", List.of(Filter.eq("name", DEFAULT_FILE_STATUS)));
        if (!found.isEmpty()) {
            return found.get(0);
        }
        UUID id = UUID.randomUUID();
        ctx.tx().insert("file_status", Map.of("id", id, "created_at", ctx.now(), "updated_at", ctx.now(),
                "name", DEFAULT_FILE_STATUS, "color", "#FFFFFF"));
        return ctx.tx().byId("file_status", id);
    }

    private BoundModel model(String table) {
        return crud.models().table(table);
    }

    private List<Map<String, Object>> many(HookContext ctx, String table, List<Row> rows, boolean relations)
            throws SQLException {
        return crud.serialize(ctx, model(table), rows, relations, ModelHooks.View.GET);
    }

    /** A path id: malformed ids are unknown ones (Zou's lookups answer 404). */
    private static UUID pathId(String text) {
        UUID id = Values.tryParseId(text);
        return id == null ? new UUID(0, 0) : id;
    }

    private static Row require(HookContext ctx, String table, UUID id) throws SQLException {
        Row row = id == null ? null : ctx.access().row(table, id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    /** The entity, once the caller is in its project's team. */
    private static Row requireInTeam(HookContext ctx, UUID entityId) throws SQLException {
        Row entity = require(ctx, "entity", entityId);
        requireTeam(ctx, (UUID) entity.get("project_id"));
        return entity;
    }

    /** An asset instance exists and the caller is in its asset's project team. */
    private static void requireInstanceInTeam(HookContext ctx, UUID instanceId) throws SQLException {
        Row instance = require(ctx, "asset_instance", instanceId);
        Row asset = require(ctx, "entity", (UUID) instance.get("asset_id"));
        requireTeam(ctx, (UUID) asset.get("project_id"));
    }

    /** The rows an instance's output is about. */
    private record InstanceRows(Row instance, Row temporal, Row asset) {
    }

    private static InstanceRows instanceRows(HookContext ctx, UUID instanceId, UUID temporalId) throws SQLException {
        Row instance = require(ctx, "asset_instance", instanceId);
        Row temporal = require(ctx, "entity", temporalId);
        return new InstanceRows(instance, temporal, require(ctx, "entity", (UUID) instance.get("asset_id")));
    }

    /** Where a working file of {@code task} goes: its folder (joined with {@code sep}) and its file name. */
    private record WorkingPath(String folder, String fileName) {
    }

    private WorkingPath workingPath(HookContext ctx, Row entity, Row task, Row software, String name, int revision,
                                    String mode, String sep) throws SQLException {
        Map<String, Object> tree = tree(ctx, entity);
        FileTree ft = fileTree(ctx);
        FileTree.Values v = new FileTree.Values();
        v.entity = entity;
        v.task = task;
        v.software = software;
        v.name = name;
        v.revision = revision;
        return new WorkingPath(ft.workingFolderPath(tree, mode, v, sep), ft.fileName(tree, mode, v, 1));
    }

    /** The start of a new row's values: its id and both timestamps. */
    private static Map<String, Object> newRow(HookContext ctx, UUID id) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("created_at", ctx.now());
        values.put("updated_at", ctx.now());
        return values;
    }

    private Map<String, Object> workingFileJson(HookContext ctx, UUID id) throws SQLException {
        return many(ctx, "working_file", List.of(ctx.tx().byId("working_file", id)), false).get(0);
    }

    /** Output files matching {@code filters}, highest revision first. */
    private List<Map<String, Object>> outputFilesByRevision(HookContext ctx, List<Filter> filters)
            throws SQLException {
        return many(ctx, "output_file", ctx.tx().select("output_file", filters,
                List.of(Tx.Order.desc("revision")), 0, 0), false);
    }

    /** {@code check_project_access}: admin, or in the project's team. */
    private static void requireTeam(HookContext ctx, UUID projectId) throws SQLException {
        if (projectId == null || !ctx.access().inTeam(projectId)) {
            throw ZouException.forbidden();
        }
    }

    /** {@code check_manager_project_access}: admin, or manager (effective project role) in the team. */
    private static void requireManager(HookContext ctx, UUID projectId) throws SQLException {
        requireTeam(ctx, projectId);
        if (!ctx.caller().isAdmin() && !"manager".equals(ctx.access().projectRole(projectId))) {
            throw ZouException.forbidden();
        }
    }

    /** {@code check_entity_access}: a vendor must be assigned to a task of the entity. */
    private static void requireEntityAccess(HookContext ctx, UUID entityId) throws SQLException {
        if (!ctx.caller().isAdmin() && "vendor".equals(ctx.caller().role())
                && !ctx.access().workingOnEntity(entityId)) {
            throw ZouException.forbidden();
        }
    }

    /** {@code check_task_access}: the task model's read rule (team, vendor and client limits). */
    private void checkTaskRead(HookContext ctx, Row task) throws SQLException {
        model("task").access().checkRead(ctx.access(), task);
    }

    /** {@code check_task_action_access}. */
    private static void requireTaskAction(HookContext ctx, UUID taskId) throws SQLException {
        if (taskId == null || !TaskChecks.taskAction(ctx.access(), taskId)) {
            throw ZouException.forbidden();
        }
    }

    private static ZouException error(String key, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, message);
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, message, body);
    }

    private static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] == null ? null : kv[i + 1].toString());
        }
        return m;
    }
}
