package org.zou4j.internal.assets;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.zou4j.internal.crud.JsonStreams;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.hooks.Cascades;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.RowCursor;
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
    private final AssetLinks links;

    public EntityService(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
        this.withTasks = new WithTasks(crud.jsonForm().mapper());
        this.views = new EntityViews(crud.jsonForm());
        this.links = new AssetLinks(crud, events, this);
    }

    /** The link routes of the assets and shots blueprints (casting, shared assets, instances, scene shots). */
    public AssetLinks links() {
        return links;
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
                null, kind == EntityKind.SHOT ? (UUID) row.get("entity_type_id") : null, null); // Zou: no mask here
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
        return read(caller, ctx -> materialize(ctx, kind, listPlan(ctx, kind, query)));
    }

    /** {@link #list}, streamed from a read transaction with bounded memory. */
    public JsonStream listStream(Caller caller, EntityKind kind, Query query) {
        return stream(caller, kind, ctx -> listPlan(ctx, kind, query));
    }

    /** What a list selects: entity filters, whether Zou adds joined names, or nothing at all. */
    private record ListPlan(List<Filter> filters, boolean names, boolean empty) {
    }

    private List<Map<String, Object>> materialize(HookContext ctx, EntityKind kind, ListPlan plan)
            throws SQLException {
        if (plan.empty()) {
            return List.of();
        }
        List<Row> rows = ctx.tx().select("entity", plan.filters(), List.of(Tx.Order.asc("name"), Tx.Order.asc("id")),
                0, 0);
        return decorateList(ctx, kind, rows, plan.names());
    }

    /**
     * A list streamed in batches of 500 rows (serialized and written as they come); the plan (parameters, access) is
     * made before this returns, so errors surface as plain answers, never half-way through a body.
     */
    private JsonStream stream(Caller caller, EntityKind kind, Work<ListPlan> planner) {
        return JsonStreams.planned(crud.database(), readTx -> {
            HookContext ctx = crud.context(caller, readTx.tx(), null);
            ListPlan plan = planner.run(ctx);
            if (plan.empty()) {
                readTx.close();
                return JsonStreams.constant(crud.jsonForm().mapper(), List.of());
            }
            return JsonStreams.owning(readTx, crud.jsonForm().mapper(), "application/json", g -> {
                try (RowCursor cursor = readTx.tx().stream("entity", plan.filters(),
                        List.of(Tx.Order.asc("name"), Tx.Order.asc("id")), 0, 0)) {
                    JsonStreams.writeArray(g, crud.jsonForm().mapper(), cursor,
                            batch -> decorateList(ctx, kind, batch, plan.names()));
                }
            });
        });
    }

    private ListPlan listPlan(HookContext ctx, EntityKind kind, Query query) throws SQLException {
        {
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
                    return new ListPlan(List.of(), false, true);
                }
                filters.add(assignedEntities(ctx, kind));
            } else if (isVendor(ctx) || criteria.remove("assigned_to") != null) {
                filters.add(Filter.sub("id", "task", "entity_id", Scopes.assignedTasks(ctx.access(), "id")));
            }
            criteria.remove("assigned_to");
            filters.addAll(kindFilter(ctx, kind));
            filters.addAll(columnFilters(criteria));
            return new ListPlan(filters, kind != EntityKind.SEQUENCE && kind != EntityKind.EPISODE, false);
        }
    }

    /** {@code GET /data/projects/<id>/<kind>s}. */
    public List<Map<String, Object>> projectList(Caller caller, EntityKind kind, String projectIdText, Query query) {
        UUID projectId = parsePathId(projectIdText);
        return read(caller, ctx -> materialize(ctx, kind, projectPlan(ctx, kind, projectId, query)));
    }

    /** {@link #projectList}, streamed from a read transaction with bounded memory. */
    public JsonStream projectListStream(Caller caller, EntityKind kind, String projectIdText, Query query) {
        UUID projectId = parsePathId(projectIdText);
        return stream(caller, kind, ctx -> projectPlan(ctx, kind, projectId, query));
    }

    private ListPlan projectPlan(HookContext ctx, EntityKind kind, UUID projectId, Query query) throws SQLException {
        {
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
            return new ListPlan(filters, kind == EntityKind.ASSET, false);
        }
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
        VendorMask mask = VendorMask.of(ctx, kind.typeName());
        if (mask != null) {
            mask.apply(out, crud.jsonForm());
        }
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
                        if (kind == EntityKind.EPISODE) {
                            // Zou: the episode's own assets go with their tasks, its playlists are deleted
                            for (Row asset : ctx.tx().select("entity", List.of(Filter.eq("source_id", row.id())))) {
                                Cascades.deleteTasks(ctx.tx(), ctx.tx().column("task", "id",
                                        List.of(Filter.eq("entity_id", asset.id()))));
                                Cascades.deleteEntities(ctx.tx(), List.of(asset.id()));
                                ctx.events().emit("asset:delete", Map.of("asset_id", asset.id().toString()),
                                        projectId);
                            }
                            BoundModel playlists = model("playlist");
                            for (Row playlist : ctx.tx().select("playlist", List.of(Filter.eq("episode_id",
                                    row.id())))) {
                                playlists.hooks().beforeDelete(ctx, playlist, true);
                                ctx.tx().delete("playlist", List.of(Filter.eq("id", playlist.id())));
                            }
                        }
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

    /** Zou's IntegrityError on a sequence or episode that tasks, entities or playlists still point to: 400. */
    private static void refuseIfReferenced(HookContext ctx, Row row, List<Object> taskIds) throws SQLException {
        if (!taskIds.isEmpty() && ctx.tx().exists("task", List.of(Filter.eq("entity_id", row.id())))
                || ctx.tx().exists("entity", List.of(Filter.eq("parent_id", row.id())))
                || ctx.tx().exists("entity", List.of(Filter.eq("source_id", row.id())))
                || ctx.tx().exists("playlist", List.of(Filter.eq("episode_id", row.id())))) {
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
            return JsonStreams.constant(crud.jsonForm().mapper(), rows);
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
        return JsonStreams.planned(crud.database(), readTx -> {
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
                    caller.isAdmin() ? null : me, vendor ? me : null, shotType,
                    VendorMask.of(ctx, kind.typeName()));
            if (kind == EntityKind.SHOT && shotType == null) {
                readTx.close();
                return JsonStreams.constant(crud.jsonForm().mapper(), List.of());
            }
            WithTasks.Shape shape = new WithTasks.Shape("true".equals(criteria.get("compact")),
                    "true".equals(criteria.get("stream")));
            return JsonStreams.owning(readTx, crud.jsonForm().mapper(),
                    shape.stream() ? "application/x-ndjson" : "application/json",
                    g -> withTasks.write(readTx.tx(), spec, g, shape));
        });
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
            List<Map<String, Object>> rows = views.withTasks(ctx, kind, filters, assigned ? ctx.caller().personId()
                    : null);
            VendorMask mask = VendorMask.of(ctx, kind.typeName());
            if (mask != null) {
                for (Map<String, Object> r : rows) {
                    r.putIfAbsent("project_id", projectId.toString());
                }
                mask.apply(rows, crud.jsonForm());
                if (kind != EntityKind.EDIT && kind != EntityKind.CONCEPT) {
                    rows.forEach(r -> r.remove("project_id"));
                }
            }
            return rows;
        });
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

    // ---- entities blueprint ------------------------------------------------------------------------------------------

    /** An entity of any kind, after Zou's project and entity access checks. */
    private Row readableEntity(HookContext ctx, String idText) throws SQLException {
        Row entity = loadAny(ctx, idText);
        requireProjectAccess(ctx.access(), (UUID) entity.get("project_id"));
        requireEntityAccess(ctx, entity.id());
        return entity;
    }

    /** {@code GET /data/entities/<id>/news}: the news of the entity's tasks, newest first, in Zou's page envelope. */
    public Map<String, Object> news(Caller caller, String idText) {
        int limit = 2000;
        return read(caller, ctx -> {
            Row entity = readableEntity(ctx, idText);
            Filter ofEntity = Filter.sub("task_id", "task", "id", Filter.eq("entity_id", entity.id()));
            long total = ctx.tx().count("news", List.of(ofEntity));
            List<Row> rows = ctx.tx().select("news", List.of(ofEntity), List.of(Tx.Order.desc("created_at"),
                    Tx.Order.asc("id")), limit, 0);
            String[] fullName = fullEntityName(ctx, entity);
            List<Map<String, Object>> data = new ArrayList<>();
            for (Row n : rows) {
                Row task = ctx.access().row("task", (UUID) n.get("task_id"));
                Row comment = ctx.access().row("comment", (UUID) n.get("comment_id"));
                Row preview = ctx.access().row("preview_file", (UUID) n.get("preview_file_id"));
                Row project = ctx.access().row("project", (UUID) task.get("project_id"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", n.id().toString());
                m.put("type", "News");
                m.put("author_id", str(n.get("author_id")));
                m.put("comment_id", str(n.get("comment_id")));
                m.put("task_id", str(n.get("task_id")));
                m.put("task_type_id", str(task.get("task_type_id")));
                m.put("task_status_id", comment == null ? null : str(comment.get("task_status_id")));
                m.put("task_entity_id", entity.id().toString());
                m.put("preview_file_id", str(n.get("preview_file_id")));
                m.put("preview_file_extension", preview == null ? null : preview.get("extension"));
                m.put("preview_file_revision", preview == null ? null : preview.get("revision"));
                m.put("project_id", project.id().toString());
                m.put("project_name", project.get("name"));
                m.put("created_at", crud.jsonForm().toJsonValue(n.get("created_at")));
                m.put("change", n.get("change"));
                m.put("full_entity_name", fullName[0]);
                m.put("episode_id", fullName[1]);
                m.put("entity_preview_file_id", str(entity.get("preview_file_id")));
                Row author = ctx.access().row("person", (UUID) n.get("author_id"));
                m.put("person", author == null ? null : shortPerson(author));
                data.add(m);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", data);
            body.put("total", total);
            body.put("nb_pages", (long) Math.ceil(total / (double) limit));
            body.put("limit", limit);
            body.put("offset", 0);
            body.put("page", 1);
            return body;
        });
    }

    private static Map<String, Object> shortPerson(Row p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().toString());
        m.put("first_name", p.get("first_name"));
        m.put("last_name", p.get("last_name"));
        m.put("full_name", (p.get("first_name") + " " + p.get("last_name")).trim());
        m.put("has_avatar", p.get("has_avatar"));
        m.put("role", p.get("role"));
        return m;
    }

    /** Zou's full entity name and episode id ({@code E01 / SQ01 / SH010}, {@code Character / Hero}). */
    private static String[] fullEntityName(HookContext ctx, Row entity) throws SQLException {
        EntityKind kind = kindOf(ctx, entity);
        String name = (String) entity.get("name");
        if (kind == EntityKind.SHOT) {
            Row sequence = ctx.access().row("entity", (UUID) entity.get("parent_id"));
            Row episode = sequence == null ? null : ctx.access().row("entity", (UUID) sequence.get("parent_id"));
            String seq = sequence == null ? "" : sequence.get("name") + " / ";
            return episode == null ? new String[] {seq + name, null}
                    : new String[] {episode.get("name") + " / " + seq + name, episode.id().toString()};
        }
        if (kind == EntityKind.SEQUENCE) {
            Row episode = ctx.access().row("entity", (UUID) entity.get("parent_id"));
            return episode == null ? new String[] {name, null}
                    : new String[] {episode.get("name") + " / " + name, episode.id().toString()};
        }
        if (kind == EntityKind.ASSET) {
            return new String[] {typeName(ctx, (UUID) entity.get("entity_type_id")) + " / " + name,
                str(entity.get("source_id"))};
        }
        return new String[] {name, null};
    }

    /** {@code GET /data/entities/<id>/preview-files}: the previews of the entity's tasks, Zou's presentation. */
    public List<Map<String, Object>> entityPreviewFiles(Caller caller, String idText) {
        return read(caller, ctx -> {
            Row entity = readableEntity(ctx, idText);
            List<Row> rows = ctx.tx().select("preview_file", List.of(Filter.sub("task_id", "task", "id",
                    Filter.eq("entity_id", entity.id()))));
            List<Map<String, Object>> out = new ArrayList<>();
            List<Object[]> keyed = new ArrayList<>();
            for (Row p : rows) {
                Row task = ctx.access().row("task", (UUID) p.get("task_id"));
                String typeName = name(ctx, "task_type", (UUID) task.get("task_type_id"));
                keyed.add(new Object[] {typeName == null ? "" : typeName, p});
            }
            keyed.sort((a, b) -> {
                int c = ((String) a[0]).compareTo((String) b[0]);
                if (c != 0) {
                    return c;
                }
                Row pa = (Row) a[1];
                Row pb = (Row) b[1];
                c = Integer.compare(intOr(pb.get("revision")), intOr(pa.get("revision")));
                return c != 0 ? c : Integer.compare(intOr(pa.get("position")), intOr(pb.get("position")));
            });
            for (Object[] k : keyed) {
                Row p = (Row) k[1];
                Map<String, Object> m = new LinkedHashMap<>();
                for (String f : List.of("id", "name", "original_name", "extension", "revision", "position",
                        "file_size", "status", "validation_status", "task_id", "person_id", "created_at", "token_in",
                        "token_out")) {
                    m.put(f, p.table().has(f) ? crud.jsonForm().toJsonValue(p.get(f)) : null);
                }
                out.add(m);
            }
            return out;
        });
    }

    private static int intOr(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    /** {@code GET /data/entities/<id>/time-spents}: time spent on the entity's tasks, newest date first. */
    public List<Map<String, Object>> timeSpents(Caller caller, String idText) {
        return read(caller, ctx -> {
            Row entity = readableEntity(ctx, idText);
            List<Row> rows = ctx.tx().select("time_spent", List.of(Filter.sub("task_id", "task", "id",
                    Filter.eq("entity_id", entity.id()))), List.of(Tx.Order.desc("date"), Tx.Order.asc("id")), 0, 0);
            return crud.serialize(ctx, model("time_spent"), rows, false, ModelHooks.View.LIST);
        });
    }

    /** {@code GET /data/entities/<id>/entities-linked/with-tasks}: the concepts linked to the entity, with tasks. */
    public List<Map<String, Object>> linkedWithTasks(Caller caller, String idText) {
        return read(caller, ctx -> {
            Row entity = readableEntity(ctx, idText);
            List<Row> linked = ctx.tx().select("entity", List.of(Filter.sub("id", "entity_concept_link",
                    "entity_in_id", Filter.eq("entity_out_id", entity.id()))), List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row e : linked) {
                Object data = e.get("data") == null ? Map.of() : crud.jsonForm().toJsonValue(e.get("data"));
                Map<?, ?> d = data instanceof Map<?, ?> dm ? dm : Map.of();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("canceled", e.get("canceled"));
                m.put("data", data);
                m.put("description", e.get("description"));
                m.put("entity_type_id", str(e.get("entity_type_id")));
                m.put("fps", d.get("fps"));
                m.put("frame_in", d.get("frame_in"));
                m.put("frame_out", d.get("frame_out"));
                m.put("id", e.id().toString());
                m.put("name", e.get("name"));
                m.put("nb_frames", e.get("nb_frames"));
                m.put("parent_id", str(e.get("parent_id")));
                m.put("preview_file_id", str(e.get("preview_file_id")));
                m.put("project_id", str(e.get("project_id")));
                m.put("project_name", projectName(ctx, (UUID) e.get("project_id")));
                m.put("source_id", str(e.get("source_id")));
                m.put("nb_entities_out", e.get("nb_entities_out"));
                m.put("is_casting_standby", e.get("is_casting_standby"));
                List<Map<String, Object>> tasks = new ArrayList<>();
                for (Row t : ctx.tx().select("task", List.of(Filter.eq("entity_id", e.id())),
                        List.of(Tx.Order.asc("id")), 0, 0)) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("id", t.id().toString());
                    for (String f : List.of("duration", "due_date", "end_date")) {
                        tm.put(f, crud.jsonForm().toJsonValue(t.get(f)));
                    }
                    tm.put("entity_id", e.id().toString());
                    for (String f : List.of("estimation", "last_comment_date", "nb_assets_ready")) {
                        tm.put(f, crud.jsonForm().toJsonValue(t.get(f)));
                    }
                    tm.put("priority", t.get("priority") == null ? 0 : t.get("priority"));
                    for (String f : List.of("real_start_date", "retake_count", "start_date", "task_status_id",
                            "task_type_id", "assigner_id")) {
                        tm.put(f, crud.jsonForm().toJsonValue(t.get(f)));
                    }
                    List<String> assignees = new ArrayList<>();
                    for (Object pid : ctx.tx().column("task_person_link", "person_id",
                            List.of(Filter.eq("task_id", t.id())))) {
                        assignees.add(pid.toString());
                    }
                    tm.put("assignees", assignees);
                    tasks.add(tm);
                }
                m.put("tasks", tasks);
                List<String> links = new ArrayList<>();
                for (Object o : ctx.tx().column("entity_concept_link", "entity_out_id",
                        List.of(Filter.eq("entity_in_id", e.id())))) {
                    links.add(o.toString());
                }
                m.put("entity_concept_links", links);
                EntityKind k = kindOf(ctx, e);
                m.put("type", k.typeName());
                m.put("updated_at", crud.jsonForm().toJsonValue(e.get("updated_at")));
                m.put("created_at", crud.jsonForm().toJsonValue(e.get("created_at")));
                m.put("created_by", str(e.get("created_by")));
                out.add(m);
            }
            return out;
        });
    }

    /**
     * {@code POST /data/entities/<id>/tasks}: creates the entity's {@code main} tasks of the given task types (or of
     * every type enabled in the project for this kind when none is given), skipping those that exist; answers them.
     */
    public List<Map<String, Object>> createTasks(Caller caller, String idText, Map<String, Object> body) {
        List<UUID> typeIds = new ArrayList<>();
        Object raw = body == null ? null : body.get("task_type_ids");
        if (raw != null && !(raw instanceof List<?>)) {
            throw ZouException.wrongParameter("task_type_ids must be a list of ids");
        }
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                typeIds.add(parseBodyId(o, "task_type_ids"));
            }
        }
        return write(caller, ctx -> {
            Row entity = loadAny(ctx, idText);
            UUID projectId = (UUID) entity.get("project_id");
            requireProjectAccess(ctx.access(), projectId);
            requireEntityAccess(ctx, entity.id());
            if (isVendor(ctx) || !ctx.caller().isAdmin() && "client".equals(ctx.caller().role())) {
                throw ZouException.forbidden();
            }
            EntityKind kind = kindOf(ctx, entity);
            List<Object> enabled = ctx.tx().column("project_task_type_link", "task_type_id",
                    List.of(Filter.eq("project_id", projectId)));
            List<Row> types = new ArrayList<>();
            if (typeIds.isEmpty()) {
                for (Row t : ctx.tx().select("task_type", List.of(Filter.in("id", enabled)))) {
                    Object forEntity = t.get("for_entity");
                    if (forEntity == null || kind.typeName().equals(forEntity)) {
                        types.add(t);
                    }
                }
            } else {
                for (UUID id : typeIds) {
                    Row t = ctx.tx().byId("task_type", id);
                    if (t == null) {
                        throw ZouException.notFound("Task type not found");
                    }
                    Object forEntity = t.get("for_entity");
                    if (forEntity != null && !kind.typeName().equals(forEntity)) {
                        throw ZouException.wrongParameter("Task type " + id + " is for " + forEntity
                                + " entities, got " + kind.typeName() + ".");
                    }
                    if (!enabled.contains(id)) {
                        throw ZouException.wrongParameter("Task type " + id + " is not enabled in project "
                                + projectId + ".");
                    }
                    types.add(t);
                }
            }
            List<Row> statuses = ctx.tx().select("task_status", List.of(Filter.eq("is_default", true)));
            if (statuses.isEmpty()) {
                throw ZouException.wrongParameter("No default task status: create one with is_default set.");
            }
            List<Map<String, Object>> created = new ArrayList<>();
            for (Row type : types) {
                if (ctx.tx().exists("task", List.of(Filter.eq("entity_id", entity.id()),
                        Filter.eq("task_type_id", type.id()), Filter.eq("name", "main")))) {
                    continue;
                }
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("name", "main");
                task.put("project_id", projectId.toString());
                task.put("entity_id", entity.id().toString());
                task.put("task_type_id", type.id().toString());
                task.put("task_status_id", statuses.get(0).id().toString());
                Row row = crud.insert(ctx, model("task"), task);
                Map<String, Object> json = new LinkedHashMap<>(
                        crud.serialize(ctx, model("task"), List.of(row), false, ModelHooks.View.GET).get(0));
                // as Zou's task creation answers: no assignee yet, and the status and type names Kitsu shows at once
                Row status = statuses.get(0);
                json.put("assignees", List.of());
                json.put("task_status_name", status.get("name"));
                json.put("task_status_short_name", status.get("short_name"));
                json.put("task_status_color", status.get("color"));
                json.put("task_type_name", type.get("name"));
                json.put("task_type_color", type.get("color"));
                json.put("task_type_priority", type.get("priority"));
                created.add(json);
            }
            return created;
        });
    }

    /**
     * {@code POST /actions/projects/<id>/delete-entities}: deletes the listed shots, edits, concepts and assets of the
     * project (each as its own delete would, canceled ones and concepts forced); answers the ids handled.
     */
    public List<String> deleteEntities(Caller caller, String projectIdText, Object body, boolean force) {
        UUID projectId = parsePathId(projectIdText);
        if (!(body instanceof List<?> list)) {
            throw ZouException.wrongParameter("Request body must be a JSON array of ids.");
        }
        List<UUID> ids = new ArrayList<>();
        for (Object o : list) {
            ids.add(parseBodyId(o, "entity id"));
        }
        List<Object[]> toRemove = new ArrayList<>();
        read(caller, ctx -> {
            requireProjectExists(ctx.tx(), projectId);
            for (UUID id : ids) {
                Row entity = ctx.tx().byId("entity", id);
                if (entity == null) {
                    continue;
                }
                if (ctx.caller().personId() != null && ctx.caller().personId().equals(entity.get("created_by"))) {
                    requireProjectAccess(ctx.access(), projectId);
                } else {
                    requireManager(ctx.access(), projectId);
                }
                if (!projectId.equals(entity.get("project_id"))) {
                    continue;
                }
                EntityKind kind = kindOf(ctx, entity);
                if (kind == EntityKind.SHOT || kind == EntityKind.EDIT || kind == EntityKind.CONCEPT
                        || kind == EntityKind.ASSET) {
                    boolean f = force || Boolean.TRUE.equals(entity.get("canceled")) || kind == EntityKind.CONCEPT;
                    toRemove.add(new Object[] {kind, id, f});
                }
            }
            return null;
        });
        List<String> done = new ArrayList<>();
        for (Object[] r : toRemove) {
            delete(caller, (EntityKind) r[0], r[1].toString(), (Boolean) r[2]);
            done.add(r[1].toString());
        }
        return done;
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }

    /** {@code GET /data/projects/<id>/episodes/stats} ({@code retakes}: {@code .../episodes/retake-stats}). */
    public Map<String, Object> episodeStats(Caller caller, String projectIdText, boolean retakes) {
        UUID projectId = parsePathId(projectIdText);
        return read(caller, ctx -> {
            requireProjectExists(ctx.tx(), projectId);
            requireProjectAccess(ctx.access(), projectId);
            UUID assigned = isVendor(ctx) ? ctx.caller().personId() : null;
            return retakes ? EpisodeStats.retakeStats(ctx, projectId, assigned)
                    : EpisodeStats.stats(ctx, projectId, assigned);
        });
    }

    /**
     * {@code POST /actions/projects/<id>/task-types/<id>/set-shot-nb-frames} (manager): each shot of the project (of
     * the episode when given) takes as frame count the duration of the newest preview of its task of this type times
     * the project's fps. Answers {@code [{"id", "nb_frames"}]}.
     */
    public List<Map<String, Object>> setShotFrames(Caller caller, String projectIdText, String taskTypeIdText,
                                                   String episodeIdText) {
        UUID projectId = Values.tryParseId(projectIdText);
        UUID taskTypeId = Values.tryParseId(taskTypeIdText);
        if (projectId == null || taskTypeId == null) {
            throw ZouException.wrongParameter("Invalid project or task type id");
        }
        UUID episodeId = null;
        if (episodeIdText != null && !episodeIdText.isEmpty()) {
            episodeId = Values.tryParseId(episodeIdText);
            if (episodeId == null) {
                throw ZouException.wrongParameter("Invalid episode id");
            }
        }
        UUID episode = episodeId;
        return write(caller, ctx -> {
            requireManager(ctx.access(), projectId);
            Row project = ctx.tx().byId("project", projectId);
            double fps = 25;
            try {
                fps = project.get("fps") == null ? 25 : Double.parseDouble(project.get("fps").toString());
            } catch (NumberFormatException e) {
                // Zou's default fps
            }
            List<Filter> shots = new ArrayList<>(kindFilter(ctx, EntityKind.SHOT));
            shots.add(Filter.eq("project_id", projectId));
            if (episode != null) {
                shots.add(Filter.sub("parent_id", "entity", "id", Filter.eq("parent_id", episode)));
            }
            List<Map<String, Object>> updates = new ArrayList<>();
            for (Row task : ctx.tx().select("task", List.of(Filter.eq("task_type_id", taskTypeId),
                    new Filter.InSubquery("entity_id", "entity", "id", shots)))) {
                List<Row> previews = ctx.tx().select("preview_file", List.of(Filter.eq("task_id", task.id())),
                        List.of(Tx.Order.desc("created_at")), 1, 0);
                if (previews.isEmpty()) {
                    continue;
                }
                Object duration = previews.get(0).get("duration");
                int frames = (int) Math.round((duration instanceof Number n ? n.doubleValue() : 0) * fps);
                UUID shotId = (UUID) task.get("entity_id");
                ctx.tx().updateById("entity", shotId, Map.of("nb_frames", frames, "updated_at", ctx.now()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", shotId.toString());
                m.put("nb_frames", frames);
                updates.add(m);
            }
            return updates;
        });
    }

    /**
     * {@code GET /data/projects/<id>/quotas/<task_type_id>} ({@code perPerson} false) or
     * {@code .../quotas/persons/<person_id>} (true): Zou's shot quotas; {@code count_mode} is {@code weighted}
     * (default), {@code weighteddone}, {@code feedback} or {@code done}; {@code studio_id} keeps a studio's persons.
     */
    public Map<String, Object> quotas(Caller caller, String projectIdText, String otherIdText, boolean perPerson,
                                      Query query) {
        UUID projectId = parsePathId(projectIdText);
        UUID otherId = parsePathId(otherIdText);
        String mode = query.first("count_mode").orElse("weighted");
        if (!List.of("weighted", "weighteddone", "feedback", "done").contains(mode)) {
            throw ZouException.wrongParameter("count_mode must be equal to weighted, weigtheddone, feedback, or done");
        }
        UUID studio = query.first("studio_id").map(EntityService::parseCriterionId).orElse(null);
        return read(caller, ctx -> {
            requireProjectExists(ctx.tx(), projectId);
            if (!perPerson || ctx.caller().isAdmin()
                    || List.of("manager", "supervisor").contains(ctx.access().projectRole(projectId))) {
                requireProjectAccess(ctx.access(), projectId);
            } else if (!otherId.equals(ctx.caller().personId())) {
                throw ZouException.forbidden();
            }
            Quotas.Params params = new Quotas.Params(projectId, perPerson ? null : otherId, perPerson ? otherId : null,
                    studio, !mode.contains("done"), mode.contains("weighted"));
            return Quotas.compute(ctx, typeId(ctx, "Shot"), params);
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

    List<Filter> kindFilter(HookContext ctx, EntityKind kind) throws SQLException {
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

    static String typeName(HookContext ctx, UUID typeId) throws SQLException {
        return name(ctx, "entity_type", typeId);
    }

    private static String projectName(HookContext ctx, UUID projectId) throws SQLException {
        return name(ctx, "project", projectId);
    }

    private static String entityName(HookContext ctx, UUID id) throws SQLException {
        return name(ctx, "entity", id);
    }

    static String name(HookContext ctx, String table, UUID id) throws SQLException {
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
    static void requireEntityAccess(HookContext ctx, UUID entityId) throws SQLException {
        if (isVendor(ctx) && !ctx.access().workingOnEntity(entityId)) {
            throw ZouException.forbidden();
        }
    }

    static boolean isVendor(HookContext ctx) {
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
