package org.zou4j.internal.assets;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.assets.EntityKind;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * The assets and shots blueprints' routes over links: an asset's casting and where it is cast, the assets of a shot,
 * shared assets, asset instances and the shots of a scene. Reads {@code entity_link}, {@code asset_instance} and
 * {@code asset_instance_link} directly (the breakdown area owns the casting of shots and episodes).
 */
public final class AssetLinks {
    private final CrudService crud;
    private final EventLog events;
    private final EntityService entities;

    public AssetLinks(CrudService crud, EventLog events, EntityService entities) {
        this.crud = crud;
        this.events = events;
        this.entities = entities;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    private <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    private JsonForm form() {
        return crud.jsonForm();
    }

    /** The entity of {@code kind} the caller may read (project team, vendor assigned when {@code entityCheck}). */
    private Row readable(HookContext ctx, EntityKind kind, String id, boolean entityCheck) throws SQLException {
        Row row = entities.loadTyped(ctx, kind, id);
        EntityService.requireProjectAccess(ctx.access(), (UUID) row.get("project_id"));
        if (entityCheck) {
            EntityService.requireEntityAccess(ctx, row.id());
        }
        return row;
    }

    // ---- casting -------------------------------------------------------------------------------------------------

    /** {@code GET /data/assets/<id>/casting}: the assets cast in this asset, by type name then name. */
    public List<Map<String, Object>> casting(Caller caller, String assetId) {
        return read(caller, ctx -> {
            Row asset = readable(ctx, EntityKind.ASSET, assetId, true);
            List<Object[]> rows = new ArrayList<>();
            for (Row link : ctx.tx().select("entity_link", List.of(Filter.eq("entity_in_id", asset.id())))) {
                Row out = ctx.access().row("entity", (UUID) link.get("entity_out_id"));
                if (out == null || Boolean.TRUE.equals(out.get("canceled"))) {
                    continue;
                }
                rows.add(new Object[] {EntityService.typeName(ctx, (UUID) out.get("entity_type_id")), out, link});
            }
            rows.sort((a, b) -> {
                int c = String.valueOf(a[0]).compareTo(String.valueOf(b[0]));
                return c != 0 ? c : String.valueOf(((Row) a[1]).get("name"))
                        .compareTo(String.valueOf(((Row) b[1]).get("name")));
            });
            List<Map<String, Object>> casting = new ArrayList<>();
            for (Object[] r : rows) {
                Row out = (Row) r[1];
                Row link = (Row) r[2];
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("asset_id", out.id().toString());
                m.put("asset_name", out.get("name"));
                m.put("asset_type_name", r[0]);
                m.put("ready_for", form().toJsonValue(out.get("ready_for")));
                m.put("episode_id", form().toJsonValue(out.get("source_id")));
                m.put("preview_file_id", form().toJsonValue(out.get("preview_file_id")));
                m.put("nb_occurences", link.get("nb_occurences"));
                m.put("label", link.get("label"));
                m.put("is_shared", out.get("is_shared"));
                m.put("project_id", out.get("project_id").toString());
                casting.add(m);
            }
            return casting;
        });
    }

    /**
     * {@code PUT /data/assets/<id>/casting} (manager): replaces the asset's links with the given casting (entries
     * with {@code asset_id} and {@code nb_occurences}); {@code entity-link:new} per link and
     * {@code asset:casting-update} with the added and removed asset ids. Answers the casting sent.
     */
    public List<Object> updateCasting(Caller caller, String assetId, Object body) {
        if (!(body instanceof List<?> list)) {
            throw ZouException.wrongParameter("Request body must be a JSON array.");
        }
        List<Object> casting = new ArrayList<>(list);
        return write(caller, ctx -> {
            Row asset = entities.loadTyped(ctx, EntityKind.ASSET, assetId);
            UUID projectId = (UUID) asset.get("project_id");
            EntityService.requireManager(ctx.access(), projectId);
            Set<String> previous = new TreeSet<>();
            for (Object o : ctx.tx().column("entity_link", "entity_out_id", List.of(Filter.eq("entity_in_id",
                    asset.id())))) {
                previous.add(o.toString());
            }
            ctx.tx().delete("entity_link", List.of(Filter.eq("entity_in_id", asset.id())));
            Set<String> added = new TreeSet<>();
            for (Object o : casting) {
                if (!(o instanceof Map<?, ?> cast) || !cast.containsKey("asset_id") || !cast.containsKey(
                        "nb_occurences")) {
                    continue;
                }
                UUID out = Values.tryParseId(String.valueOf(cast.get("asset_id")));
                if (out == null || ctx.tx().byId("entity", out) == null) {
                    throw ZouException.wrongParameter("Unknown asset_id in casting: " + cast.get("asset_id"));
                }
                int nb = cast.get("nb_occurences") instanceof Number n ? n.intValue() : 1;
                Object label = cast.get("label");
                Map<String, Object> link = new LinkedHashMap<>();
                UUID linkId = UUID.randomUUID();
                link.put("id", linkId);
                link.put("created_at", ctx.now());
                link.put("updated_at", ctx.now());
                link.put("entity_in_id", asset.id());
                link.put("entity_out_id", out);
                link.put("nb_occurences", nb);
                link.put("label", label instanceof String s ? s : "");
                ctx.tx().insert("entity_link", link);
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("entity_link_id", linkId.toString());
                event.put("entity_in_id", asset.id().toString());
                event.put("entity_out_id", out.toString());
                event.put("nb_occurences", nb);
                ctx.events().emit("entity-link:new", event, projectId);
                added.add(out.toString());
            }
            ctx.tx().updateById("entity", asset.id(), Map.of("nb_entities_out", casting.size(),
                    "updated_at", ctx.now()));
            Set<String> removed = new TreeSet<>(previous);
            removed.removeAll(added);
            Set<String> newOnes = new TreeSet<>(added);
            newOnes.removeAll(previous);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("asset_id", asset.id().toString());
            event.put("nb_entities_out", casting.size());
            event.put("added_asset_ids", new ArrayList<>(newOnes));
            event.put("removed_asset_ids", new ArrayList<>(removed));
            ctx.events().emit("asset:casting-update", event, projectId);
            return casting;
        });
    }

    /** {@code GET /data/assets/<id>/cast-in}: the shots (then the assets) this asset is cast in. */
    public List<Map<String, Object>> castIn(Caller caller, String assetId) {
        return read(caller, ctx -> {
            Row asset = readable(ctx, EntityKind.ASSET, assetId, true);
            List<Object[]> shots = new ArrayList<>();
            List<Object[]> assets = new ArrayList<>();
            for (Row link : ctx.tx().select("entity_link", List.of(Filter.eq("entity_out_id", asset.id())))) {
                Row in = ctx.access().row("entity", (UUID) link.get("entity_in_id"));
                if (in == null || Boolean.TRUE.equals(in.get("canceled"))) {
                    continue;
                }
                EntityKind kind = EntityService.kindOf(ctx, in);
                if (kind == EntityKind.ASSET) {
                    assets.add(new Object[] {EntityService.typeName(ctx, (UUID) in.get("entity_type_id")), in, link});
                } else if (in.get("parent_id") != null) {
                    Row sequence = ctx.access().row("entity", (UUID) in.get("parent_id"));
                    Row episode = sequence == null ? null : ctx.access().row("entity", (UUID) sequence.get("parent_id"));
                    if (sequence != null) {
                        shots.add(new Object[] {episode, sequence, in, link});
                    }
                }
            }
            shots.sort((a, b) -> {
                String ea = a[0] == null ? "\uffff" : (String) ((Row) a[0]).get("name"); // NULL episodes last
                String eb = b[0] == null ? "\uffff" : (String) ((Row) b[0]).get("name");
                int c = ea.compareTo(eb);
                c = c != 0 ? c : ((String) ((Row) a[1]).get("name")).compareTo((String) ((Row) b[1]).get("name"));
                return c != 0 ? c : ((String) ((Row) a[2]).get("name")).compareTo((String) ((Row) b[2]).get("name"));
            });
            assets.sort((a, b) -> {
                int c = String.valueOf(a[0]).compareTo(String.valueOf(b[0]));
                return c != 0 ? c : String.valueOf(((Row) a[1]).get("name"))
                        .compareTo(String.valueOf(((Row) b[1]).get("name")));
            });
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object[] s : shots) {
                Row episode = (Row) s[0];
                Row shot = (Row) s[2];
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("shot_id", shot.id().toString());
                m.put("shot_name", shot.get("name"));
                m.put("sequence_name", ((Row) s[1]).get("name"));
                m.put("episode_id", episode == null ? "None" : episode.id().toString()); // Zou's str(None)
                m.put("episode_name", episode == null ? null : episode.get("name"));
                m.put("preview_file_id", form().toJsonValue(shot.get("preview_file_id")));
                m.put("nb_occurences", ((Row) s[3]).get("nb_occurences"));
                out.add(m);
            }
            for (Object[] a : assets) {
                Row in = (Row) a[1];
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("asset_id", in.id().toString());
                m.put("asset_name", in.get("name"));
                m.put("asset_type_name", a[0]);
                m.put("preview_file_id", form().toJsonValue(in.get("preview_file_id")));
                m.put("nb_occurences", ((Row) a[2]).get("nb_occurences"));
                out.add(m);
            }
            return out;
        });
    }

