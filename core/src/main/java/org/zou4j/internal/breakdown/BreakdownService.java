package org.zou4j.internal.breakdown;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.production.ProjectAccess;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code breakdown} blueprint (zou/app/services/breakdown_service.py): the casting of shots, assets, episodes
 * and sequences (rows of {@code entity_link} with {@code nb_occurences} and {@code label}), and asset instances of
 * scenes and shots. Casting reads join in memory over a few bounded selects (one project's links at most).
 */
public final class BreakdownService {
    private final CrudService crud;
    private final EventLog events;

    public BreakdownService(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
    }

    private BoundModel model(String table) {
        return crud.models().table(table);
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> {
            HookContext ctx = crud.context(caller, tx, events.begin(tx, caller.personId()));
            return work.run(ctx);
        });
    }

    private <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    // ---- permissions ----------------------------------------------------------------------------------------------

    /** Zou's {@code check_project_access} then {@code has_vendor_permissions} refusal. */
    private static void requireNonVendorTeam(HookContext ctx, UUID projectId) throws SQLException {
        ProjectAccess.requireTeam(ctx.access(), projectId);
        if (isVendor(ctx, projectId)) {
            throw ZouException.forbidden();
        }
    }

    private static boolean isVendor(HookContext ctx, UUID projectId) throws SQLException {
        return !ctx.caller().isAdmin() && "vendor".equals(ctx.access().projectRole(projectId));
    }

    /** Zou's {@code check_entity_access}: a vendor must be assigned to a task of the entity. */
    private static void requireEntityAccess(HookContext ctx, UUID projectId, UUID entityId) throws SQLException {
        if (isVendor(ctx, projectId) && !ctx.access().workingOnEntity(entityId)) {
            throw ZouException.forbidden();
        }
    }

    /** The entity of a casting route: 404 when unknown, 403 when it belongs to another project (as Zou). */
    private static Row entityOfProject(Tx tx, UUID projectId, String entityIdText) throws SQLException {
        UUID entityId = Values.tryParseId(entityIdText);
        Row entity = entityId == null ? null : tx.byId("entity", entityId);
        if (entity == null) {
            throw ZouException.notFound("Entity not found");
        }
        if (!projectId.equals(entity.get("project_id"))) {
            throw ZouException.forbidden();
        }
        return entity;
    }

    // ---- casting reads ---------------------------------------------------------------------------------------------

    /** {@code GET /data/projects/<p>/entities/<e>/casting}: the assets cast in an entity. */
    public List<Map<String, Object>> casting(Caller caller, String projectIdText, String entityIdText) {
        UUID projectId = Values.parseId(projectIdText);
        return read(caller, ctx -> {
            requireNonVendorTeam(ctx, projectId);
            Row entity = entityOfProject(ctx.tx(), projectId, entityIdText);
            return castingOf(ctx.tx(), entity.id());
        });
    }

    private List<Map<String, Object>> castingOf(Tx tx, UUID entityId) throws SQLException {
        Types types = new Types(tx);
        List<Row> links = tx.select("entity_link", List.of(Filter.eq("entity_in_id", entityId)));
        Map<UUID, Row> assets = outEntities(tx, links);
        List<Row> sorted = sortedLinks(links, assets, types, null);
        List<Map<String, Object>> casting = new ArrayList<>();
        for (Row link : sorted) {
            Row asset = assets.get((UUID) link.get("entity_out_id"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset_id", str(link.get("entity_out_id")));
            m.put("asset_name", asset.get("name"));
            m.put("asset_type_name", types.name(asset));
            m.put("ready_for", str(asset.get("ready_for")));
            m.put("episode_id", str(asset.get("source_id")));
            m.put("preview_file_id", str(asset.get("preview_file_id")));
            m.put("nb_occurences", link.get("nb_occurences"));
            m.put("label", link.get("label"));
            m.put("is_shared", asset.get("is_shared"));
            m.put("project_id", str(asset.get("project_id")));
            casting.add(m);
        }
        return casting;
    }

    /** {@code GET /data/projects/<p>/episodes/casting}: episode id → the assets cast in it. */
    public Map<String, List<Map<String, Object>>> episodesCasting(Caller caller, String projectIdText) {
        UUID projectId = Values.parseId(projectIdText);
        return read(caller, ctx -> {
            requireNonVendorTeam(ctx, projectId);
            Types types = new Types(ctx.tx());
            UUID episodeType = types.idOf("Episode");
            if (episodeType == null) {
                return new LinkedHashMap<>();
            }
            Filter episodes = Filter.sub("entity_in_id", "entity", "id", Filter.eq("project_id", projectId),
                    Filter.eq("entity_type_id", episodeType));
            return grouped(ctx.tx(), types, List.of(episodes), null, false, false);
        });
    }

    /** {@code GET /data/projects/<p>/sequences/<s>/casting}: shot id → casting, for the shots of a sequence. */
    public Map<String, List<Map<String, Object>>> sequenceCasting(Caller caller, String projectIdText,
                                                                  String sequenceIdText) {
        UUID projectId = Values.parseId(projectIdText);
        return read(caller, ctx -> {
            requireNonVendorTeam(ctx, projectId);
            Types types = new Types(ctx.tx());
            UUID sequenceId = Values.tryParseId(sequenceIdText);
            Row sequence = sequenceId == null ? null : ctx.tx().byId("entity", sequenceId);
            if (sequence == null || !"Sequence".equals(types.name(sequence))) {
                throw ZouException.notFound("Sequence not found");
            }
            if (!projectId.equals(sequence.get("project_id"))) {
                throw ZouException.forbidden();
            }
            return shotsCasting(ctx.tx(), types, List.of(Filter.eq("parent_id", sequenceId)), false);
        });
    }

    /**
     * {@code GET /data/projects/<p>/sequences/all/casting} ({@code episodeIdText} null) and
     * {@code GET /data/projects/<p>/episodes/<e>/sequences/all/casting}: shot id → casting for every shot of the
     * project (or of the episode; Zou's {@code main} episode has none).
     */
    public Map<String, List<Map<String, Object>>> allSequencesCasting(Caller caller, String projectIdText,
                                                                      String episodeIdText) {
        UUID projectId = Values.parseId(projectIdText);
        return read(caller, ctx -> {
            requireNonVendorTeam(ctx, projectId);
            if ("main".equals(episodeIdText)) {
                return new LinkedHashMap<>();
            }
            Types types = new Types(ctx.tx());
            List<Filter> shotFilters = new ArrayList<>();
            shotFilters.add(Filter.eq("project_id", projectId));
            if (episodeIdText != null) {
                UUID episodeId = Values.tryParseId(episodeIdText);
                if (episodeId == null) {
                    return new LinkedHashMap<>();
                }
                shotFilters.add(Filter.sub("parent_id", "entity", "id", Filter.eq("parent_id", episodeId)));
            }
            return shotsCasting(ctx.tx(), types, shotFilters, true);
        });
    }

    private Map<String, List<Map<String, Object>>> shotsCasting(Tx tx, Types types, List<Filter> shotFilters,
                                                                boolean bySequenceName) throws SQLException {
        UUID shotType = types.idOf("Shot");
        if (shotType == null) {
            return new LinkedHashMap<>();
        }
        List<Filter> where = new ArrayList<>(shotFilters);
        where.add(Filter.eq("entity_type_id", shotType));
        Filter[] whereArray = where.toArray(Filter[]::new);
        return grouped(tx, types, List.of(Filter.sub("entity_in_id", "entity", "id", whereArray)), shotFilters,
                true, bySequenceName);
    }

    /**
     * Links matching {@code linkFilters}, grouped by their in-entity, in Zou's order: (sequence name,) in-entity
     * name, then asset type name and asset name; assets that are canceled are left out.
     */
    private Map<String, List<Map<String, Object>>> grouped(Tx tx, Types types, List<Filter> linkFilters,
                                                           List<Filter> shotFilters, boolean shots,
                                                           boolean bySequenceName) throws SQLException {
        List<Row> links = tx.select("entity_link", linkFilters);
        Map<UUID, Row> assets = outEntities(tx, links);
        Map<UUID, Row> ins = new HashMap<>();
        Set<UUID> inIds = new HashSet<>();
        for (Row l : links) {
            inIds.add((UUID) l.get("entity_in_id"));
        }
        if (!inIds.isEmpty()) {
            for (Row r : tx.select("entity", List.of(Filter.in("id", List.copyOf(inIds))))) {
                ins.put(r.id(), r);
            }
        }
        Map<UUID, Row> sequences = new HashMap<>();
        if (shots) {
            Set<UUID> parents = new HashSet<>();
            for (Row r : ins.values()) {
                if (r.get("parent_id") != null) {
                    parents.add((UUID) r.get("parent_id"));
                }
            }
            if (!parents.isEmpty()) {
                for (Row r : tx.select("entity", List.of(Filter.in("id", List.copyOf(parents))))) {
                    sequences.put(r.id(), r);
                }
            }
        }
        List<Row> kept = new ArrayList<>();
        for (Row l : links) {
            Row in = ins.get((UUID) l.get("entity_in_id"));
            // Zou joins shots to their sequence: a shot without one is left out
            if (shots && (in == null || sequences.get((UUID) in.get("parent_id")) == null)) {
                continue;
            }
            kept.add(l);
        }
        Comparator<Row> byIn = Comparator.comparing(l -> name(ins.get((UUID) l.get("entity_in_id"))));
        if (bySequenceName) {
            Comparator<Row> bySeq = Comparator.comparing(
                    l -> name(sequences.get((UUID) ins.get((UUID) l.get("entity_in_id")).get("parent_id"))));
            byIn = bySeq.thenComparing(byIn);
        }
        List<Row> sorted = sortedLinks(kept, assets, types, shots ? byIn : null);
        Map<String, List<Map<String, Object>>> castings = new LinkedHashMap<>();
        for (Row link : sorted) {
            Row asset = assets.get((UUID) link.get("entity_out_id"));
            Row in = ins.get((UUID) link.get("entity_in_id"));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asset_id", str(link.get("entity_out_id")));
            m.put("name", asset.get("name"));
            m.put("asset_name", asset.get("name"));
            m.put("asset_type_name", types.name(asset));
            if (shots) {
                m.put("sequence_name", sequences.get((UUID) in.get("parent_id")).get("name"));
            }
            m.put("preview_file_id", str(asset.get("preview_file_id")));
            m.put("nb_occurences", link.get("nb_occurences"));
            m.put("label", link.get("label"));
            m.put("is_shared", asset.get("is_shared"));
            m.put("project_id", str(asset.get("project_id")));
            castings.computeIfAbsent(str(link.get("entity_in_id")), k -> new ArrayList<>()).add(m);
        }
        return castings;
    }

    /** {@code GET /data/projects/<p>/asset-types/<t>/casting}: asset id → casting, for assets of one type. */
    public Map<String, List<Map<String, Object>>> assetTypeCasting(Caller caller, String projectIdText,
                                                                   String assetTypeIdText) {
        UUID projectId = Values.parseId(projectIdText);
        return read(caller, ctx -> {
            requireNonVendorTeam(ctx, projectId);
            Types types = new Types(ctx.tx());
            UUID assetTypeId = Values.tryParseId(assetTypeIdText);
            Row assetType = assetTypeId == null ? null : ctx.tx().byId("entity_type", assetTypeId);
            if (assetType == null || org.zou4j.internal.model.Choices.TEMPORAL_ENTITY_TYPES.contains(
                    (String) assetType.get("name"))) {
                throw ZouException.notFound("Asset type not found");
            }
            List<Row> links = ctx.tx().select("entity_link", List.of(Filter.sub("entity_in_id", "entity", "id",
                    Filter.eq("project_id", projectId), Filter.eq("entity_type_id", assetTypeId))));
            Map<UUID, Row> assets = outEntities(ctx.tx(), links);
            Map<String, List<Map<String, Object>>> castings = new LinkedHashMap<>();
            for (Row link : sortedLinks(links, assets, types, null)) {
                Row asset = assets.get((UUID) link.get("entity_out_id"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("asset_id", str(link.get("entity_out_id")));
                m.put("name", asset.get("name"));
                m.put("asset_name", asset.get("name"));
                m.put("asset_type_name", types.name(asset));
                m.put("preview_file_id", str(asset.get("preview_file_id")));
                m.put("nb_occurences", link.get("nb_occurences"));
                m.put("label", link.get("label"));
                castings.computeIfAbsent(str(link.get("entity_in_id")), k -> new ArrayList<>()).add(m);
            }
            return castings;
        });
    }

    /** The out-entities of links that are not canceled, by id. */
    private static Map<UUID, Row> outEntities(Tx tx, List<Row> links) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        for (Row l : links) {
            ids.add((UUID) l.get("entity_out_id"));
        }
        Map<UUID, Row> byId = new HashMap<>();
        List<UUID> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            for (Row r : tx.select("entity", List.of(Filter.in("id", all.subList(i, Math.min(all.size(), i + 1000)))))) {
                if (!Boolean.TRUE.equals(r.get("canceled"))) {
                    byId.put(r.id(), r);
                }
            }
        }
        return byId;
    }

    /** Links whose asset is kept, sorted by {@code first} (if any), then asset type name, then asset name. */
    private static List<Row> sortedLinks(List<Row> links, Map<UUID, Row> assets, Types types, Comparator<Row> first) {
        List<Row> kept = new ArrayList<>();
        for (Row l : links) {
            if (assets.containsKey((UUID) l.get("entity_out_id"))) {
                kept.add(l);
            }
        }
        Comparator<Row> byAsset = Comparator.comparing((Row l) -> types.name(assets.get((UUID) l.get("entity_out_id"))))
                .thenComparing(l -> name(assets.get((UUID) l.get("entity_out_id"))));
        kept.sort(first == null ? byAsset : first.thenComparing(byAsset));
        return kept;
    }

    // ---- casting update --------------------------------------------------------------------------------------------

    /** {@code PUT /data/projects/<p>/entities/<e>/casting}: replaces the entity's casting; answers the casting sent. */
    public List<Object> updateCasting(Caller caller, String projectIdText, String entityIdText, Object body) {
        if (!(body instanceof List<?> list)) {
            throw ZouException.wrongParameter("Request body must be a JSON array");
        }
        UUID projectId = Values.parseId(projectIdText);
        List<Object> casting = new ArrayList<>(list);
        return write(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            Row entity = entityOfProject(ctx.tx(), projectId, entityIdText);
            new CastingUpdate(ctx, new Types(ctx.tx())).apply(entity, casting);
            return casting;
        });
    }

    /** {@code PUT /data/projects/<p>/entities/casting}: several castings at once, all entities checked first. */
    public Map<String, Object> updateCastings(Caller caller, String projectIdText, Object body) {
        String message = "Request body must be a JSON object mapping entity ids to casting arrays";
        if (!(body instanceof Map<?, ?> map)) {
            throw ZouException.wrongParameter(message);
        }
        for (Object v : map.values()) {
            if (!(v instanceof List)) {
                throw ZouException.wrongParameter(message);
            }
        }
        UUID projectId = Values.parseId(projectIdText);
        return write(caller, ctx -> {
            ProjectAccess.requireManager(ctx.access(), projectId);
            Map<String, Row> entities = new LinkedHashMap<>();
            for (Object key : map.keySet()) {
                entities.put(key.toString(), entityOfProject(ctx.tx(), projectId, key.toString()));
            }
            Types types = new Types(ctx.tx());
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<String, Row> e : entities.entrySet()) {
                List<Object> casting = new ArrayList<>((List<?>) map.get(e.getKey()));
                Row fresh = ctx.tx().byId("entity", e.getValue().id());
                new CastingUpdate(ctx, types).apply(fresh, casting);
                result.put(e.getKey(), casting);
            }
            return result;
        });
    }

    // ---- asset instances -------------------------------------------------------------------------------------------

    private static Row entityOfType(Tx tx, Types types, String idText, String typeName) throws SQLException {
        UUID id = Values.tryParseId(idText);
        Row row = id == null ? null : tx.byId("entity", id);
        if (row == null || !typeName.equals(types.name(row))) {
            throw ZouException.notFound(typeName + " not found");
        }
        return row;
    }

    /** {@code GET /data/shots/<s>/asset-instances}: asset id → the asset instances cast in the shot. */
    public Map<String, List<Map<String, Object>>> shotAssetInstances(Caller caller, String shotIdText) {
        return read(caller, ctx -> {
            Row shot = entityOfType(ctx.tx(), new Types(ctx.tx()), shotIdText, "Shot");
            UUID projectId = (UUID) shot.get("project_id");
            ProjectAccess.requireTeam(ctx.access(), projectId);
            requireEntityAccess(ctx, projectId, shot.id());
            List<Row> rows = ctx.tx().select("asset_instance", List.of(Filter.sub("id", "asset_instance_link",
                    "asset_instance_id", Filter.eq("entity_id", shot.id()))),
                    List.of(Tx.Order.asc("asset_id"), Tx.Order.asc("number")), 0, 0);
            return groupInstances(ctx, rows);
        });
    }

    /** {@code POST /data/shots/<s>/asset-instances}: adds an instance to the shot; answers the shot (201). */
    public Map<String, Object> addShotAssetInstance(Caller caller, String shotIdText, Map<String, Object> body) {
        UUID instanceId = requiredUuid(body, "asset_instance_id");
        return write(caller, ctx -> {
            Row shot = entityOfType(ctx.tx(), new Types(ctx.tx()), shotIdText, "Shot");
            ProjectAccess.requireTeam(ctx.access(), (UUID) shot.get("project_id"));
            if (ctx.tx().byId("asset_instance", instanceId) == null) {
                throw ZouException.notFound("Asset instance not found");
            }
            List<Filter> key = List.of(Filter.eq("entity_id", shot.id()), Filter.eq("asset_instance_id", instanceId));
            if (!ctx.tx().exists("asset_instance_link", key)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("entity_id", shot.id());
                row.put("asset_instance_id", instanceId);
                ctx.tx().insert("asset_instance_link", row);
            }
            ctx.tx().updateById("entity", shot.id(), Map.of("updated_at", ctx.now()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("shot_id", shot.id().toString());
            data.put("asset_instance_id", instanceId.toString());
            ctx.events().emit("asset_instance:add-to-shot", data, null);
            return crud.serialize(ctx, model("entity"), List.of(ctx.tx().byId("entity", shot.id())), false,
                    ModelHooks.View.GET).get(0);
        });
    }

    /** {@code DELETE /data/shots/<s>/asset-instances/<i>}: removes the instance from the shot's instance casting. */
    public void removeShotAssetInstance(Caller caller, String shotIdText, String instanceIdText) {
        write(caller, ctx -> {
            Row shot = entityOfType(ctx.tx(), new Types(ctx.tx()), shotIdText, "Shot");
            ProjectAccess.requireTeam(ctx.access(), (UUID) shot.get("project_id"));
            UUID instanceId = Values.tryParseId(instanceIdText);
            if (instanceId == null || ctx.tx().byId("asset_instance", instanceId) == null) {
                throw ZouException.notFound("Asset instance not found");
            }
            int removed = ctx.tx().delete("asset_instance_link", List.of(Filter.eq("entity_id", shot.id()),
                    Filter.eq("asset_instance_id", instanceId)));
            if (removed == 0) {
                // Zou fails with a 500 (list.remove); the instance is simply not in this shot's casting
                throw ZouException.notFound("Asset instance is not cast in this shot");
            }
            ctx.tx().updateById("entity", shot.id(), Map.of("updated_at", ctx.now()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("shot_id", shot.id().toString());
            data.put("asset_instance_id", instanceId.toString());
            ctx.events().emit("asset_instance:remove-from-shot", data, null);
            return null;
        });
    }

    /** {@code GET /data/scenes/<s>/asset-instances}: asset id → instances of the scene. */
    public Map<String, List<Map<String, Object>>> sceneAssetInstances(Caller caller, String sceneIdText) {
        return sceneInstances(caller, sceneIdText, null);
    }

    /** {@code GET /data/scenes/<s>/camera-instances}: asset id → instances of assets of type Camera. */
    public Map<String, List<Map<String, Object>>> sceneCameraInstances(Caller caller, String sceneIdText) {
        return sceneInstances(caller, sceneIdText, "Camera");
    }

    private Map<String, List<Map<String, Object>>> sceneInstances(Caller caller, String sceneIdText,
                                                                  String assetTypeName) {
        return read(caller, ctx -> {
            Types types = new Types(ctx.tx());
            Row scene = entityOfType(ctx.tx(), types, sceneIdText, "Scene");
            UUID projectId = (UUID) scene.get("project_id");
            ProjectAccess.requireTeam(ctx.access(), projectId);
            requireEntityAccess(ctx, projectId, scene.id());
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.eq("scene_id", scene.id()));
            if (assetTypeName != null) {
                UUID typeId = types.idOf(assetTypeName);
                if (typeId == null) {
                    return new LinkedHashMap<>();
                }
                filters.add(Filter.sub("asset_id", "entity", "id", Filter.eq("entity_type_id", typeId)));
            }
            List<Row> rows = ctx.tx().select("asset_instance", filters,
                    List.of(Tx.Order.asc("asset_id"), Tx.Order.asc("number")), 0, 0);
            return groupInstances(ctx, rows);
        });
    }

    /** {@code POST /data/scenes/<s>/asset-instances}: a new instance of an asset in the scene, numbered next (201). */
    public Map<String, Object> addSceneAssetInstance(Caller caller, String sceneIdText, Map<String, Object> body) {
        UUID assetId = requiredUuid(body, "asset_id");
        Object description = body.get("description");
        return write(caller, ctx -> {
            Row scene = entityOfType(ctx.tx(), new Types(ctx.tx()), sceneIdText, "Scene");
            ProjectAccess.requireTeam(ctx.access(), (UUID) scene.get("project_id"));
            Row asset = ctx.tx().byId("entity", assetId);
            if (asset == null) {
                throw ZouException.notFound("Asset not found");
            }
            List<Row> last = ctx.tx().select("asset_instance", List.of(Filter.eq("scene_id", scene.id()),
                    Filter.eq("asset_id", assetId)), List.of(Tx.Order.desc("number")), 1, 0);
            int number = last.isEmpty() || last.get(0).get("number") == null ? 1
                    : ((Number) last.get(0).get("number")).intValue() + 1;
            UUID id = UUID.randomUUID();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", ctx.now());
            row.put("updated_at", ctx.now());
            row.put("asset_id", assetId);
            row.put("scene_id", scene.id());
            row.put("number", number);
            row.put("name", instanceName((String) asset.get("name"), number));
            row.put("description", description == null ? "" : description.toString());
            row.put("active", true);
            ctx.tx().insert("asset_instance", row);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("scene_id", scene.id().toString());
            data.put("asset_id", assetId.toString());
            data.put("asset_instance_id", id.toString());
            ctx.events().emit("asset_instance:new", data, null);
            return crud.serialize(ctx, model("asset_instance"), List.of(ctx.tx().byId("asset_instance", id)), false,
                    ModelHooks.View.GET).get(0);
        });
    }

    /** Zou's default instance name: the asset name slugified with underscores (case kept), then the 4-digit number. */
    static String instanceName(String assetName, int number) {
        String normalized = java.text.Normalizer.normalize(assetName == null ? "" : assetName,
                java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = normalized.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return slug + "_" + String.format("%04d", number);
    }

    private Map<String, List<Map<String, Object>>> groupInstances(HookContext ctx, List<Row> rows)
            throws SQLException {
        List<Map<String, Object>> serialized = crud.serialize(ctx, model("asset_instance"), rows, false,
                ModelHooks.View.LIST);
        Map<String, List<Map<String, Object>>> result = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            result.computeIfAbsent(rows.get(i).get("asset_id").toString(), k -> new ArrayList<>())
                    .add(serialized.get(i));
        }
        return result;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static UUID requiredUuid(Map<String, Object> body, String field) {
        Object v = body == null ? null : body.get(field);
        if (v == null || v.toString().isEmpty()) {
            throw ZouException.wrongParameter("Missing required field: " + field, Map.of(field,
                    List.of("Missing data for required field.")));
        }
        UUID id = Values.tryParseId(v.toString());
        if (id == null) {
            throw ZouException.wrongParameter("Invalid field: " + field, Map.of(field, List.of("Not a valid UUID.")));
        }
        return id;
    }

    static String str(Object v) {
        return v == null ? null : v.toString();
    }

    private static String name(Row r) {
        Object n = r == null ? null : r.get("name");
        return n == null ? "" : n.toString();
    }

    /** Entity types by id and by name (a small table), read once per request. */
    static final class Types {
        private final Map<UUID, String> names = new HashMap<>();
        private final Map<String, UUID> ids = new HashMap<>();

        Types(Tx tx) throws SQLException {
            for (Row r : tx.select("entity_type", List.of())) {
                names.put(r.id(), (String) r.get("name"));
                ids.putIfAbsent((String) r.get("name"), r.id());
            }
        }

        String name(Row entity) {
            String n = entity == null ? null : names.get((UUID) entity.get("entity_type_id"));
            return n == null ? "" : n;
        }

        UUID idOf(String name) {
            return ids.get(name);
        }

        boolean is(Row entity, String typeName) {
            return typeName.equals(name(entity));
        }
    }
}
