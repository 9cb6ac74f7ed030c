package org.zou4j.internal.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.imports.CsvTable.CsvRow;
import org.zou4j.internal.imports.CsvTable.RowException;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.tasks.TaskWrites;

/**
 * Zou's {@code source} blueprint. Each import runs in one transaction (permission check, file reading, every row),
 * so a failing row leaves nothing behind and the events of the import are only published once it is committed.
 */
public final class ImportService {
    private final CrudService crud;
    private final EventLog events;
    private final ImportSupport s;
    private final CsvEntityImports entities;
    private final CsvOtherImports others;
    private final OtioImport otio;
    private final KitsuImports kitsu;

    public ImportService(CrudService crud, EventLog events, TaskWrites taskWrites) {
        this.crud = crud;
        this.events = events;
        this.s = new ImportSupport(crud);
        this.entities = new CsvEntityImports(s, taskWrites);
        this.others = new CsvOtherImports(s);
        this.otio = new OtioImport(s, taskWrites);
        this.kitsu = new KitsuImports(s);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    @FunctionalInterface
    private interface RowWork<T> {
        T run(CsvRow row) throws SQLException;
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    /** Runs the rows in order; the first failing one becomes Zou's row error (400 with its line number). */
    private static <T> List<T> eachRow(CsvTable table, RowWork<T> work) throws SQLException {
        List<T> out = new ArrayList<>();
        for (CsvRow row : table.rows()) {
            try {
                out.add(work.run(row));
            } catch (RowException e) {
                throw ImportSupport.rowError(e.getMessage(), row.line());
            } catch (IllegalArgumentException e) {
                throw ImportSupport.rowError("A value is invalid: " + e.getMessage(), row.line());
            } catch (ZouException e) {
                if (e.httpStatus() >= 500 || e.httpStatus() == 403) {
                    throw e;
                }
                throw ImportSupport.rowError(e.getMessage(), row.line());
            }
        }
        return out;
    }

    // ---- CSV ---------------------------------------------------------------------------------------------------------

    public List<Map<String, Object>> csvPersons(Caller caller, byte[] csv, boolean update) {
        return write(caller, ctx -> {
            ImportSupport.requireAdmin(ctx);
            CsvTable table = CsvTable.parse(csv);
            return eachRow(table, row -> others.person(ctx, row, update));
        });
    }

    public List<Map<String, Object>> csvEntities(Caller caller, String kind, String projectIdText, byte[] csv,
                                                 boolean update) {
        UUID projectId = ImportSupport.pathId(projectIdText);
        return write(caller, ctx -> {
            ImportSupport.requireRow(ctx, "project", projectId, "Project");
            ImportSupport.requireManager(ctx, projectId);
            CsvTable table = CsvTable.parse(csv);
            CsvEntityImports.Job job = entities.job(ctx, projectId, kind, update);
            return switch (kind) {
                case "Asset" -> eachRow(table, row -> entities.asset(job, row));
                case "Shot" -> eachRow(table, row -> entities.shot(job, row));
                case "Edit" -> eachRow(table, row -> entities.edit(job, row));
                default -> throw new IllegalArgumentException(kind);
            };
        });
    }

    public List<Object> csvCasting(Caller caller, String projectIdText, byte[] csv) {
        UUID projectId = ImportSupport.pathId(projectIdText);
        return write(caller, ctx -> {
            ImportSupport.requireRow(ctx, "project", projectId, "Project");
            ImportSupport.requireManager(ctx, projectId);
            CsvTable table = CsvTable.parse(csv);
            CsvOtherImports.Casting casting = others.casting(ctx, projectId);
            return eachRow(table, row -> {
                others.castingRow(casting, row);
                return null;
            });
        });
    }

    public List<Object> csvEstimations(Caller caller, String projectIdText, String taskTypeIdText,
                                       String episodeIdText, byte[] csv) {
        UUID projectId = ImportSupport.pathId(projectIdText);
        UUID taskTypeId = ImportSupport.pathId(taskTypeIdText);
        UUID episodeId = episodeIdText == null || "main".equals(episodeIdText) || "all".equals(episodeIdText) ? null
                : ImportSupport.pathId(episodeIdText);
        return write(caller, ctx -> {
            Row taskType = ImportSupport.requireRow(ctx, "task_type", taskTypeId, "Task type");
            ImportSupport.requireRow(ctx, "project", projectId, "Project");
            requireSupervisorOfTaskType(ctx, projectId, taskType);
            CsvTable table = CsvTable.parse(csv);
            CsvOtherImports.Estimations estimations = others.estimations(ctx, projectId, taskType, episodeId);
            return eachRow(table, row -> {
                others.estimationRow(estimations, row);
                return null;
            });
        });
    }

    /** Zou's {@code check_supervisor_project_task_type_access}. */
    private static void requireSupervisorOfTaskType(HookContext ctx, UUID projectId, Row taskType)
            throws SQLException {
        var a = ctx.access();
        if (a.isAdmin()) {
            return;
        }
        if (a.inTeam(projectId)) {
            String role = a.globalRole();
            if ("manager".equals(role)) {
                return;
            }
            if ("supervisor".equals(role) && a.coversDepartment((UUID) taskType.get("department_id"))) {
                return;
            }
        }
        throw ZouException.forbidden();
    }

    // ---- OTIO --------------------------------------------------------------------------------------------------------

    public Map<String, Object> otio(Caller caller, String projectIdText, String episodeIdText, String fileName,
                                    byte[] content, String namingConvention, boolean matchCase) {
        UUID projectId = ImportSupport.pathId(projectIdText);
        UUID episodeId = episodeIdText == null ? null : ImportSupport.pathId(episodeIdText);
        String convention = namingConvention != null && !namingConvention.isEmpty() ? namingConvention
                : episodeIdText == null ? OtioImport.DEFAULT_CONVENTION : OtioImport.DEFAULT_EPISODE_CONVENTION;
        return write(caller, ctx -> {
            Row project = ImportSupport.requireRow(ctx, "project", projectId, "Project");
            ImportSupport.requireManager(ctx, projectId);
            Row episode = episodeId == null ? null : ImportSupport.requireRow(ctx, "entity", episodeId, "Episode");
            if (episode != null && !projectId.equals(episode.get("project_id"))) {
                throw ZouException.notFound("Episode not found");
            }
            List<Timeline.Clip> clips = Timeline.read(fileName, content, fps(project),
                    crud.jsonForm().mapper());
            return otio.run(ctx, project, episode, clips, convention, matchCase);
        });
    }

    private static double fps(Row project) {
        Object v = project.get("fps");
        try {
            return v == null ? 25 : Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return 25;
        }
    }

    // ---- Kitsu -------------------------------------------------------------------------------------------------------

    public List<Map<String, Object>> kitsu(Caller caller, String model, Object entries, boolean silent) {
        if (!KitsuImports.known(model)) {
            throw ZouException.notFound();
        }
        if (!(entries instanceof List<?> list)) {
            throw ZouException.wrongParameter("A list of entities is expected.");
        }
        return write(caller, ctx -> {
            if (!ctx.access().isAdmin()) {
                return List.of(); // Zou skips every entry the caller may not import
            }
            return kitsu.run(ctx, model, list, silent);
        });
    }
}
