package org.zou4j.internal.projects;

import static org.zou4j.internal.crud.BodyFields.optionalInt;
import static org.zou4j.internal.crud.BodyFields.optionalText;
import static org.zou4j.internal.crud.BodyFields.requiredText;
import static org.zou4j.internal.crud.BodyFields.textList;
import static org.zou4j.internal.crud.BodyFields.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code project_templates} blueprint: the task types, task statuses, asset types, status automations and
 * preview backgrounds of a project template, its default background and metadata descriptor snapshot, templates made
 * from a project and templates applied to a project. Reads need a global manager, writes an admin (Zou). Every change
 * emits {@code project-template:update} (or {@code :new}).
 */
public final class ProjectTemplatesService extends ServiceSupport {
    /** Zou's {@code PRODUCTION_SETTING_FIELDS}, copied between projects and templates. */
    static final List<String> SETTINGS = List.of("fps", "ratio", "resolution", "production_type",
            "production_style", "max_retakes", "is_clients_isolated", "is_preview_download_allowed",
            "is_set_preview_automated", "is_publish_default_for_artists", "homepage", "hd_bitrate_compression",
            "ld_bitrate_compression");
    private static final List<String> DEFAULT_BOARD_ROLES = List.of("user", "admin", "supervisor", "manager",
            "vendor");

    private final MetadataService metadata;

    public ProjectTemplatesService(CrudService crud, EventLog events, MetadataService metadata) {
        super(crud, events);
        this.metadata = metadata;
    }

    /** The links of a template that name one row of another table. */
    public enum Link {
        TASK_TYPES("project_template_task_type_link", "task_type_id", "task_type", "Task type"),
        TASK_STATUSES("project_template_task_status_link", "task_status_id", "task_status", "Task status"),
        ASSET_TYPES("project_template_asset_type_link", "asset_type_id", "entity_type", "Asset type"),
        STATUS_AUTOMATIONS("project_template_status_automation_link", "status_automation_id", "status_automation",
                "Status automation"),
        PREVIEW_BACKGROUNDS("project_template_preview_background_file_link", "preview_background_file_id",
                "preview_background_file", "Preview background file");

        final String linkTable;
        final String column;
        final String table;
        final String label;

        Link(String linkTable, String column, String table, String label) {
            this.linkTable = linkTable;
            this.column = column;
            this.table = table;
            this.label = label;
        }
    }

    private static ZouException templateNotFound() {
        return new ZouException(ErrorCode.NOT_FOUND, 404, "Project template not found",
                Map.of("message", "Project template not found"));
    }

    private static Row requireTemplate(HookContext ctx, String idText) throws SQLException {
        UUID id = idOrNull(idText);
        Row template = id == null ? null : ctx.tx().byId("project_template", id);
        if (template == null) {
            throw templateNotFound();
        }
        return template;
    }

    private static void notify(HookContext ctx, UUID templateId, String action) throws SQLException {
        ctx.events().emit("project-template:" + action, Map.of("project_template_id", templateId.toString()), null);
    }

    // ---- lists -----------------------------------------------------------------------------------------------------

    /** {@code GET /data/project-templates/<id>/<links>} (global managers): Zou's shapes per link kind. */
    public List<Map<String, Object>> list(Caller caller, String templateIdText, Link kind) {
        return read(caller, ctx -> {
            requireGlobalManager(ctx);
            Row template = requireTemplate(ctx, templateIdText);
            List<Row> links = ctx.tx().select(kind.linkTable, List.of(Filter.eq("project_template_id",
                    template.id())));
            Map<UUID, Row> linkOf = new LinkedHashMap<>();
            for (Row l : links) {
                linkOf.put((UUID) l.get(kind.column), l);
            }
            List<Row> rows = ctx.tx().select(kind.table, List.of(Filter.in("id", new ArrayList<>(linkOf.keySet()))),
                    List.of(Tx.Order.asc(kind == Link.STATUS_AUTOMATIONS ? "created_at" : "name"),
                            Tx.Order.asc("id")), 0, 0);
            List<Map<String, Object>> out = new ArrayList<>();
            switch (kind) {
                case TASK_TYPES, TASK_STATUSES -> {
                    for (Map<String, Object> json : many(ctx, kind.table, rows, false)) {
                        Row link = linkOf.get(UUID.fromString((String) json.get("id")));
                        json.put("priority", link.get("priority"));
                        if (kind == Link.TASK_STATUSES) {
                            Object roles = json(link.get("roles_for_board"));
                            json.put("roles_for_board", roles == null ? List.of() : roles);
                        }
                        out.add(json);
                    }
                    out.sort(Comparator.comparing((Map<String, Object> m) -> m.get("priority") == null ? 0
                            : ((Number) m.get("priority")).intValue()).thenComparing(m -> Objects.toString(
                                    m.get("name"), "")));
                }
                case STATUS_AUTOMATIONS -> out.addAll(many(ctx, kind.table, rows, false));
                default -> {
                    for (Row r : rows) {
                        out.add(shortJson(kind, r));
                    }
                }
            }
            return out;
        });
    }

