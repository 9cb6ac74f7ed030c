package org.zou4j.internal.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.export.CsvExport;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.production.ProjectAccess;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code export} blueprint (zou/app/blueprints/export/csv/*.py): the rows of each export with Zou's columns and
 * order, written with Jackson's CSV generator (Zou's csv module dialect: {@code ;}, minimal quoting, CRLF).
 */
public final class ExportService {
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withColumnSeparator(';').withLineSeparator("\r\n")
            .withoutHeader();

    private final CrudService crud;

    public ExportService(CrudService crud) {
        this.crud = crud;
    }

    private <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    /** Rows already read, written on demand. */
    private record Rows(String fileName, List<String> headers, List<List<Object>> rows) implements CsvExport {
        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (SequenceWriter w = CSV.writer(SCHEMA).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .with(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .writeValues(out)) {
                w.write(headers);
                for (List<Object> row : rows) {
                    List<Object> cells = new ArrayList<>(row.size());
                    for (Object v : row) {
                        cells.add(cell(v));
                    }
                    w.write(cells);
                }
            }
        }
    }

    /** A cell as Python's csv writes it: None empty, booleans True/False, numbers as they are. */
    private static Object cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Number || v instanceof String) {
            return v;
        }
        return v.toString();
    }

    /** Zou's file name: {@code kitsu_} + the slug of the name with underscores. */
    static String fileName(String name) {
        String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return "kitsu_" + slug;
    }

    // ---- permissions ------------------------------------------------------------------------------------------------

    private static Row projectForTeam(HookContext ctx, String projectIdText) throws SQLException {
        UUID projectId = Values.tryParseId(projectIdText);
        if (projectId == null || ctx.tx().byId("project", projectId) == null) {
            throw ZouException.notFound("Project not found");
        }
        ProjectAccess.requireTeam(ctx.access(), projectId);
        if (!ctx.caller().isAdmin() && "vendor".equals(ctx.access().projectRole(projectId))) {
            throw ZouException.forbidden();
        }
        return ctx.tx().byId("project", projectId);
    }

    private static void requireManager(HookContext ctx) {
        if (!ctx.caller().isAdmin() && !ctx.caller().hasRole("manager")) {
            throw ZouException.forbidden();
        }
    }

    // ---- entities with tasks (assets, shots, edits) -----------------------------------------------------------------

    public CsvExport assets(Caller caller, String projectIdText, Map<String, String> filters) {
        return entitiesWithTasks(caller, projectIdText, "Asset", filters);
    }

    public CsvExport shots(Caller caller, String projectIdText, Map<String, String> filters) {
        return entitiesWithTasks(caller, projectIdText, "Shot", filters);
    }

    public CsvExport edits(Caller caller, String projectIdText) {
        return entitiesWithTasks(caller, projectIdText, "Edit", Map.of());
    }

    private CsvExport entitiesWithTasks(Caller caller, String projectIdText, String kind, Map<String, String> filters) {
        return read(caller, ctx -> {
            Row project = projectForTeam(ctx, projectIdText);
            Tx tx = ctx.tx();
            UUID projectId = project.id();
            Map<UUID, String> typeNames = names(tx, "entity_type", "name");
            List<Filter> where = new ArrayList<>();
            where.add(Filter.eq("project_id", projectId));
            if ("Asset".equals(kind)) {
                List<UUID> assetTypes = new ArrayList<>();
                typeNames.forEach((id, n) -> {
                    if (!Choices.TEMPORAL_ENTITY_TYPES.contains(n)) {
                        assetTypes.add(id);
                    }
                });
                where.add(Filter.in("entity_type_id", assetTypes));
            } else {
                where.add(Filter.in("entity_type_id", idsNamed(typeNames, kind)));
            }
            String id = filters.get("id");
            if (id != null) {
                UUID uuid = Values.tryParseId(id);
                if (uuid == null) {
                    throw ZouException.wrongParameter("Invalid id: " + id);
                }
                where.add(Filter.eq("id", uuid));
            }
            List<Row> rows = tx.select("entity", where);
            rows.removeIf(r -> Boolean.TRUE.equals(r.get("canceled")));
            List<Map<String, Object>> entities = crud.serialize(ctx, crud.models().table("entity"), rows, false,
                    ModelHooks.View.LIST);
            Map<UUID, Row> parents = new HashMap<>();
            for (Row r : tx.select("entity", List.of(Filter.eq("project_id", projectId),
                    Filter.in("entity_type_id", idsNamed(typeNames, "Sequence", "Episode"))))) {
                parents.put(r.id(), r);
            }
            String episodeFilter = filters.get("episode_id");
            Tasks tasks = new Tasks(tx, projectId);
            List<Object[]> items = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                String typeName = typeNames.getOrDefault((UUID) r.get("entity_type_id"), "");
                String sequenceName = "";
                String episodeName = "";
                UUID episodeId = null;
                if ("Shot".equals(kind)) {
                    Row sequence = parents.get((UUID) r.get("parent_id"));
                    sequenceName = sequence == null ? "" : (String) sequence.get("name");
                    Row episode = sequence == null ? null : parents.get((UUID) sequence.get("parent_id"));
                    episodeName = episode == null ? "" : (String) episode.get("name");
                    episodeId = episode == null ? null : episode.id();
                } else if ("Edit".equals(kind)) {
                    Row episode = parents.get((UUID) r.get("parent_id"));
                    episodeName = episode == null ? "" : (String) episode.get("name");
                } else {
                    episodeId = (UUID) r.get("source_id");
                }
                if (episodeFilter != null && (episodeId == null || !episodeId.toString().equals(episodeFilter))) {
                    continue;
                }
                items.add(new Object[] {r, entities.get(i), typeName, sequenceName, episodeName});
            }
            if ("Asset".equals(kind)) {
                items.sort(Comparator.comparing((Object[] o) -> (String) o[2])
                        .thenComparing(o -> (String) ((Row) o[0]).get("name")));
            } else if ("Shot".equals(kind)) {
                items.sort(Comparator.comparing((Object[] o) -> (String) o[4]).thenComparing(o -> (String) o[3])
                        .thenComparing(o -> (String) ((Row) o[0]).get("name")));
            } else {
                items.sort(Comparator.comparing((Object[] o) -> (String) o[4])
                        .thenComparing(o -> (String) ((Row) o[0]).get("name")));
            }
            List<Row> descriptors = new ArrayList<>(tx.select("metadata_descriptor", List.of(
                    Filter.eq("project_id", projectId), Filter.eq("entity_type", kind)),
                    List.of(Tx.Order.asc("position"), Tx.Order.asc("name")), 0, 0));
            List<String> validation = tasks.validationColumns(items.stream().map(o -> ((Row) o[0]).id()).toList());
            List<String> headers = new ArrayList<>(switch (kind) {
                case "Shot" -> List.of("Project", "Episode", "Sequence", "Name", "Description", "Time Spent",
                        "Frames", "Frame In", "Frame Out", "FPS");
                case "Edit" -> List.of("Project", "Episode", "Name", "Description", "Time Spent");
                default -> List.of("Project", "Type", "Name", "Description", "Time Spent");
            });
            for (Row d : descriptors) {
                headers.add((String) d.get("name"));
            }
            for (String v : validation) {
                headers.add(v);
                headers.add("Assignations");
            }
            List<List<Object>> out = new ArrayList<>();
            for (Object[] o : items) {
                Row r = (Row) o[0];
                @SuppressWarnings("unchecked")
                Map<String, Object> data = ((Map<String, Object>) o[1]).get("data") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of();
                List<Object> row = new ArrayList<>();
                row.add(project.get("name"));
                switch (kind) {
                    case "Shot" -> {
                        row.add(o[4]);
                        row.add(o[3]);
                    }
                    case "Edit" -> row.add(o[4]);
                    default -> row.add(o[2]);
                }
                row.add(r.get("name"));
                row.add(r.get("description"));
                row.add(tasks.timeSpent(r.id()));
                if ("Shot".equals(kind)) {
                    row.add(r.get("nb_frames"));
                    row.add(data.getOrDefault("frame_in", ""));
                    row.add(data.getOrDefault("frame_out", ""));
                    row.add(data.getOrDefault("fps", ""));
                }
                for (Row d : descriptors) {
                    Object v = data.getOrDefault((String) d.get("field_name"), "");
                    row.add("boolean".equals(d.get("data_type")) ? ("true".equalsIgnoreCase(String.valueOf(v))
                            ? "true" : "false") : v);
                }
                Map<String, String[]> byType = tasks.byTypeName(r.id());
                for (String v : validation) {
                    String[] cell = byType.get(v);
                    row.add(cell == null ? "" : cell[0]);
                    row.add(cell == null ? "" : cell[1]);
                }
                out.add(row);
            }
            String suffix = switch (kind) {
                case "Shot" -> " shots";
                case "Edit" -> " edits";
                default -> " assets";
            };
            return new Rows(fileName(project.get("name") + suffix), headers, out);
        });
    }

    /** The tasks of a project's entities: status short names, assignees, durations. */
    private static final class Tasks {
        private final Map<UUID, List<Row>> byEntity = new HashMap<>();
        private final Map<UUID, Row> types = new HashMap<>();
        private final Map<UUID, String> statuses;
        private final Map<UUID, String> persons;
        private final Map<UUID, List<UUID>> assignees = new HashMap<>();

        Tasks(Tx tx, UUID projectId) throws SQLException {
            for (Row t : tx.select("task", List.of(Filter.eq("project_id", projectId)))) {
                byEntity.computeIfAbsent((UUID) t.get("entity_id"), k -> new ArrayList<>()).add(t);
            }
            for (Row t : tx.select("task_type", List.of())) {
                types.put(t.id(), t);
            }
            statuses = names(tx, "task_status", "short_name");
            persons = fullNames(tx);
            for (Row l : tx.select("task_person_link", List.of(Filter.sub("task_id", "task", "id",
                    Filter.eq("project_id", projectId))))) {
                assignees.computeIfAbsent((UUID) l.get("task_id"), k -> new ArrayList<>())
                        .add((UUID) l.get("person_id"));
            }
        }

        List<String> validationColumns(List<UUID> entityIds) {
            Map<String, Integer> priorities = new HashMap<>();
            for (UUID id : entityIds) {
                for (Row t : byEntity.getOrDefault(id, List.of())) {
                    Row type = types.get((UUID) t.get("task_type_id"));
                    Object p = type.get("priority");
                    priorities.put((String) type.get("name"), p == null ? 0 : ((Number) p).intValue());
                }
            }
            List<String> names = new ArrayList<>(priorities.keySet());
            names.sort(Comparator.comparing((String n) -> priorities.get(n)).thenComparing(n -> n));
            return names;
        }

        String timeSpent(UUID entityId) {
            double total = 0;
            for (Row t : byEntity.getOrDefault(entityId, List.of())) {
                if (t.get("duration") instanceof Number n) {
                    total += n.doubleValue();
                }
            }
            if (total > 0) {
                total = total / 8.0 / 60.0;
            }
            return String.format(Locale.ROOT, "%.2f", total);
        }

        Map<String, String[]> byTypeName(UUID entityId) {
            Map<String, String[]> m = new HashMap<>();
            for (Row t : byEntity.getOrDefault(entityId, List.of())) {
                List<String> names = new ArrayList<>();
                for (UUID p : assignees.getOrDefault(t.id(), List.of())) {
                    names.add(persons.getOrDefault(p, ""));
                }
                m.put((String) types.get((UUID) t.get("task_type_id")).get("name"),
                        new String[] {statuses.getOrDefault((UUID) t.get("task_status_id"), ""),
                                String.join(",", names)});
            }
            return m;
        }
    }

    // ---- casting ----------------------------------------------------------------------------------------------------

    public CsvExport casting(Caller caller, String projectIdText, String episodeId, boolean shotCasting) {
        return read(caller, ctx -> {
            Row project = projectForTeam(ctx, projectIdText);
            Tx tx = ctx.tx();
            boolean tvShow = "tvshow".equals(project.get("production_type"));
            boolean withEpisode = tvShow && !"all".equals(episodeId);
            Map<UUID, String> typeNames = names(tx, "entity_type", "name");
            Map<UUID, Row> entities = new HashMap<>();
            for (Row r : tx.select("entity", List.of(Filter.eq("project_id", project.id())))) {
                entities.put(r.id(), r);
            }
            List<Row> links = tx.select("entity_link", List.of(Filter.sub("entity_in_id", "entity", "id",
                    Filter.eq("project_id", project.id()))));
            List<List<Object>> rows = new ArrayList<>();
            List<List<String>> keys = new ArrayList<>();
            for (Row l : links) {
                Row in = entities.get((UUID) l.get("entity_in_id"));
                Row asset = entities.get((UUID) l.get("entity_out_id"));
                if (in == null) {
                    continue;
                }
                if (asset == null) {
                    asset = tx.byId("entity", (UUID) l.get("entity_out_id"));
                }
                String inType = typeNames.getOrDefault((UUID) in.get("entity_type_id"), "");
                String assetType = typeNames.getOrDefault((UUID) asset.get("entity_type_id"), "");
                String parentName;
                String episodeName = "";
                String targetType;
                if (shotCasting) {
                    if (!"Shot".equals(inType)) {
                        continue;
                    }
                    Row sequence = entities.get((UUID) in.get("parent_id"));
                    if (sequence == null) {
                        continue;
                    }
                    Row episode = entities.get((UUID) sequence.get("parent_id"));
                    if (tvShow && (episode == null || (episodeId != null && !episode.id().toString()
                            .equals(episodeId)))) {
                        continue;
                    }
                    episodeName = episode == null ? "" : (String) episode.get("name");
                    parentName = (String) sequence.get("name");
                    targetType = "Shot";
                } else {
                    if ("Shot".equals(inType)) {
                        continue;
                    }
                    if ("main".equals(episodeId) || "all".equals(episodeId)) {
                        boolean episodeType = "Episode".equals(inType);
                        if (in.get("source_id") != null || episodeType != "all".equals(episodeId)) {
                            continue;
                        }
                        episodeName = "main".equals(episodeId) ? "MP" : "";
                    } else if (tvShow) {
                        Row episode = entities.get((UUID) in.get("source_id"));
                        if (episode == null || (episodeId != null && !episode.id().toString().equals(episodeId))) {
                            continue;
                        }
                        episodeName = (String) episode.get("name");
                    }
                    parentName = "";
                    targetType = inType;
                }
                List<Object> row = new ArrayList<>();
                if (withEpisode) {
                    row.add(episodeName);
                }
                row.add(parentName == null || parentName.isEmpty() ? targetType : parentName);
                row.add(in.get("name"));
                row.add(assetType);
                row.add(asset.get("name"));
                row.add(l.get("nb_occurences"));
                row.add(l.get("label") == null ? "" : l.get("label"));
                rows.add(row);
                keys.add(List.of(episodeName, shotCasting ? parentName : targetType, String.valueOf(in.get("name")),
                        assetType, String.valueOf(asset.get("name"))));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> {
                for (int k = 0; k < 5; k++) {
                    int c = keys.get(a).get(k).compareTo(keys.get(b).get(k));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            List<List<Object>> sorted = new ArrayList<>();
            for (int i : order) {
                sorted.add(rows.get(i));
            }
            List<String> headers = new ArrayList<>(List.of("Parent", "Name", "Asset Type", "Asset", "Occurences",
                    "Label"));
            if (withEpisode) {
                headers.add(0, "Episode");
            }
            return new Rows(fileName(project.get("name") + " casting"), headers, sorted);
        });
    }

    // ---- global exports ---------------------------------------------------------------------------------------------

    public CsvExport persons(Caller caller) {
        return read(caller, ctx -> {
            requireManager(ctx);
            Tx tx = ctx.tx();
            Map<UUID, String> departments = names(tx, "department", "name");
            Map<UUID, String> studios = names(tx, "studio", "name");
            Map<UUID, List<String>> personDepartments = new HashMap<>();
            for (Row l : tx.select("department_link", List.of())) {
                personDepartments.computeIfAbsent((UUID) l.get("person_id"), k -> new ArrayList<>())
                        .add(departments.getOrDefault((UUID) l.get("department_id"), ""));
            }
            List<Row> people = new ArrayList<>(tx.select("person", List.of()));
            people.removeIf(p -> Boolean.TRUE.equals(p.get("is_bot")) || Boolean.TRUE.equals(p.get("is_guest")));
            people.sort(Comparator.comparing((Row p) -> lower(p.get("first_name")))
                    .thenComparing(p -> lower(p.get("last_name"))));
            List<List<Object>> rows = new ArrayList<>();
            for (Row p : people) {
                List<String> deps = new ArrayList<>(personDepartments.getOrDefault(p.id(), List.of()));
                deps.sort(null);
                rows.add(java.util.Arrays.asList(p.get("first_name"), p.get("last_name"), p.get("email"),
                        p.get("phone"), p.get("role"), String.join(",", deps),
                        p.get("studio_id") == null ? "" : studios.getOrDefault((UUID) p.get("studio_id"), ""),
                        p.get("country") == null ? "" : p.get("country"), p.get("contract_type"),
                        p.get("position") == null ? "" : p.get("position"),
                        p.get("seniority") == null ? "" : p.get("seniority"),
                        p.get("daily_salary") == null ? "" : p.get("daily_salary"),
                        Boolean.TRUE.equals(p.get("active")) ? "yes" : "no"));
            }
            return new Rows("kitsu_people_export", List.of("First Name", "Last Name", "Email", "Phone", "Role",
                    "Departments", "Studio", "Country", "Contract Type", "Position", "Seniority", "Daily Salary",
                    "Active"), rows);
        });
    }

    public CsvExport projects(Caller caller) {
        return read(caller, ctx -> {
            requireManager(ctx);
            Map<UUID, String> statuses = names(ctx.tx(), "project_status", "name");
            List<Row> projects = new ArrayList<>(ctx.tx().select("project", List.of()));
            projects.removeIf(p -> !statuses.containsKey((UUID) p.get("project_status_id")));
            projects.sort(Comparator.comparing(p -> String.valueOf(p.get("name"))));
            List<List<Object>> rows = new ArrayList<>();
            for (Row p : projects) {
                rows.add(List.of(p.get("name"), statuses.get((UUID) p.get("project_status_id"))));
            }
            return new Rows("kitsu_export", List.of("Name", "Status"), rows);
        });
    }

    public CsvExport taskTypes(Caller caller) {
        return read(caller, ctx -> {
            requireManager(ctx);
            Map<UUID, String> departments = names(ctx.tx(), "department", "name");
            List<List<Object>> rows = new ArrayList<>();
            for (Row t : ctx.tx().select("task_type", List.of())) {
                String department = departments.get((UUID) t.get("department_id"));
                if (department != null) {
                    rows.add(List.of(department, t.get("name")));
                }
            }
            rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(0))
                    .thenComparing(r -> (String) r.get(1)));
            return new Rows("kitsu_export", List.of("Department", "Name"), rows);
        });
    }

    public CsvExport tasks(Caller caller) {
        return read(caller, ctx -> {
            requireManager(ctx);
            Tx tx = ctx.tx();
            Map<UUID, Row> projects = openProjects(tx, false);
            Map<UUID, String> typeNames = names(tx, "entity_type", "name");
            Map<UUID, String> taskTypes = names(tx, "task_type", "name");
            Map<UUID, String> statuses = names(tx, "task_status", "name");
            Map<UUID, String> persons = fullNames(tx);
            List<List<Object>> rows = new ArrayList<>();
            List<List<String>> keys = new ArrayList<>();
            for (Row project : projects.values()) {
                Map<UUID, Row> entities = new HashMap<>();
                for (Row e : tx.select("entity", List.of(Filter.eq("project_id", project.id())))) {
                    entities.put(e.id(), e);
                }
                Map<UUID, List<String>> assignees = new HashMap<>();
                for (Row l : tx.select("task_person_link", List.of(Filter.sub("task_id", "task", "id",
                        Filter.eq("project_id", project.id()))))) {
                    assignees.computeIfAbsent((UUID) l.get("task_id"), k -> new ArrayList<>())
                            .add(persons.getOrDefault((UUID) l.get("person_id"), ""));
                }
                for (Row t : tx.select("task", List.of(Filter.eq("project_id", project.id())))) {
                    Row entity = entities.get((UUID) t.get("entity_id"));
                    if (entity == null) {
                        continue;
                    }
                    Row sequence = entities.get((UUID) entity.get("parent_id"));
                    Row episode = sequence == null ? null : entities.get((UUID) sequence.get("parent_id"));
                    String taskType = taskTypes.getOrDefault((UUID) t.get("task_type_id"), "");
                    String entityType = typeNames.getOrDefault((UUID) entity.get("entity_type_id"), "");
                    rows.add(java.util.Arrays.asList(project.get("name"), taskType,
                            episode == null ? null : episode.get("name"), sequence == null ? null : sequence.get("name"),
                            entityType, entity.get("name"),
                            t.get("assigner_id") == null ? "" : persons.getOrDefault((UUID) t.get("assigner_id"), ""),
                            String.join(",", assignees.getOrDefault(t.id(), List.of())), t.get("duration"),
                            t.get("estimation"), day(t.get("start_date")), day(t.get("due_date")),
                            day(t.get("real_start_date")), day(t.get("end_date")),
                            statuses.getOrDefault((UUID) t.get("task_status_id"), "")));
                    keys.add(List.of(String.valueOf(project.get("name")), taskType,
                            episode == null ? "" : String.valueOf(episode.get("name")),
                            sequence == null ? "" : String.valueOf(sequence.get("name")), entityType,
                            String.valueOf(entity.get("name"))));
                }
            }
            return new Rows("kitsu_tasks_export", List.of("Project", "Task Type", "Episode", "Sequence",
                    "Entity Type", "Entity", "Assigner", "Assignees", "Duration", "Estimation", "Start date",
                    "Due date", "WIP date", "Validation date", "Task Status"), sortByKeys(rows, keys));
        });
    }

    public CsvExport timeSpents(Caller caller) {
        return read(caller, ctx -> {
            requireManager(ctx);
            Tx tx = ctx.tx();
            Map<UUID, Row> projects = openProjects(tx, true);
            Map<UUID, String> typeNames = names(tx, "entity_type", "name");
            Map<UUID, String> taskTypes = names(tx, "task_type", "name");
            Map<UUID, Row> people = new HashMap<>();
            for (Row p : tx.select("person", List.of())) {
                people.put(p.id(), p);
            }
            List<List<Object>> rows = new ArrayList<>();
            List<List<String>> keys = new ArrayList<>();
            for (Row project : projects.values()) {
                Map<UUID, Row> entities = new HashMap<>();
                for (Row e : tx.select("entity", List.of(Filter.eq("project_id", project.id())))) {
                    entities.put(e.id(), e);
                }
                Map<UUID, Row> tasks = new HashMap<>();
                for (Row t : tx.select("task", List.of(Filter.eq("project_id", project.id())))) {
                    tasks.put(t.id(), t);
                }
                for (Row ts : tx.select("time_spent", List.of(Filter.sub("task_id", "task", "id",
                        Filter.eq("project_id", project.id()))))) {
                    Row task = tasks.get((UUID) ts.get("task_id"));
                    Row entity = task == null ? null : entities.get((UUID) task.get("entity_id"));
                    Row person = people.get((UUID) ts.get("person_id"));
                    if (entity == null || person == null) {
                        continue;
                    }
                    String entityType = typeNames.getOrDefault((UUID) entity.get("entity_type_id"), "");
                    String entityName = (String) entity.get("name");
                    if ("Shot".equals(entityType)) {
                        entityName = fullShotName(entities, entity);
                    }
                    String personName = (person.get("first_name") + " " + person.get("last_name")).trim();
                    rows.add(java.util.Arrays.asList(project.get("name"), personName, entityType, entityName,
                            taskTypes.getOrDefault((UUID) task.get("task_type_id"), ""), day(ts.get("date")),
                            ts.get("duration")));
                    keys.add(List.of(day(ts.get("date")), String.valueOf(person.get("last_name")),
                            String.valueOf(project.get("name")), entityType, String.valueOf(entity.get("name"))));
                }
            }
            String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
            return new Rows("kitsu_" + today.replace('-', '_') + "_open_projects_time_spents_export",
                    List.of("Project", "Person", "Entity Type Name", "Entity", "Task Type", "Date", "Time spent"),
                    sortByKeys(rows, keys));
        });
    }

    /** Zou's full shot name: episode / sequence / shot (episode only when there is one). */
    private static String fullShotName(Map<UUID, Row> entities, Row shot) {
        Row sequence = entities.get((UUID) shot.get("parent_id"));
        if (sequence == null) {
            return (String) shot.get("name");
        }
        Row episode = entities.get((UUID) sequence.get("parent_id"));
        String name = sequence.get("name") + " / " + shot.get("name");
        return episode == null ? name : episode.get("name") + " / " + name;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static List<List<Object>> sortByKeys(List<List<Object>> rows, List<List<String>> keys) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> {
            List<String> ka = keys.get(a);
            List<String> kb = keys.get(b);
            for (int k = 0; k < ka.size(); k++) {
                int c = ka.get(k).compareTo(kb.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        List<List<Object>> sorted = new ArrayList<>(rows.size());
        for (int i : order) {
            sorted.add(rows.get(i));
        }
        return sorted;
    }

    /** Projects whose status is Zou's open one ({@code anyActive}: named Active, open or Open). */
    private static Map<UUID, Row> openProjects(Tx tx, boolean anyActive) throws SQLException {
        Set<String> open = anyActive ? Set.of("Active", "open", "Open") : Set.of("Open");
        Map<UUID, String> statuses = names(tx, "project_status", "name");
        Map<UUID, Row> projects = new LinkedHashMap<>();
        for (Row p : tx.select("project", List.of())) {
            if (open.contains(statuses.get((UUID) p.get("project_status_id")))) {
                projects.put(p.id(), p);
            }
        }
        return projects;
    }

    private static Map<UUID, String> names(Tx tx, String table, String column) throws SQLException {
        Map<UUID, String> m = new HashMap<>();
        for (Row r : tx.select(table, List.of())) {
            m.put(r.id(), (String) r.get(column));
        }
        return m;
    }

    private static Map<UUID, String> fullNames(Tx tx) throws SQLException {
        Map<UUID, String> m = new HashMap<>();
        for (Row p : tx.select("person", List.of())) {
            m.put(p.id(), (p.get("first_name") + " " + p.get("last_name")).trim());
        }
        return m;
    }

    private static List<UUID> idsNamed(Map<UUID, String> names, String... wanted) {
        List<UUID> ids = new ArrayList<>();
        Set<String> w = Set.of(wanted);
        names.forEach((id, n) -> {
            if (w.contains(n)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static String lower(Object v) {
        return v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
    }

    private static String day(Object v) {
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate().toString();
        }
        return v == null ? "" : v.toString();
    }
    // ---- playlist (zou/app/blueprints/export/csv/playlists.py) ------------------------------------------------------

    /**
     * {@code PlaylistCsvExport}: a title line (project, episode, kind, name, creation date in the caller's time
     * zone), a blank line, the column names, then one row per shot with its positioned preview's task, status,
     * revision and last non-client comment. Vendors refused; managers, clients of client playlists and supervisors.
     */
    public CsvExport playlist(Caller caller, String playlistIdText) {
        return read(caller, ctx -> {
            if (ctx.caller().hasRole("vendor")) {
                throw ZouException.forbidden();
            }
            UUID playlistId = Values.tryParseId(playlistIdText);
            Row playlist = playlistId == null ? null : ctx.tx().byId("playlist", playlistId);
            if (playlist == null) {
                throw ZouException.notFound("Playlist not found");
            }
            UUID projectId = (UUID) playlist.get("project_id");
            ProjectAccess.requireTeam(ctx.access(), projectId);
            String role = ctx.access().projectRole(projectId);
            if (!ctx.caller().isAdmin() && !"manager".equals(role) && !"supervisor".equals(role)
                    && !("client".equals(role) && Boolean.TRUE.equals(playlist.get("for_client")))) {
                throw ZouException.forbidden();
            }
            Row project = ctx.tx().byId("project", projectId);
            java.time.ZoneId zone = callerZone(ctx);
            String context = String.valueOf(project.get("name"));
            if (playlist.get("episode_id") != null) {
                Row episode = ctx.tx().byId("entity", (UUID) playlist.get("episode_id"));
                if (episode != null) {
                    context += " - " + episode.get("name");
                }
            }
            context += " | " + ("shot".equals(playlist.get("for_entity")) ? "for shots" : "for assets");
            List<String> title = List.of("Playlist", context, String.valueOf(playlist.get("name")),
                    zoned((LocalDateTime) playlist.get("created_at"), zone), "", "", "");
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("", "", "", "", "", "", ""));
            rows.add(List.of("Entity name", "Nb Frames", "Task Type", "Retake count", "Revision", "Task Status",
                    "Last comment author", "Last comment date", "Last comment"));
            Object shots = crud.jsonForm().toJsonValue(playlist.get("shots"));
            for (Object o : shots instanceof List<?> l ? l : List.of()) {
                if (!(o instanceof Map<?, ?> shot)) {
                    continue;
                }
                UUID previewId = shot.get("preview_file_id") == null ? null
                        : Values.tryParseId(shot.get("preview_file_id").toString());
                Row preview = previewId == null ? null : ctx.tx().byId("preview_file", previewId);
                Row task = preview == null || preview.get("task_id") == null ? null
                        : ctx.tx().byId("task", (UUID) preview.get("task_id"));
                UUID entityId = shot.get("entity_id") == null ? null
                        : Values.tryParseId(shot.get("entity_id").toString());
                Row entity = entityId == null ? null : ctx.tx().byId("entity", entityId);
                if (task == null || entity == null) {
                    continue;
                }
                Row taskType = ctx.tx().byId("task_type", (UUID) task.get("task_type_id"));
                Row status = ctx.tx().byId("task_status", (UUID) task.get("task_status_id"));
                Row comment = lastStaffComment(ctx, task);
                Row author = comment == null ? null : ctx.tx().byId("person", (UUID) comment.get("person_id"));
                List<Object> row = new ArrayList<>();
                row.add(fullEntityName(ctx, entity));
                row.add(entity.get("nb_frames"));
                row.add(taskType == null ? "" : taskType.get("name"));
                row.add(task.get("retake_count"));
                row.add(preview.get("revision"));
                row.add(status == null ? "" : status.get("name"));
                row.add(author == null ? "" : fullName(author));
                row.add(comment == null ? "" : zoned((LocalDateTime) comment.get("created_at"), zone));
                row.add(comment == null ? "" : comment.get("text"));
                rows.add(row);
            }
            return new Rows(fileName(project.get("name") + " playlist " + playlist.get("name")), title, rows);
        });
    }

    private static java.time.ZoneId callerZone(HookContext ctx) throws SQLException {
        Row me = ctx.caller().personId() == null ? null : ctx.tx().byId("person", ctx.caller().personId());
        Object tz = me == null ? null : me.get("timezone");
        try {
            return tz == null ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(tz.toString());
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    /** A stored UTC timestamp in the caller's zone, as {@code yyyy-MM-ddTHH:mm:ss}. */
    private static String zoned(LocalDateTime utc, java.time.ZoneId zone) {
        if (utc == null) {
            return "";
        }
        return utc.atZone(java.time.ZoneOffset.UTC).withZoneSameInstant(zone)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
    }

    /** {@code get_last_comment_map}: the newest comment on the task whose author is not a client there. */
    private static Row lastStaffComment(HookContext ctx, Row task) throws SQLException {
        List<Row> comments = ctx.tx().select("comment", List.of(Filter.eq("object_id", task.id())),
                List.of(Tx.Order.desc("created_at")), 0, 0);
        for (Row c : comments) {
            UUID author = (UUID) c.get("person_id");
            if (author != null && !"client".equals(ctx.access().roleOf(author, (UUID) task.get("project_id")))) {
                return c;
            }
        }
        return null;
    }

    /** {@code get_full_entity_name}: episode / sequence / shot, sequence names, or asset type / asset. */
    private static String fullEntityName(HookContext ctx, Row entity) throws SQLException {
        Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        String typeName = type == null ? "" : String.valueOf(type.get("name"));
        Row parent = entity.get("parent_id") == null ? null : ctx.tx().byId("entity", (UUID) entity.get("parent_id"));
        switch (typeName) {
            case "Shot" -> {
                if (parent == null) {
                    return String.valueOf(entity.get("name"));
                }
                Row episode = parent.get("parent_id") == null ? null
                        : ctx.tx().byId("entity", (UUID) parent.get("parent_id"));
                return (episode == null ? "" : episode.get("name") + " / ") + parent.get("name") + " / "
                        + entity.get("name");
            }
            case "Episode" -> {
                return String.valueOf(entity.get("name"));
            }
            case "Sequence" -> {
                return (parent == null ? "" : parent.get("name") + " / ") + entity.get("name");
            }
            default -> {
                return typeName + " / " + entity.get("name");
            }
        }
    }

    private static String fullName(Row person) {
        String first = person.get("first_name") == null ? "" : person.get("first_name").toString();
        String last = person.get("last_name") == null ? "" : person.get("last_name").toString();
        return (first + " " + last).trim();
    }
}