    /** {@code GET /data/assets/<id>/assets} and {@code /data/shots/<id>/assets}: the entities cast in it, as Assets. */
    public List<Map<String, Object>> castAssets(Caller caller, EntityKind kind, String id) {
        return read(caller, ctx -> {
            Row entity = readable(ctx, kind, id, true);
            List<Row> rows = ctx.tx().select("entity", List.of(Filter.sub("id", "entity_link", "entity_out_id",
                    Filter.eq("entity_in_id", entity.id()))), List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = crud.serialize(ctx, crud.models().table("entity"), rows, false,
                    ModelHooks.View.LIST);
            out.forEach(m -> m.put("type", "Asset"));
            return out;
        });
    }

    /** {@code GET /data/shots/<id>/asset-types}: the types of the assets cast in the shot. */
    public List<Map<String, Object>> shotAssetTypes(Caller caller, String shotId) {
        return read(caller, ctx -> {
            Row shot = readable(ctx, EntityKind.SHOT, shotId, false);
            List<Row> rows = ctx.tx().select("entity_type", List.of(Filter.sub("id", "entity", "entity_type_id",
                    Filter.sub("id", "entity_link", "entity_out_id", Filter.eq("entity_in_id", shot.id())))),
                    List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = crud.serialize(ctx, crud.models().table("entity_type"), rows, false,
                    ModelHooks.View.LIST);
            out.forEach(m -> m.put("type", "AssetType"));
            return out;
        });
    }

    // ---- shared assets -------------------------------------------------------------------------------------------

    /**
     * Zou's three share routes: {@code is_shared} (default true) on the listed assets, or on the assets of a project
     * (of one type); managers of the projects concerned. Answers the assets changed. No event, as Zou.
     */
    public List<Map<String, Object>> share(Caller caller, String projectIdText, String typeIdText,
                                           Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        boolean shared = !Boolean.FALSE.equals(b.get("is_shared"));
        List<UUID> ids = null;
        if (b.get("asset_ids") instanceof List<?> list) {
            ids = new ArrayList<>();
            for (Object o : list) {
                UUID id = o == null ? null : Values.tryParseId(o.toString());
                if (id == null) {
                    throw ZouException.wrongParameter("asset_ids must be a list of ids");
                }
                ids.add(id);
            }
        } else if (b.get("asset_ids") != null) {
            throw ZouException.wrongParameter("asset_ids must be a list of ids");
        }
        if (projectIdText == null && ids == null) {
            ids = List.of();
        }
        List<UUID> assetIds = ids;
        return write(caller, ctx -> {
            List<Filter> filters = new ArrayList<>(entities.kindFilter(ctx, EntityKind.ASSET));
            if (projectIdText != null) {
                UUID projectId = Values.tryParseId(projectIdText);
                if (projectId == null || ctx.tx().byId("project", projectId) == null) {
                    throw ZouException.notFound();
                }
                EntityService.requireManager(ctx.access(), projectId);
                filters.add(Filter.eq("project_id", projectId));
            }
            if (typeIdText != null) {
                UUID typeId = Values.tryParseId(typeIdText);
                if (typeId == null) {
                    throw ZouException.notFound();
                }
                filters.add(Filter.eq("entity_type_id", typeId));
            }
            if (assetIds != null) {
                filters.add(Filter.in("id", assetIds));
            }
            List<Row> assets = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name")), 0, 0);
            if (projectIdText == null) {
                Set<UUID> projects = new HashSet<>();
                for (Row a : assets) {
                    projects.add((UUID) a.get("project_id"));
                }
                for (UUID p : projects) {
                    EntityService.requireManager(ctx.access(), p);
                }
            }
            List<Row> updated = new ArrayList<>();
            for (Row a : assets) {
                ctx.tx().updateById("entity", a.id(), Map.of("is_shared", shared, "updated_at", ctx.now()));
                updated.add(ctx.tx().byId("entity", a.id()));
            }
            List<Map<String, Object>> out = crud.serialize(ctx, crud.models().table("entity"), updated, false,
                    ModelHooks.View.LIST);
            out.forEach(m -> m.put("type", "Asset"));
            return out;
        });
    }

    /**
     * {@code GET /data/projects/<id>/assets/shared-used} (and per episode): shared assets of other projects cast in
     * this project's shots.
     */
    public List<Map<String, Object>> sharedUsed(Caller caller, String projectIdText, String episodeIdText) {
        UUID projectId = Values.tryParseId(projectIdText);
        if (projectId == null) {
            throw ZouException.notFound();
        }
        UUID episodeId = episodeIdText == null || episodeIdText.equals("main") || episodeIdText.equals("all") ? null
                : Values.tryParseId(episodeIdText);
        if (episodeIdText != null && episodeId == null && !episodeIdText.equals("main")
                && !episodeIdText.equals("all")) {
            throw ZouException.notFound();
        }
        return read(caller, ctx -> {
            EntityService.requireProjectAccess(ctx.access(), projectId);
            Filter sequences = episodeId == null ? Filter.not(new Filter.IsNull("id"))
                    : Filter.eq("parent_id", episodeId);
            Filter shots = Filter.and(List.of(Filter.eq("project_id", projectId), Filter.sub("parent_id", "entity",
                    "id", sequences)));
            List<Filter> filters = new ArrayList<>(entities.kindFilter(ctx, EntityKind.ASSET));
            filters.add(Filter.eq("is_shared", true));
            filters.add(Filter.not(Filter.eq("project_id", projectId)));
            filters.add(Filter.or(new Filter.IsNull("canceled"), Filter.eq("canceled", false)));
            filters.add(Filter.sub("id", "entity_link", "entity_out_id", Filter.sub("entity_in_id", "entity", "id",
                    shots)));
            List<Row> rows = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = crud.serialize(ctx, crud.models().table("entity"), rows, false,
                    ModelHooks.View.LIST);
            out.forEach(m -> m.put("type", "Asset"));
            return out;
        });
    }

    // ---- asset instances -----------------------------------------------------------------------------------------

    /**
     * The asset's instances grouped by a key: {@code target} (instances inside this asset, by instantiated asset),
     * {@code shot} (instances of this asset, by shot) or {@code scene} (instances of this asset, by scene).
     */
    public Map<String, Object> assetInstances(Caller caller, String assetId, String by) {
        return read(caller, ctx -> {
            Row asset = readable(ctx, EntityKind.ASSET, assetId, false);
            Map<String, Object> out = new LinkedHashMap<>();
            List<Row> instances = ctx.tx().select("asset_instance", List.of(Filter.eq(by.equals("target")
                    ? "target_asset_id" : "asset_id", asset.id())), List.of(Tx.Order.asc("asset_id"),
                    Tx.Order.asc("number")), 0, 0);
            for (Row i : instances) {
                Map<String, Object> m = crud.serialize(ctx, crud.models().table("asset_instance"), List.of(i), false,
                        ModelHooks.View.LIST).get(0);
                List<Object> keys = new ArrayList<>();
                switch (by) {
                    case "target" -> keys.add(i.get("asset_id"));
                    case "scene" -> keys.add(i.get("scene_id"));
                    default -> keys.addAll(ctx.tx().column("asset_instance_link", "entity_id",
                            List.of(Filter.eq("asset_instance_id", i.id()))));
                }
                for (Object k : keys) {
                    @SuppressWarnings("unchecked")
                    List<Object> group = (List<Object>) out.computeIfAbsent(String.valueOf(k), x -> new ArrayList<>());
                    group.add(m);
                }
            }
            return out;
        });
    }

    /** {@code POST /data/assets/<id>/asset-asset-instances}: a new instance of another asset inside this one. */
    public Map<String, Object> addAssetInstance(Caller caller, String assetId, Map<String, Object> body) {
        Object raw = body == null ? null : body.get("asset_to_instantiate_id");
        UUID toInstantiate = raw == null ? null : Values.tryParseId(raw.toString());
        if (toInstantiate == null) {
            throw ZouException.wrongParameter("asset_to_instantiate_id is required and must be a valid UUID",
                    Map.of("fields", List.of("asset_to_instantiate_id")));
        }
        Object description = body.get("description");
        return write(caller, ctx -> {
            Row asset = readable(ctx, EntityKind.ASSET, assetId, false);
            Row other = ctx.tx().byId("entity", toInstantiate);
            if (other == null) {
                throw ZouException.notFound("Asset not found");
            }
            int number = 1;
            for (Row i : ctx.tx().select("asset_instance", List.of(Filter.eq("target_asset_id", asset.id()),
                    Filter.eq("asset_id", toInstantiate)), List.of(Tx.Order.desc("number")), 1, 0)) {
                number = (i.get("number") == null ? 0 : ((Number) i.get("number")).intValue()) + 1;
            }
            String slug = String.valueOf(other.get("name")).replaceAll("[^A-Za-z0-9]+", "_")
                    .replaceAll("^_+|_+$", "");
            Map<String, Object> row = new LinkedHashMap<>();
            UUID id = UUID.randomUUID();
            row.put("id", id);
            row.put("created_at", ctx.now());
            row.put("updated_at", ctx.now());
            row.put("asset_id", toInstantiate);
            row.put("target_asset_id", asset.id());
            row.put("number", number);
            row.put("name", slug + "_" + String.format("%04d", number));
            row.put("description", description instanceof String s ? s : null);
            ctx.tx().insert("asset_instance", row);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("asset_id", asset.id().toString());
            event.put("asset_instantiated", toInstantiate.toString());
            event.put("asset_instance_id", id.toString());
            ctx.events().emit("asset_instance:new", event, null);
            return crud.serialize(ctx, crud.models().table("asset_instance"), List.of(ctx.tx().byId("asset_instance",
                    id)), false, ModelHooks.View.GET).get(0);
        });
    }

    // ---- scenes --------------------------------------------------------------------------------------------------

    /** {@code GET /data/scenes/<id>/shots}: the shots whose source is this scene. */
    public List<Map<String, Object>> sceneShots(Caller caller, String sceneId) {
        return read(caller, ctx -> {
            Row scene = readable(ctx, EntityKind.SCENE, sceneId, true);
            List<Filter> filters = new ArrayList<>(entities.kindFilter(ctx, EntityKind.SHOT));
            filters.add(Filter.eq("source_id", scene.id()));
            List<Row> rows = ctx.tx().select("entity", filters, List.of(Tx.Order.asc("name")), 0, 0);
            List<Map<String, Object>> out = crud.serialize(ctx, crud.models().table("entity"), rows, false,
                    ModelHooks.View.LIST);
            for (int i = 0; i < rows.size(); i++) {
                out.get(i).put("type", "Shot");
                out.get(i).put("project_name", EntityService.name(ctx, "project", (UUID) rows.get(i).get("project_id")));
                out.get(i).put("sequence_name", EntityService.name(ctx, "entity", (UUID) rows.get(i).get("parent_id")));
            }
            return out;
        });
    }

    /**
     * {@code POST /data/scenes/<id>/shots} ({@code shot_id}) and {@code DELETE /data/scenes/<id>/shots/<shot_id>}:
     * sets or clears the shot's source; {@code shot:update} then {@code shot:add-to-scene} /
     * {@code shot:remove-from-scene}. Answers the shot.
     */
    public Map<String, Object> sceneShot(Caller caller, String sceneId, String shotIdText, boolean add) {
        return write(caller, ctx -> {
            Row scene = readable(ctx, EntityKind.SCENE, sceneId, false);
            Row shot = entities.loadTyped(ctx, EntityKind.SHOT, shotIdText);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("source_id", add ? scene.id() : null);
            change.put("updated_at", ctx.now());
            ctx.tx().updateById("entity", shot.id(), change);
            UUID projectId = (UUID) shot.get("project_id");
            ctx.events().emit("shot:update", Map.of("shot_id", shot.id().toString()), projectId);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("scene_id", scene.id().toString());
            event.put("shot_id", shot.id().toString());
            ctx.events().emit(add ? "shot:add-to-scene" : "shot:remove-from-scene", event, projectId);
            Map<String, Object> m = crud.serialize(ctx, crud.models().table("entity"), List.of(ctx.tx().byId("entity",
                    shot.id())), false, ModelHooks.View.GET).get(0);
            return m;
        });
    }
}