    private static Map<String, Object> shortJson(Link kind, Row r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id().toString());
        json.put("name", r.get("name"));
        if (kind == Link.PREVIEW_BACKGROUNDS) {
            json.put("is_default", Boolean.TRUE.equals(r.get("is_default")));
        }
        return json;
    }

    // ---- add / remove ------------------------------------------------------------------------------------------

    /**
     * {@code POST /data/project-templates/<id>/<links>} (admins): body {@code <kind>_id} and, for task types and
     * statuses, {@code priority} (and {@code roles_for_board}). Answers the link (task types, statuses), the
     * automation, or {@code {id, name[, is_default]}}; 400 for a malformed or unknown id.
     */
    public Map<String, Object> add(Caller caller, String templateIdText, Link kind, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String refText = requiredText(body, kind.column);
        Integer priority = kind == Link.TASK_TYPES || kind == Link.TASK_STATUSES ? optionalInt(body, "priority")
                : null;
        List<String> roles = kind == Link.TASK_STATUSES ? textList(body, "roles_for_board", false) : List.of();
        for (String role : roles) {
            if (!Choices.ROLES.contains(role)) {
                throw validation("roles_for_board", "Input should be a valid role");
            }
        }
        return write(caller, ctx -> {
            requireAdmin(ctx);
            Map<String, Object> out = addIn(ctx, templateIdText, kind, refText, priority, roles);
            return out;
        });
    }

    private Map<String, Object> addIn(HookContext ctx, String templateIdText, Link kind, String refText,
                                      Integer priority, List<String> roles) throws SQLException {
        UUID refId = idOrNull(refText);
        if (refId == null) {
            throw ZouException.wrongParameter(kind.column + " is required and must be a valid UUID");
        }
        Row ref = ctx.tx().byId(kind.table, refId);
        if (ref == null) {
            throw ZouException.wrongParameter(kind.label + " " + refText + " does not exist");
        }
        Row template = requireTemplate(ctx, templateIdText);
        List<Filter> key = key("project_template_id", template.id(), kind.column, refId);
        List<Row> found = ctx.tx().select(kind.linkTable, key);
        Map<String, Object> out;
        if (kind == Link.TASK_TYPES || kind == Link.TASK_STATUSES) {
            if (found.isEmpty()) {
                Map<String, Object> link = BudgetService.newRow(ctx);
                link.put("project_template_id", template.id());
                link.put(kind.column, refId);
                link.put("priority", priority);
                if (kind == Link.TASK_STATUSES) {
                    link.put("roles_for_board", rolesJson(roles.isEmpty() ? DEFAULT_BOARD_ROLES : roles));
                }
                ctx.tx().insert(kind.linkTable, link);
            } else {
                Map<String, Object> changes = new LinkedHashMap<>();
                if (priority != null) {
                    changes.put("priority", priority);
                }
                if (!roles.isEmpty()) {
                    changes.put("roles_for_board", rolesJson(roles));
                }
                if (!changes.isEmpty()) {
                    changes.put("updated_at", ctx.now());
                    ctx.tx().update(kind.linkTable, changes, key);
                }
            }
            out = one(ctx, kind.linkTable, ctx.tx().select(kind.linkTable, key).get(0));
        } else {
            if (found.isEmpty()) {
                ctx.tx().insert(kind.linkTable, Map.of("project_template_id", template.id(), kind.column, refId));
            }
            out = kind == Link.STATUS_AUTOMATIONS ? one(ctx, kind.table, ref) : shortJson(kind, ref);
        }
        notify(ctx, template.id(), "update");
        return out;
    }

    private Object rolesJson(List<String> roles) {
        return crud.values().fromJson(model("project_template_task_status_link").table().column("roles_for_board"),
                roles);
    }

    /** {@code DELETE /data/project-templates/<id>/<links>/<ref_id>} (admins): unlinks (204 even when absent). */
    public void remove(Caller caller, String templateIdText, Link kind, String refText) {
        write(caller, ctx -> {
            requireAdmin(ctx);
            Row template = requireTemplate(ctx, templateIdText);
            UUID refId = idOrNull(refText);
            if (refId != null) {
                ctx.tx().delete(kind.linkTable, key("project_template_id", template.id(), kind.column, refId));
                if (kind == Link.PREVIEW_BACKGROUNDS
                        && refId.equals(template.get("default_preview_background_file_id"))) {
                    Map<String, Object> clear = new LinkedHashMap<>();
                    clear.put("default_preview_background_file_id", null);
                    clear.put("updated_at", ctx.now());
                    ctx.tx().updateById("project_template", template.id(), clear);
                }
            }
            notify(ctx, template.id(), "update");
            return null;
        });
    }

    /**
     * {@code POST /actions/project-templates/<id>/(task-types|task-statuses)/reorder} (admins): body
     * {@code task_type_ids} / {@code task_status_ids}; priorities 1..n in that order. Answers the links.
     */
    public List<Map<String, Object>> reorder(Caller caller, String templateIdText, Link kind,
                                             Map<String, Object> rawBody) {
        String key = kind == Link.TASK_TYPES ? "task_type_ids" : "task_status_ids";
        Object ids = rawBody == null ? null : rawBody.get(key);
        if (!(ids instanceof List<?> list)) {
            throw ZouException.wrongParameter("Request body must be a JSON object with a '" + key + "' list.");
        }
        return write(caller, ctx -> {
            requireAdmin(ctx);
            List<Map<String, Object>> out = new ArrayList<>();
            int priority = 1;
            for (Object id : list) {
                out.add(addIn(ctx, templateIdText, kind, id == null ? null : id.toString(), priority++, List.of()));
            }
            return out;
        });
    }

    // ---- template fields -------------------------------------------------------------------------------------------

    /**
     * {@code PUT /data/project-templates/<id>/default-preview-background-file} (admins): body
     * {@code default_preview_background_file_id} (null clears), which must be linked to the template.
     */
    public Map<String, Object> setDefaultBackground(Caller caller, String templateIdText,
                                                    Map<String, Object> rawBody) {
        String backgroundText = optionalText(BodyFields.of(rawBody), "default_preview_background_file_id", null);
        return write(caller, ctx -> {
            requireAdmin(ctx);
            Row template = requireTemplate(ctx, templateIdText);
            UUID backgroundId = null;
            if (backgroundText != null) {
                backgroundId = idOrNull(backgroundText);
                if (backgroundId == null || !ctx.tx().exists(Link.PREVIEW_BACKGROUNDS.linkTable, key(
                        "project_template_id", template.id(), "preview_background_file_id", backgroundId))) {
                    throw ZouException.wrongParameter("Preview background file is not linked to this template");
                }
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("default_preview_background_file_id", backgroundId);
            changes.put("updated_at", ctx.now());
            ctx.tx().updateById("project_template", template.id(), changes);
            notify(ctx, template.id(), "update");
            return one(ctx, "project_template", ctx.tx().byId("project_template", template.id()));
        });
    }

    /**
     * {@code PUT /data/project-templates/<id>/metadata-descriptors} (admins): body a list of descriptors, or
     * {@code {metadata_descriptors: [...]}}; stored cleaned ({@code field_name} from the name when absent).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> setMetadataDescriptors(Caller caller, String templateIdText, Object rawBody) {
        Object descriptors = rawBody instanceof Map<?, ?> m ? m.get("metadata_descriptors") : rawBody;
        if (descriptors == null) {
            descriptors = List.of();
        }
        if (!(descriptors instanceof List<?> list)) {
            throw ZouException.wrongParameter("metadata_descriptors must be a list");
        }
        List<Map<String, Object>> cleaned = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?>)) {
                throw ZouException.wrongParameter("Each metadata descriptor must be an object");
            }
            cleaned.add(cleanDescriptor((Map<String, Object>) entry));
        }
        return write(caller, ctx -> {
            requireAdmin(ctx);
            Row template = requireTemplate(ctx, templateIdText);
            ctx.tx().updateById("project_template", template.id(), Map.of("metadata_descriptors",
                    crud.values().fromJson(model("project_template").table().column("metadata_descriptors"),
                            cleaned), "updated_at", ctx.now()));
            notify(ctx, template.id(), "update");
            return one(ctx, "project_template", ctx.tx().byId("project_template", template.id()));
        });
    }

    private static Map<String, Object> cleanDescriptor(Map<String, Object> d) {
        String name = d.get("name") == null ? "" : d.get("name").toString();
        Object fieldName = d.get("field_name");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("field_name", fieldName == null || fieldName.toString().isEmpty() ? MetadataService.slugify(name)
                : fieldName.toString());
        out.put("entity_type", d.get("entity_type"));
        Object taskType = d.get("task_type_id");
        out.put("task_type_id", taskType == null || taskType.toString().isEmpty() ? null : taskType.toString());
        out.put("data_type", d.get("data_type"));
        Object choices = d.get("choices");
        out.put("choices", choices instanceof List<?> ? choices : List.of());
        out.put("for_client", Boolean.TRUE.equals(d.get("for_client")));
        List<String> departments = new ArrayList<>();
        if (d.get("departments") instanceof List<?> deps) {
            for (Object dep : deps) {
                if (dep != null) {
                    departments.add(dep.toString());
                }
            }
        }
        out.put("departments", departments);
        out.put("position", d.get("position"));
        return out;
    }

    // ---- snapshot / apply ------------------------------------------------------------------------------------------

    private static ZouException projectNotFound() {
        return new ZouException(ErrorCode.NOT_FOUND, 404, "Project not found", Map.of("message",
                "Project not found"));
    }

    private static Row requireProjectRow(HookContext ctx, String idText) throws SQLException {
        UUID id = idOrNull(idText);
        Row project = id == null ? null : ctx.tx().byId("project", id);
        if (project == null) {
            throw projectNotFound();
        }
        return project;
    }

    /**
     * {@code POST /data/project-templates/from-project/<project_id>} (admins): body {@code name} (required),
     * {@code description}; a new template with the project's settings, file tree, data, descriptors and links.
     */
    public Map<String, Object> fromProject(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = requiredText(body, "name");
        String description = optionalText(body, "description", null);
        return write(caller, ctx -> {
            requireAdmin(ctx);
            Row project = requireProjectRow(ctx, projectIdText);
            if (ctx.tx().exists("project_template", List.of(Filter.eq("name", name)))) {
                throw ZouException.wrongParameter("A project template with this name already exists");
            }
            UUID projectId = project.id();
            Map<String, Object> row = BudgetService.newRow(ctx);
            UUID id = (UUID) row.get("id");
            row.put("name", name);
            row.put("description", description);
            for (String field : SETTINGS) {
                if (project.get(field) != null) {
                    row.put(field, project.get(field));
                }
            }
            row.put("file_tree", project.get("file_tree"));
            row.put("data", project.get("data"));
            row.put("metadata_descriptors", crud.values().fromJson(model("project_template").table()
                    .column("metadata_descriptors"), snapshotDescriptors(ctx, projectId)));
            row.put("default_preview_background_file_id", project.get("default_preview_background_file_id"));
            ctx.tx().insert("project_template", row);
            Tx tx = ctx.tx();
            for (Row l : tx.select("project_task_type_link", List.of(Filter.eq("project_id", projectId)))) {
                Map<String, Object> link = BudgetService.newRow(ctx);
                link.put("project_template_id", id);
                link.put("task_type_id", l.get("task_type_id"));
                link.put("priority", l.get("priority"));
                tx.insert("project_template_task_type_link", link);
            }
            for (Row l : tx.select("project_task_status_link", List.of(Filter.eq("project_id", projectId)))) {
                Map<String, Object> link = BudgetService.newRow(ctx);
                link.put("project_template_id", id);
                link.put("task_status_id", l.get("task_status_id"));
                link.put("priority", l.get("priority"));
                link.put("roles_for_board", l.get("roles_for_board"));
                tx.insert("project_template_task_status_link", link);
            }
            copyPlainLinks(tx, "project_asset_type_link", "project_id", projectId,
                    "project_template_asset_type_link", "project_template_id", id, "asset_type_id");
            copyPlainLinks(tx, "project_status_automation_link", "project_id", projectId,
                    "project_template_status_automation_link", "project_template_id", id, "status_automation_id");
            copyPlainLinks(tx, "project_preview_background_file_link", "project_id", projectId,
                    "project_template_preview_background_file_link", "project_template_id", id,
                    "preview_background_file_id");
            notify(ctx, id, "new");
            return one(ctx, "project_template", tx.byId("project_template", id));
        });
    }

    private static void copyPlainLinks(Tx tx, String fromTable, String fromColumn, UUID fromId, String toTable,
                                       String toColumn, UUID toId, String refColumn) throws SQLException {
        for (Object ref : tx.column(fromTable, refColumn, List.of(Filter.eq(fromColumn, fromId)))) {
            if (!tx.exists(toTable, key(toColumn, toId, refColumn, ref))) {
                tx.insert(toTable, Map.of(toColumn, toId, refColumn, ref));
            }
        }
    }

    private List<Map<String, Object>> snapshotDescriptors(HookContext ctx, UUID projectId) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row d : ctx.tx().select("metadata_descriptor", List.of(Filter.eq("project_id", projectId)),
                List.of(Tx.Order.asc("position"), Tx.Order.asc("name")), 0, 0)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", d.get("name"));
            s.put("field_name", d.get("field_name"));
            s.put("entity_type", d.get("entity_type"));
            s.put("task_type_id", d.get("task_type_id") == null ? null : d.get("task_type_id").toString());
            s.put("data_type", d.get("data_type"));
            Object choices = parsed(d.get("choices"));
            s.put("choices", choices == null ? List.of() : choices);
            s.put("for_client", Boolean.TRUE.equals(d.get("for_client")));
            List<String> departments = new ArrayList<>();
            for (Object dep : ctx.tx().column("department_metadata_descriptor_link", "department_id",
                    List.of(Filter.eq("metadata_descriptor_id", d.id())))) {
                departments.add(dep.toString());
            }
            s.put("departments", departments);
            s.put("position", d.get("position"));
            out.add(s);
        }
        return out;
    }

    private Object parsed(Object value) {
        if (value instanceof RawJson raw) {
            try {
                return crud.jsonForm().mapper().readValue(raw.text(), Object.class);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return value;
    }

    /**
     * {@code POST /data/projects/<project_id>/apply-template/<project_template_id>} (admins): the template's settings
     * (non-null ones), file tree and data onto the project; its links and descriptors added where missing; its
     * default background when the project has none. Emits {@code project:update}; answers the project.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> apply(Caller caller, String projectIdText, String templateIdText) {
        return write(caller, ctx -> {
            requireAdmin(ctx);
            Row project = requireProjectRow(ctx, projectIdText);
            Row template = requireTemplate(ctx, templateIdText);
            UUID projectId = project.id();
            Tx tx = ctx.tx();
            Map<String, Object> changes = new LinkedHashMap<>();
            for (String field : SETTINGS) {
                if (template.get(field) != null) {
                    changes.put(field, template.get(field));
                }
            }
            if (template.get("file_tree") != null) {
                changes.put("file_tree", template.get("file_tree"));
            }
            if (template.get("data") != null) {
                changes.put("data", template.get("data"));
            }
            if (template.get("default_preview_background_file_id") != null
                    && project.get("default_preview_background_file_id") == null) {
                changes.put("default_preview_background_file_id", template.get("default_preview_background_file_id"));
            }
            changes.put("updated_at", ctx.now());
            tx.updateById("project", projectId, changes);
            for (Row l : tx.select("project_template_task_type_link", List.of(Filter.eq("project_template_id",
                    template.id())))) {
                if (!tx.exists("project_task_type_link", key("project_id", projectId, "task_type_id",
                        l.get("task_type_id")))) {
                    Map<String, Object> link = BudgetService.newRow(ctx);
                    link.put("project_id", projectId);
                    link.put("task_type_id", l.get("task_type_id"));
                    link.put("priority", l.get("priority"));
                    tx.insert("project_task_type_link", link);
                }
            }
            for (Row l : tx.select("project_template_task_status_link", List.of(Filter.eq("project_template_id",
                    template.id())))) {
                if (!tx.exists("project_task_status_link", key("project_id", projectId, "task_status_id",
                        l.get("task_status_id")))) {
                    Map<String, Object> link = BudgetService.newRow(ctx);
                    link.put("project_id", projectId);
                    link.put("task_status_id", l.get("task_status_id"));
                    link.put("priority", l.get("priority"));
                    link.put("roles_for_board", l.get("roles_for_board"));
                    tx.insert("project_task_status_link", link);
                }
            }
            copyPlainLinks(tx, "project_template_asset_type_link", "project_template_id", template.id(),
                    "project_asset_type_link", "project_id", projectId, "asset_type_id");
            copyPlainLinks(tx, "project_template_status_automation_link", "project_template_id", template.id(),
                    "project_status_automation_link", "project_id", projectId, "status_automation_id");
            copyPlainLinks(tx, "project_template_preview_background_file_link", "project_template_id",
                    template.id(), "project_preview_background_file_link", "project_id", projectId,
                    "preview_background_file_id");
            Object snapshot = parsed(template.get("metadata_descriptors"));
            if (snapshot instanceof List<?> descriptors) {
                for (Object d : descriptors) {
                    if (d instanceof Map<?, ?> m) {
                        createDescriptor(ctx, projectId, (Map<String, Object>) m);
                    }
                }
            }
            ctx.events().emit("project:update", Map.of(), projectId);
            return one(ctx, "project", tx.byId("project", projectId));
        });
    }

    /** Zou's {@code _create_descriptor_from_snapshot}: skipped when incomplete, existing or refused. */
    @SuppressWarnings("unchecked")
    private void createDescriptor(HookContext ctx, UUID projectId, Map<String, Object> d) throws SQLException {
        String name = d.get("name") == null ? "" : d.get("name").toString();
        Object entityType = d.get("entity_type");
        if (name.isEmpty() || entityType == null || !MetadataService.ENTITY_TYPES.contains(entityType.toString())) {
            return;
        }
        UUID taskTypeId = d.get("task_type_id") == null ? null : Values.tryParseId(d.get("task_type_id").toString());
        if ("Task".equals(entityType) && taskTypeId == null) {
            return;
        }
        List<Filter> same = new ArrayList<>(List.of(Filter.eq("project_id", projectId),
                Filter.eq("entity_type", entityType.toString()), Filter.eq("name", name)));
        same.add(taskTypeId == null ? new Filter.IsNull("task_type_id") : Filter.eq("task_type_id", taskTypeId));
        if (ctx.tx().exists("metadata_descriptor", same)) {
            return;
        }
        String dataType = d.get("data_type") == null ? "string" : d.get("data_type").toString();
        if (!Choices.METADATA_DESCRIPTOR_TYPES.contains(dataType)) {
            return;
        }
        List<String> choices = new ArrayList<>();
        if (d.get("choices") instanceof List<?> list) {
            for (Object c : list) {
                choices.add(String.valueOf(c));
            }
        }
        List<String> departments = new ArrayList<>();
        if (d.get("departments") instanceof List<?> list) {
            for (Object dep : list) {
                if (dep != null && Values.tryParseId(dep.toString()) != null
                        && ctx.tx().byId("department", Values.tryParseId(dep.toString())) != null) {
                    departments.add(dep.toString());
                }
            }
        }
        try {
            metadata.insert(ctx, projectId, entityType.toString(), taskTypeId, name, dataType, choices,
                    Boolean.TRUE.equals(d.get("for_client")), departments);
        } catch (ZouException e) {
            // Zou skips descriptors it cannot create (WrongParameterException)
        }
    }
}
