package org.zou4j.internal.assets;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.assets.EntityKind;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.Scopes;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.hooks.Cascades;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's entity routes (blueprints assets, shots, edits, concepts, entities): assets, shots, sequences, episodes,
 * scenes, edits and concepts are rows of {@code entity} told apart by entity type. Reads check Zou's project access
 * (admin or team member, else 403) and entity access (a vendor must be assigned to a task of the entity); writes
 * need a manager of the project (or the entity's creator for deletes), and emit Zou's events in the same transaction.
 */
public final class EntityService {
    private static final List<String> TEMPORAL = List.copyOf(Choices.TEMPORAL_ENTITY_TYPES);
    /** Fields Zou's shot PUT drops before updating. */
    private static final List<String> SHOT_PUT_DROPPED = List.of("id", "created_at", "updated_at", "instance_casting",
            "project_id", "entities_in", "entities_out", "type", "shotgun_id", "created_by");

    private final CrudService crud;
    private final EventLog events;
    private final WithTasks withTasks;
    private final EntityViews views;

    public EntityService(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
        this.withTasks = new WithTasks(crud.jsonForm().mapper());
        this.views = new EntityViews(crud.jsonForm());
    }

    private BoundModel model(String table) {
        return crud.models().table(table);
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    private <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    // ---- get ---------------------------------------------------------------------------------------------------------

    /** The full entity, as Zou's {@code GET /data/<kind>s/<id>}. */
    public Map<String, Object> get(Caller caller, EntityKind kind, String id) {
        return read(caller, ctx -> {
            Row row = loadTyped(ctx, kind, id);
            UUID projectId = (UUID) row.get("project_id");
            requireProjectAccess(ctx.access(), projectId);
            requireEntityAccess(ctx, row.id());
            return switch (kind) {
                case ASSET -> fullAsset(ctx, row);
                case SHOT -> fullShot(ctx, row);
                case SEQUENCE, SCENE -> withParentNames(ctx, row, kind == EntityKind.SCENE);
                case EDIT -> views.withTasks(ctx, kind, List.of(Filter.eq("id", row.id())), null).get(0);
                case CONCEPT -> {
                    Map<String, Object> concept = views.withTasks(ctx, kind, List.of(Filter.eq("id", row.id())),
                            null).get(0);
                    concept.putAll(serialize(ctx, row, true, ModelHooks.View.GET));
                    yield concept;
                }
                default -> withProjectName(ctx, row);
            };
        });
    }

    private Map<String, Object> fullAsset(HookContext ctx, Row row) throws SQLException {
        Map<String, Object> asset = serialize(ctx, row, true, ModelHooks.View.GET);
        asset.put("project_name", projectName(ctx, (UUID) row.get("project_id")));
        asset.put("asset_type_id", row.get("entity_type_id").toString());
        asset.put("asset_type_name", typeName(ctx, (UUID) row.get("entity_type_id")));
        asset.remove("source_id");
        asset.remove("nb_frames");
        asset.putAll(withTasksOf(ctx, EntityKind.ASSET, row));
        return asset;
    }

    private Map<String, Object> fullShot(HookContext ctx, Row row) throws SQLException {
        Map<String, Object> shot = row.get("parent_id") == null ? new LinkedHashMap<>()
                : withTasksOf(ctx, EntityKind.SHOT, row);
        if (shot.isEmpty()) {
            throw ZouException.notFound(); // Zou's view joins the sequence: a shot without one is not found
        }
        shot.putAll(serialize(ctx, row, true, ModelHooks.View.GET));
        return shot;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> withTasksOf(HookContext ctx, EntityKind kind, Row row) throws SQLException {
        WithTasks.Spec spec = new WithTasks.Spec(kind, ctx.caller().personId(), row.id(), null, null, null, null,
                null, kind == EntityKind.SHOT ? (UUID) row.get("entity_type_id") : null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = crud.jsonForm().mapper().getFactory().createGenerator(out)) {
            withTasks.write(ctx.tx(), spec, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<Map<String, Object>> rows = crud.jsonForm().mapper().readValue(out.toByteArray(), List.class);
            return rows.isEmpty() ? new LinkedHashMap<>() : new LinkedHashMap<>(rows.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> withProjectName(HookContext ctx, Row row) throws SQLException {
        Map<String, Object> m = serialize(ctx, row, false, ModelHooks.View.GET);
        m.put("project_name", projectName(ctx, (UUID) row.get("project_id")));
        return m;
    }

    /** Sequence: project and episode names; scene: project, sequence and episode names. */
    private Map<String, Object> withParentNames(HookContext ctx, Row row, boolean scene) throws SQLException {
        Map<String, Object> m = withProjectName(ctx, row);
        Row episodeParent = row;
        if (scene) {
            Row sequence = ctx.tx().byId("entity", (UUID) row.get("parent_id"));
            if (sequence == null) {
                throw ZouException.notFound();
            }
            m.put("sequence_id", sequence.id().toString());
            m.put("sequence_name", sequence.get("name"));
            episodeParent = sequence;
        }
        UUID episodeId = (UUID) episodeParent.get("parent_id");
        if (episodeId != null) {
            Row episode = ctx.tx().byId("entity", episodeId);
            if (episode != null) {
                m.put("episode_id", episode.id().toString());
                m.put("episode_name", episode.get("name"));
            }
        }
        return m;
    }

    // ---- lists -------------------------------------------------------------------------------------------------------

    /** {@code GET /data/assets}, {@code /data/shots}, {@code /data/sequences}, {@code /data/episodes}, ... */
    public List<Map<String, Object>> list(Caller caller, EntityKind kind, Query query) {
        return read(caller, ctx -> {
            Map<String, String> criteria = criteria(query);
            List<Filter> filters = new ArrayList<>();
            if (kind == EntityKind.SHOT || kind == EntityKind.SCENE) {
                String sequenceId = criteria.remove("sequence_id");
                if (sequenceId != null) {
                    Row sequence = loadTyped(ctx, EntityKind.SEQUENCE, sequenceId);
                    criteria.put("project_id", sequence.get("project_id").toString());
                    criteria.put("parent_id", sequence.id().toString());
                }
            }
            if (kind == EntityKind.SEQUENCE) {
                String episodeId = criteria.remove("episode_id");
                if (episodeId != null) {
                    Row episode = loadTyped(ctx, EntityKind.EPISODE, episodeId);
                    criteria.put("project_id", episode.get("project_id").toString());
                    criteria.put("parent_id", episode.id().toString());
                }
            }
            UUID projectId = criteria.containsKey("project_id") ? parseCriterionId(criteria.get("project_id")) : null;
            if (kind == EntityKind.ASSET) {
                String episodeId = criteria.remove("episode_id");
                if (projectId == null && episodeId != null) {
                    projectId = (UUID) loadTyped(ctx, EntityKind.EPISODE, episodeId).get("project_id");
                }
                if (projectId != null) {
                    requireProjectAccess(ctx.access(), projectId);
                } else if (!ctx.caller().isAdmin()) {
                    filters.add(Scopes.teamProjects(ctx.access(), "project_id", false));
                }
                if (episodeId != null) {
                    UUID ep = parseCriterionId(episodeId);
                    filters.add(Filter.or(Filter.eq("source_id", ep), Filter.sub("id", "entity_link", "entity_out_id",
                            Filter.eq("entity_in_id", ep))));
                }
            } else {
                requireProjectAccess(ctx.access(), projectId);
            }
            if (isVendor(ctx) && kind != EntityKind.ASSET && kind != EntityKind.SHOT && kind != EntityKind.SCENE
                    && kind != EntityKind.EDIT && kind != EntityKind.CONCEPT) {
                if (projectId == null) {
                    return List.of();
                }
                filters.add(assignedEntities(ctx, kind));
            } else if (isVendor(ctx) || criteria.remove("assigned_to") != null) {
                filters.add(Filter.sub("id", "task", "entity_id", Scopes.assignedTasks(ctx.access(), "id")));
            }
            criteria.remove("assigned_to");
            filters.addAll(kindFilter(ctx, kind));
            filters.addAll(columnFilters(criteria));
            List<Row> rows = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0,
                    0);
            return decorateList(ctx, kind, rows, kind != EntityKind.SEQUENCE && kind != EntityKind.EPISODE);
        });
    }

    /** {@code GET /data/projects/<id>/<kind>s}. */
    public List<Map<String, Object>> projectList(Caller caller, EntityKind kind, String projectIdText, Query query) {
        UUID projectId = parsePathId(projectIdText);
        return read(caller, ctx -> {
            requireProjectExists(ctx.tx(), projectId);
            requireProjectAccess(ctx.access(), projectId);
            Map<String, String> criteria = kind == EntityKind.ASSET ? criteria(query) : new HashMap<>();
            criteria.remove("project_id");
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("project_id", projectId));
            filters.addAll(kindFilter(ctx, kind));
            if (kind == EntityKind.ASSET) {
                String episodeId = criteria.remove("episode_id");
                if (episodeId != null) {
                    UUID ep = parseCriterionId(episodeId);
                    filters.add(Filter.or(Filter.eq("source_id", ep), Filter.sub("id", "entity_link", "entity_out_id",
                            Filter.eq("entity_in_id", ep))));
                }
                criteria.remove("assigned_to");
                filters.addAll(columnFilters(criteria));
            }
            if (isVendor(ctx)) {
                filters.add(kind == EntityKind.EPISODE || kind == EntityKind.SEQUENCE ? assignedEntities(ctx, kind)
                        : Filter.sub("id", "task", "entity_id", Scopes.assignedTasks(ctx.access(), "id")));
            }
            List<Row> rows = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0,
                    0);
            return decorateList(ctx, kind, rows, kind == EntityKind.ASSET);
        });
    }

    /** {@code GET /data/projects/<id>/asset-types/<type_id>/assets}. */
    public List<Map<String, Object>> projectTypeAssets(Caller caller, String projectIdText, String typeIdText,
                                                      Query query) {
        UUID typeId = parsePathId(typeIdText);
        Map<String, List<String>> params = new LinkedHashMap<>(query.params());
        params.put("entity_type_id", List.of(typeId.toString()));
        return projectList(caller, EntityKind.ASSET, projectIdText, Query.of(params));
    }

    /** Children of an entity: an episode's sequences/shots/edits, a sequence's shots/scenes. */
    public List<Map<String, Object>> children(Caller caller, EntityKind parentKind, String parentIdText,
                                              EntityKind childKind, Query query) {
        return read(caller, ctx -> {
            Row parent = loadTyped(ctx, parentKind, parentIdText);
            UUID projectId = (UUID) parent.get("project_id");
            requireProjectAccess(ctx.access(), projectId);
            List<Filter> filters = new ArrayList<>(kindFilter(ctx, childKind));
            if (parentKind == EntityKind.EPISODE && childKind == EntityKind.SHOT) {
                filters.add(Filter.sub("parent_id", "entity", "id", Filter.eq("parent_id", parent.id())));
            } else {
                filters.add(Filter.eq("parent_id", parent.id()));
            }
            if (isVendor(ctx)) {
                filters.add(childKind == EntityKind.SEQUENCE ? assignedEntities(ctx, childKind)
                        : Filter.sub("id", "task", "entity_id", Scopes.assignedTasks(ctx.access(), "id")));
            }
            List<Row> rows = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0,
                    0);
            return decorateList(ctx, childKind, rows, childKind == EntityKind.SHOT
                    && parentKind == EntityKind.SEQUENCE);
        });
    }

    /**
     * Serializes a list; {@code names} adds Zou's joined names (assets: project and asset type names; shots and
     * scenes: project and sequence names).
     */
    private List<Map<String, Object>> decorateList(HookContext ctx, EntityKind kind, List<Row> rows, boolean names)
            throws SQLException {
        List<Map<String, Object>> out = crud.serialize(ctx, model("entity"), rows, false, ModelHooks.View.LIST);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> m = out.get(i);
            m.put("type", kind.typeName());
            if (!names) {
                continue;
            }
            Row r = rows.get(i);
            m.put("project_name", projectName(ctx, (UUID) r.get("project_id")));
            if (kind == EntityKind.ASSET) {
                m.put("asset_type_name", typeName(ctx, (UUID) r.get("entity_type_id")));
            } else if (kind == EntityKind.SHOT || kind == EntityKind.SCENE) {
                m.put("sequence_name", entityName(ctx, (UUID) r.get("parent_id")));
            }
        }
        return out;
    }

    // ---- create ------------------------------------------------------------------------------------------------------

    /** {@code POST /data/projects/<id>/asset-types/<type_id>/assets/new} (manager). */
    public Map<String, Object> newAsset(Caller caller, String projectIdText, String typeIdText,
                                        Map<String, Object> body) {
        UUID projectId = parsePathId(projectIdText);
        UUID typeId = parsePathId(typeIdText);
        Map<String, Object> b = requireBody(body);
        String name = requiredName(b);
        return write(caller, ctx -> {
            requireManager(ctx.access(), projectId);
            Row type = ctx.tx().byId("entity_type", typeId);
            if (type == null || TEMPORAL.contains((String) type.get("name"))) {
                throw ZouException.notFound("Asset type not found");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("project_id", projectId);
            values.put("entity_type_id", typeId);
            values.put("name", name);
            values.put("description", stringOr(b.get("description"), ""));
            values.put("data", dataOr(b.get("data")));
            values.put("is_shared", Boolean.TRUE.equals(b.get("is_shared")));
            Object episode = b.get("episode_id");
            if (episode instanceof String s && s.length() >= 36) { // Zou drops shorter ids
                values.put("source_id", parseBodyId(s, "episode_id"));
            }
            Row created = insert(ctx, values);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("asset_id", created.id().toString());
            event.put("asset_type", typeId.toString());
            ctx.events().emit("asset:new", event, projectId);
            return typed(serialize(ctx, created, false, ModelHooks.View.GET), EntityKind.ASSET);
        });
    }

    /**
     * {@code POST /data/projects/<id>/episodes|sequences|shots|scenes|edits|concepts} (manager): Zou finds an existing
     * entity with the same name and parent instead of creating a second one (no event then).
     */
    public Map<String, Object> create(Caller caller, EntityKind kind, String projectIdText, Map<String, Object> body) {
        if (kind == EntityKind.ASSET) {
            throw ZouException.wrongParameter("Assets are created with /data/projects/<id>/asset-types/<id>/assets/new");
        }
        UUID projectId = parsePathId(projectIdText);
        Map<String, Object> b = requireBody(body);
        String name = requiredName(b);
        return write(caller, ctx -> {
            requireProjectExists(ctx.tx(), projectId);
            if (kind == EntityKind.CONCEPT) { // Zou: any team member but vendors and clients
                requireProjectAccess(ctx.access(), projectId);
                if (isVendor(ctx) || !ctx.caller().isAdmin() && "client".equals(ctx.caller().role())) {
                    throw ZouException.forbidden();
                }
            } else {
                requireManager(ctx.access(), projectId);
            }
            UUID typeId = typeIdCreating(ctx, kind.typeName());
            UUID parentId = null;
            Row parent = null;
            String parentKey = switch (kind) {
                case SEQUENCE, EDIT -> kind == EntityKind.EDIT ? "parent_id" : "episode_id";
                case SHOT, SCENE -> "sequence_id";
                default -> null;
            };
            if (kind == EntityKind.EDIT && b.get("parent_id") == null && b.get("episode_id") != null) {
                parentKey = "episode_id";
            }
            if (parentKey != null && b.get(parentKey) != null && !"".equals(b.get(parentKey))) {
                parentId = parseBodyId(b.get(parentKey), parentKey);
                parent = ctx.tx().byId("entity", parentId);
                EntityKind parentKind = kind == EntityKind.SHOT || kind == EntityKind.SCENE ? EntityKind.SEQUENCE
                        : EntityKind.EPISODE;
                if (parent == null || kindOf(ctx, parent) != parentKind
                        || !projectId.equals(parent.get("project_id"))) {
                    throw ZouException.notFound(parentKind.typeName() + " not found");
                }
            }
            List<Filter> same = new ArrayList<>(List.of(Filter.eq("entity_type_id", typeId),
                    Filter.eq("project_id", projectId), Filter.eq("name", name)));
            if (kind != EntityKind.EPISODE && kind != EntityKind.CONCEPT) {
                same.add(parentId == null ? new Filter.IsNull("parent_id") : Filter.eq("parent_id", parentId));
            }
            List<Row> existing = ctx.tx().select("entity", same);
            if (!existing.isEmpty()) {
                return typed(serialize(ctx, existing.get(0), false, ModelHooks.View.GET), kind);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("project_id", projectId);
            values.put("entity_type_id", typeId);
            values.put("name", name);
            values.put("parent_id", parentId);
            switch (kind) {
                case EPISODE -> {
                    Object status = b.get("status");
                    values.put("status", status instanceof String s && Choices.ENTITY_STATUSES.contains(s) ? s
                            : "running");
                    values.put("description", stringOr(b.get("description"), ""));
                    values.put("data", dataOr(b.get("data")));
                }
                case SEQUENCE -> {
                    values.put("description", stringOr(b.get("description"), ""));
                    values.put("data", dataOr(b.get("data")));
                }
                case SHOT -> {
                    values.put("description", b.get("description") instanceof String s ? s : null);
                    values.put("data", dataOr(b.get("data")));
                    values.put("nb_frames", b.get("nb_frames") == null ? 0 : intValue(b.get("nb_frames"), "nb_frames"));
                }
                case SCENE -> values.put("data", dataOr(null));
                case CONCEPT -> {
                    values.put("description", b.get("description") instanceof String s ? s : null);
                    values.put("data", dataOr(b.get("data")));
                }
                default -> {
                    values.put("description", stringOr(b.get("description"), ""));
                    values.put("data", dataOr(b.get("data")));
                }
            }
            Row created = insert(ctx, values);
            if (kind == EntityKind.CONCEPT) {
                linkConcepts(ctx, created.id(), b.get("entity_concept_links"));
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put(kind.eventPrefix() + "_id", created.id().toString());
            if (kind == EntityKind.EDIT) {
                event.put("parent_id", parentId == null ? null : parentId.toString());
            }
            if (kind == EntityKind.SHOT) {
                Object episodeId = parent == null ? null : parent.get("parent_id");
                event.put("episode_id", episodeId == null ? null : episodeId.toString());
            }
            ctx.events().emit(kind.eventPrefix() + ":new", event, projectId);
            return typed(serialize(ctx, created, false, ModelHooks.View.GET), kind);
        });
    }

    /** Links a new concept to the entities it depicts (ids or {@code {"id": ...}}; unknown ids are skipped). */
    private static void linkConcepts(HookContext ctx, UUID conceptId, Object links) throws SQLException {
        if (!(links instanceof List<?> list)) {
            return;
        }
        for (Object o : list) {
            Object raw = o instanceof Map<?, ?> m ? m.get("id") : o;
            UUID id = raw == null ? null : Values.tryParseId(raw.toString());
            if (id == null || ctx.tx().byId("entity", id) == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", UUID.randomUUID());
            row.put("created_at", ctx.now());
            row.put("updated_at", ctx.now());
            row.put("entity_in_id", conceptId);
            row.put("entity_out_id", id);
            ctx.tx().insert("entity_concept_link", row);
        }
    }

    private Row insert(HookContext ctx, Map<String, Object> values) throws SQLException {
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.putAll(values);
        row.put("created_by", ctx.caller().personId());
        ctx.tx().insert("entity", row);
        return ctx.tx().byId("entity", id);
    }

    // ---- update ------------------------------------------------------------------------------------------------------

    /** {@code PUT /data/shots/<id>} (manager): Zou's protected fields are dropped; answers the shot. */
    public Map<String, Object> updateShot(Caller caller, String shotIdText, Map<String, Object> body) {
        if (body == null) {
            throw ZouException.wrongParameter("Data are empty. Please verify that you sent JSON data and that you "
                    + "set the right headers.");
        }
        Map<String, Object> changes = new LinkedHashMap<>(body);
        SHOT_PUT_DROPPED.forEach(changes::remove);
        return write(caller, ctx -> {
            Row shot = loadTyped(ctx, EntityKind.SHOT, shotIdText);
            requireManager(ctx.access(), (UUID) shot.get("project_id"));
            Map<String, Object> values = new LinkedHashMap<>();
            BoundModel m = model("entity");
            for (Map.Entry<String, Object> e : changes.entrySet()) {
                Column column = m.table().column(e.getKey());
                if (column == null) {
                    throw ZouException.plain(ErrorCode.UNKNOWN_FIELD, "'" + e.getKey()
                            + "' is an invalid keyword argument for Entity");
                }
                values.put(e.getKey(), crud.values().fromJson(column, e.getValue()));
            }
            if (values.containsKey("name") && values.get("name") == null) {
                throw ZouException.plain(ErrorCode.MISSING_FIELD, "A required field is missing.",
                        Map.of("fields", List.of("name")));
            }
            values.put("updated_at", ctx.now());
            ctx.tx().updateById("entity", shot.id(), values);
            Row after = ctx.tx().byId("entity", shot.id());
            ctx.events().emit("shot:update", Map.of("shot_id", shot.id().toString()), (UUID) shot.get("project_id"));
            return serialize(ctx, after, false, ModelHooks.View.GET);
        });
    }

    // ---- delete ------------------------------------------------------------------------------------------------------

    /**
     * Zou's deletes. Assets and shots with tasks are only canceled unless {@code force} (then their tasks go too);
     * sequences take their shots and scenes with {@code force}, else refuse while referenced; episodes likewise;
     * scenes are deleted or, when referenced, canceled. The creator of the entity needs only to be in its team.
     */
    public void delete(Caller caller, EntityKind kind, String idText, boolean force) {
        write(caller, ctx -> {
            Row row = loadTyped(ctx, kind, idText);
            UUID projectId = (UUID) row.get("project_id");
            UUID me = ctx.caller().personId();
            if (me != null && me.equals(row.get("created_by")) && kind != EntityKind.SEQUENCE) {
                requireProjectAccess(ctx.access(), projectId);
            } else {
                requireManager(ctx.access(), projectId);
            }
            String idKey = kind.eventPrefix() + "_id";
            Map<String, Object> event = Map.of(idKey, row.id().toString());
            List<Object> taskIds = ctx.tx().column("task", "id", List.of(Filter.eq("entity_id", row.id())));
            switch (kind) {
                case ASSET, SHOT, EDIT, CONCEPT -> {
                    if (!taskIds.isEmpty() && !force) {
                        ctx.tx().updateById("entity", row.id(), Map.of("canceled", true, "updated_at", ctx.now()));
                        ctx.events().emit(kind.eventPrefix() + ":update", event, projectId);
                    } else {
                        Cascades.deleteTasks(ctx.tx(), taskIds);
                        Cascades.deleteEntities(ctx.tx(), List.of(row.id()));
                        ctx.events().emit(kind.eventPrefix() + ":delete", event, projectId);
                    }
                }
                case SEQUENCE, EPISODE -> {
                    if (force) {
                        deleteTree(ctx, row.id());
                    }
                    refuseIfReferenced(ctx, row, taskIds);
                    Cascades.deleteEntities(ctx.tx(), List.of(row.id()));
                    ctx.events().emit(kind.eventPrefix() + ":delete", event, projectId);
                }
                case SCENE -> {
                    if (!taskIds.isEmpty() || ctx.tx().exists("entity", List.of(Filter.eq("parent_id", row.id())))) {
                        ctx.tx().updateById("entity", row.id(), Map.of("canceled", true, "updated_at", ctx.now()));
                    } else {
                        Cascades.deleteEntities(ctx.tx(), List.of(row.id()));
                    }
                    ctx.events().emit("scene:delete", event, projectId);
                }
                default -> throw new IllegalStateException(kind.name());
            }
            return null;
        });
    }

    /** Removes the children of an entity (recursively), their tasks and the entity's own tasks. */
    private void deleteTree(HookContext ctx, UUID id) throws SQLException {
        for (Row child : ctx.tx().select("entity", List.of(Filter.eq("parent_id", id)))) {
            deleteTree(ctx, child.id());
            Cascades.deleteEntities(ctx.tx(), List.of(child.id()));
            EntityKind childKind = kindOf(ctx, child);
            ctx.events().emit(childKind.eventPrefix() + ":delete", Map.of(childKind.eventPrefix() + "_id",
                    child.id().toString()), (UUID) child.get("project_id"));
        }
        Cascades.deleteTasks(ctx.tx(), ctx.tx().column("task", "id", List.of(Filter.eq("entity_id", id))));
        ctx.tx().delete("schedule_item", List.of(Filter.eq("object_id", id)));
    }

    private static void refuseIfReferenced(HookContext ctx, Row row, List<Object> taskIds) throws SQLException {
        if (!taskIds.isEmpty() && ctx.tx().exists("task", List.of(Filter.eq("entity_id", row.id())))
                || ctx.tx().exists("entity", List.of(Filter.eq("parent_id", row.id())))) {
            throw ZouException.badRequest(ErrorCode.REFERENCED, "Some data are still linked to this "
                    + EntityService.kindName(ctx, row) + ".");
        }
    }

    private static String kindName(HookContext ctx, Row row) throws SQLException {
        return kindOf(ctx, row).eventPrefix();
    }

    // ---- tasks -------------------------------------------------------------------------------------------------------

    /** {@code GET /data/<kind>s/<id>/tasks}: the entity's tasks with Zou's joined names. */
    public List<Map<String, Object>> tasks(Caller caller, EntityKind kind, String idText, Query query) {
        boolean relations = query.flag("relations");
        return read(caller, ctx -> {
            Row entity = loadTyped(ctx, kind, idText);
            requireProjectAccess(ctx.access(), (UUID) entity.get("project_id"));
            requireEntityAccess(ctx, entity.id());
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("entity_id", entity.id()));
            if (isVendor(ctx)) {
                filters.add(Scopes.assignedTasks(ctx.access(), "id"));
            }
            List<Row> rows = ctx.tx().select("task", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0, 0);
            return detailedTasks(ctx, rows, relations, entity);
        });
    }

    /** Shot tasks under a sequence or an episode ({@code .../shot-tasks}), or asset tasks of an episode. */
    public List<Map<String, Object>> descendantTasks(Caller caller, EntityKind parentKind, String idText,
                                                     EntityKind childKind, Query query) {
        boolean relations = query.flag("relations");
        return read(caller, ctx -> {
            Row parent = loadTyped(ctx, parentKind, idText);
            requireProjectAccess(ctx.access(), (UUID) parent.get("project_id"));
            requireEntityAccess(ctx, parent.id());
            Filter entities;
            if (childKind == EntityKind.ASSET) {
                entities = Filter.sub("entity_id", "entity", "id", Filter.eq("source_id", parent.id()));
            } else if (childKind == EntityKind.EDIT) {
                if (isVendor(ctx)) {
                    throw ZouException.forbidden(); // Zou refuses vendors here
                }
                entities = Filter.sub("entity_id", "entity", "id", Filter.and(kindFilter(ctx, childKind)),
                        Filter.eq("parent_id", parent.id()));
            } else if (parentKind == EntityKind.EPISODE) {
                entities = Filter.sub("entity_id", "entity", "id", Filter.and(kindFilter(ctx, childKind)),
                        Filter.sub("parent_id", "entity", "id", Filter.eq("parent_id", parent.id())));
            } else {
                entities = Filter.sub("entity_id", "entity", "id", Filter.and(kindFilter(ctx, childKind)),
                        Filter.eq("parent_id", parent.id()));
            }
            List<Filter> filters = new ArrayList<>(List.of(entities));
            if (isVendor(ctx)) {
                filters.add(Scopes.assignedTasks(ctx.access(), "id"));
            }
            List<Row> rows = ctx.tx().select("task", filters, List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0, 0);
            return detailedTasks(ctx, rows, relations, null);
        });
    }

    private List<Map<String, Object>> detailedTasks(HookContext ctx, List<Row> rows, boolean relations, Row entity)
            throws SQLException {
        List<Map<String, Object>> out = crud.serialize(ctx, model("task"), rows, false, ModelHooks.View.LIST);
        for (int i = 0; i < rows.size(); i++) {
            Row t = rows.get(i);
            Map<String, Object> m = out.get(i);
            Row e = entity != null ? entity : ctx.access().row("entity", (UUID) t.get("entity_id"));
            m.put("project_name", projectName(ctx, (UUID) t.get("project_id")));
            m.put("task_type_name", name(ctx, "task_type", (UUID) t.get("task_type_id")));
            m.put("task_status_name", name(ctx, "task_status", (UUID) t.get("task_status_id")));
            m.put("entity_type_name", e == null ? null : typeName(ctx, (UUID) e.get("entity_type_id")));
            m.put("entity_name", e == null ? null : e.get("name"));
            if (relations) {
                List<String> assignees = new ArrayList<>();
                for (Object p : ctx.tx().column("task_person_link", "person_id",
                        List.of(Filter.eq("task_id", t.id())))) {
                    assignees.add(p.toString());
                }
                m.put("assignees", assignees);
            }
        }
        return out;
    }

    /** {@code GET /data/<kind>s/<id>/task-types}: the task types of the entity's tasks (of its shots: sequence). */
    public List<Map<String, Object>> taskTypes(Caller caller, EntityKind kind, String idText) {
        return read(caller, ctx -> {
            Row entity = loadTyped(ctx, kind, idText);
            requireProjectAccess(ctx.access(), (UUID) entity.get("project_id"));
            requireEntityAccess(ctx, entity.id());
            Filter tasks = kind == EntityKind.SEQUENCE
                    ? Filter.sub("id", "task", "task_type_id", Filter.sub("entity_id", "entity", "id",
                    Filter.eq("parent_id", entity.id())))
                    : Filter.sub("id", "task", "task_type_id", Filter.eq("entity_id", entity.id()));
            List<Row> rows = ctx.tx().select("task_type", List.of(tasks), List.of(Tx.Order.asc("name")), 0, 0);
            return crud.serialize(ctx, model("task_type"), rows, false, ModelHooks.View.LIST);
        });
    }

    // ---- with tasks --------------------------------------------------------------------------------------------------

    /**
     * {@code GET /data/assets/with-tasks} and {@code /data/shots/with-tasks}: parameters and access are checked here,
     * then the answer streams from a read transaction the returned stream owns.
     */
    public JsonStream withTasks(Caller caller, EntityKind kind, Query query) {
        if (kind != EntityKind.ASSET && kind != EntityKind.SHOT) {
            List<Map<String, Object>> rows = smallWithTasks(caller, kind, criteria(query));
            return listStream(rows);
        }
        Map<String, String> criteria = criteria(query);
        UUID id = criteria.containsKey("id") ? parseCriterionId(criteria.get("id")) : null;
        UUID projectId = criteria.containsKey("project_id") ? parseCriterionId(criteria.get("project_id")) : null;
        String episode = criteria.get("episode_id");
        if (episode != null && !episode.equals("main") && !episode.equals("all")) {
            parseCriterionId(episode);
        }
        UUID assetTypeId = kind == EntityKind.ASSET && criteria.containsKey("asset_type_id")
                ? parseCriterionId(criteria.get("asset_type_id")) : null;
        Database.ReadTx readTx = crud.database().openReadTx();
        try {
            HookContext ctx = crud.context(caller, readTx.tx(), null);
            UUID checkProject = projectId;
            if (checkProject == null && episode != null && !episode.equals("main") && !episode.equals("all")) {
                checkProject = (UUID) loadTyped(ctx, EntityKind.EPISODE, episode).get("project_id");
            }
            if (checkProject != null || kind == EntityKind.SHOT) {
                requireProjectAccess(ctx.access(), checkProject);
            }
            UUID shotType = kind == EntityKind.SHOT ? typeId(ctx, "Shot") : null;
            boolean vendor = isVendor(ctx) || criteria.containsKey("assigned_to");
            UUID me = caller.personId();
            WithTasks.Spec spec = new WithTasks.Spec(kind, me, id, projectId, episode, assetTypeId,
                    caller.isAdmin() ? null : me, vendor ? me : null, shotType);
            if (kind == EntityKind.SHOT && shotType == null) {
                readTx.close();
                return emptyStream();
            }
            return new JsonStream() {
                @Override
                public void writeJson(OutputStream out) {
                    try (readTx; JsonGenerator g = crud.jsonForm().mapper().getFactory().createGenerator(out)) {
                        withTasks.write(readTx.tx(), spec, g);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (SQLException e) {
                        throw Database.translate(e);
                    }
                }

                @Override
                public void close() {
                    readTx.close();
                }
            };
        } catch (SQLException e) {
            readTx.close();
            throw Database.translate(e);
        } catch (RuntimeException e) {
            readTx.close();
            throw e;
        }
    }

    /** With-tasks views of edits, concepts, sequences, episodes and scenes (built in memory: they are small). */
    private List<Map<String, Object>> smallWithTasks(Caller caller, EntityKind kind, Map<String, String> criteria) {
        UUID id = criteria.containsKey("id") ? parseCriterionId(criteria.get("id")) : null;
        UUID projectId = criteria.containsKey("project_id") ? parseCriterionId(criteria.get("project_id")) : null;
        String episode = criteria.get("episode_id");
        if ("all".equals(episode) && kind != EntityKind.EDIT) {
            return List.of();
        }
        UUID episodeId = episode == null ? null : parseCriterionId(episode);
        return read(caller, ctx -> {
            requireProjectAccess(ctx.access(), projectId);
            List<Filter> filters = new ArrayList<>(kindFilter(ctx, kind));
            filters.add(Filter.eq("project_id", projectId));
            if (id != null) {
                filters.add(Filter.eq("id", id));
            }
            if (episodeId != null) {
                filters.add(Filter.eq("parent_id", episodeId));
            }
            boolean assigned = isVendor(ctx) || criteria.containsKey("assigned_to");
            return views.withTasks(ctx, kind, filters, assigned ? ctx.caller().personId() : null);
        });
    }

    private JsonStream listStream(Object body) {
        return new JsonStream() {
            @Override
            public void writeJson(OutputStream out) {
                try {
                    crud.jsonForm().mapper().writeValue(out, body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** {@code GET /data/<kind>s/<id>/preview-files}: task type id → previews (newest revision first). */
    public Map<String, Object> previewFiles(Caller caller, EntityKind kind, String idText) {
        return read(caller, ctx -> {
            Row entity = kind == null ? loadAny(ctx, idText) : loadTyped(ctx, kind, idText);
            requireProjectAccess(ctx.access(), (UUID) entity.get("project_id"));
            requireEntityAccess(ctx, entity.id());
            return views.previewFiles(ctx, entity.id());
        });
    }

    /** {@code GET /data/shots/<id>/versions}: the shot's versions, newest first ({@code ShotVersion}). */
    public List<Map<String, Object>> versions(Caller caller, EntityKind kind, String idText) {
        return read(caller, ctx -> {
            Row entity = loadTyped(ctx, kind, idText);
            requireProjectAccess(ctx.access(), (UUID) entity.get("project_id"));
            requireEntityAccess(ctx, entity.id());
            List<Row> rows = ctx.tx().select("entity_version", List.of(Filter.eq("entity_id", entity.id())),
                    List.of(Tx.Order.desc("created_at")), 0, 0);
            List<Map<String, Object>> out = crud.serialize(ctx, model("entity_version"), rows, false,
                    ModelHooks.View.LIST);
            out.forEach(m -> m.put("type", kind.typeName() + "Version"));
            return out;
        });
    }

    /** Any entity by id (404 for a malformed or unknown id). */
    Row loadAny(HookContext ctx, String idText) throws SQLException {
        UUID id = idText == null ? null : Values.tryParseId(idText);
        Row row = id == null ? null : ctx.tx().byId("entity", id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    private static JsonStream emptyStream() {
        return new JsonStream() {
            @Override
            public void writeJson(OutputStream out) {
                try {
                    out.write("[]".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    // ---- kinds and lookups -------------------------------------------------------------------------------------------

    /** The entity with {@code idText} if it is of {@code kind}; 404 for a malformed, unknown or other-kind id. */
    Row loadTyped(HookContext ctx, EntityKind kind, String idText) throws SQLException {
        UUID id = idText == null ? null : Values.tryParseId(idText);
        if (id == null) {
            throw ZouException.notFound();
        }
        Row row = ctx.tx().byId("entity", id);
        if (row == null || kindOf(ctx, row) != kind) {
            throw ZouException.notFound();
        }
        return row;
    }

    static EntityKind kindOf(HookContext ctx, Row row) throws SQLException {
        String name = typeName(ctx, (UUID) row.get("entity_type_id"));
        if (name != null) {
            for (EntityKind k : EntityKind.values()) {
                if (k != EntityKind.ASSET && k.typeName().equals(name)) {
                    return k;
                }
            }
        }
        return EntityKind.ASSET;
    }

    private List<Filter> kindFilter(HookContext ctx, EntityKind kind) throws SQLException {
        if (kind == EntityKind.ASSET) {
            return List.of(Filter.not(Filter.sub("entity_type_id", "entity_type", "id", Filter.in("name", TEMPORAL))));
        }
        UUID typeId = typeId(ctx, kind.typeName());
        return List.of(typeId == null ? new Filter.None() : Filter.eq("entity_type_id", typeId));
    }

    private static UUID typeId(HookContext ctx, String name) throws SQLException {
        List<Object> ids = ctx.tx().column("entity_type", "id", List.of(Filter.eq("name", name)));
        return ids.isEmpty() ? null : (UUID) ids.get(0);
    }

    private static UUID typeIdCreating(HookContext ctx, String name) throws SQLException {
        UUID id = typeId(ctx, name);
        if (id != null) {
            return id;
        }
        id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", name);
        ctx.tx().insert("entity_type", row);
        return id;
    }

    /** Entities of an episode/sequence kind that hold (through shots or assets) a task assigned to the caller. */
    private Filter assignedEntities(HookContext ctx, EntityKind kind) {
        Filter myTaskEntities = Filter.sub("id", "task", "entity_id", Scopes.assignedTasks(ctx.access(), "id"));
        Filter shotParents = Filter.sub("id", "entity", "parent_id", myTaskEntities);
        if (kind == EntityKind.SEQUENCE) {
            return shotParents;
        }
        return Filter.or(Filter.sub("id", "entity", "parent_id", shotParents),
                Filter.sub("id", "entity", "source_id", myTaskEntities));
    }

    private static String typeName(HookContext ctx, UUID typeId) throws SQLException {
        return name(ctx, "entity_type", typeId);
    }

    private static String projectName(HookContext ctx, UUID projectId) throws SQLException {
        return name(ctx, "project", projectId);
    }

    private static String entityName(HookContext ctx, UUID id) throws SQLException {
        return name(ctx, "entity", id);
    }

    private static String name(HookContext ctx, String table, UUID id) throws SQLException {
        Row r = ctx.access().row(table, id);
        return r == null ? null : (String) r.get("name");
    }

    private Map<String, Object> serialize(HookContext ctx, Row row, boolean relations, ModelHooks.View view)
            throws SQLException {
        return crud.serialize(ctx, model("entity"), List.of(row), relations, view).get(0);
    }

    private static Map<String, Object> typed(Map<String, Object> m, EntityKind kind) {
        m.put("type", kind.typeName());
        return m;
    }

    // ---- access ------------------------------------------------------------------------------------------------------

    /** Zou's {@code check_project_access}: admin, or a member of the project's team; 403 otherwise (also for none). */
    static void requireProjectAccess(AccessContext access, UUID projectId) throws SQLException {
        if (access.isAdmin()) {
            return;
        }
        if (projectId == null || access.row("project", projectId) == null || !access.inTeam(projectId)) {
            throw ZouException.forbidden();
        }
    }

    /** Zou's {@code check_manager_project_access}: admin, or a manager in the project's team. */
    static void requireManager(AccessContext access, UUID projectId) throws SQLException {
        if (access.isAdmin()) {
            return;
        }
        if (projectId == null || access.row("project", projectId) == null || !access.inTeam(projectId)
                || !"manager".equals(access.projectRole(projectId))) {
            throw ZouException.forbidden();
        }
    }

    /** Zou's {@code check_entity_access}: a vendor must be assigned to a task of the entity. */
    private static void requireEntityAccess(HookContext ctx, UUID entityId) throws SQLException {
        if (isVendor(ctx) && !ctx.access().workingOnEntity(entityId)) {
            throw ZouException.forbidden();
        }
    }

    private static boolean isVendor(HookContext ctx) {
        return !ctx.caller().isAdmin() && "vendor".equals(ctx.caller().role());
    }

    private static void requireProjectExists(Tx tx, UUID projectId) throws SQLException {
        if (tx.byId("project", projectId) == null) {
            throw ZouException.notFound();
        }
    }

    // ---- parameters --------------------------------------------------------------------------------------------------

    private static Map<String, String> criteria(Query query) {
        Map<String, String> c = new LinkedHashMap<>();
        query.params().forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("page") && !k.equals("limit") && !k.equals("relations")) {
                c.put(k, v.get(0));
            }
        });
        return c;
    }

    /** Equality filters on entity columns; unknown keys are ignored, as Zou's criterions are. */
    private List<Filter> columnFilters(Map<String, String> criteria) {
        List<Filter> filters = new ArrayList<>();
        BoundModel m = model("entity");
        for (Map.Entry<String, String> e : criteria.entrySet()) {
            Column column = m.table().column(e.getKey());
            if (column == null || e.getKey().equals("data")) {
                continue;
            }
            if (e.getKey().equals("name")) {
                filters.add(new Filter.ILike("name", e.getValue()));
                continue;
            }
            Object v = crud.values().fromQuery(column, e.getValue());
            filters.add(v == null ? new Filter.IsNull(e.getKey()) : Filter.eq(e.getKey(), v));
        }
        return filters;
    }

    private static UUID parseCriterionId(String value) {
        UUID id = Values.tryParseId(value);
        if (id == null) {
            throw ZouException.wrongParameter("Invalid UUID value: " + value);
        }
        return id;
    }

    private static UUID parsePathId(String value) {
        UUID id = value == null ? null : Values.tryParseId(value);
        if (id == null) {
            throw ZouException.notFound();
        }
        return id;
    }

    private static UUID parseBodyId(Object value, String key) {
        UUID id = value instanceof String s ? Values.tryParseId(s) : null;
        if (id == null) {
            throw ZouException.wrongParameter(key + " must be a valid UUID");
        }
        return id;
    }

    private static Map<String, Object> requireBody(Map<String, Object> body) {
        if (body == null) {
            throw ZouException.wrongParameter("Data are empty. Please verify that you sent JSON data and that you "
                    + "set the right headers.");
        }
        return body;
    }

    private static String requiredName(Map<String, Object> body) {
        Object name = body.get("name");
        if (!(name instanceof String s) || s.isEmpty()) {
            throw ZouException.wrongParameter("name is required and must be a non-empty string",
                    Map.of("fields", List.of("name")));
        }
        return s;
    }

    private static String stringOr(Object v, String fallback) {
        return v instanceof String s ? s : fallback;
    }

    private Object dataOr(Object v) {
        if (v != null && !(v instanceof Map<?, ?>)) {
            throw ZouException.wrongParameter("data must be a JSON object");
        }
        return crud.values().fromJson(model("entity").table().column("data"), v == null ? Map.of() : v);
    }

    private static int intValue(Object v, String key) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw ZouException.wrongParameter(key + " must be an integer");
    }
}
