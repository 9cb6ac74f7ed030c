package org.zou4j.internal.breakdown;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * One casting replacement, as Zou's {@code breakdown_service.update_casting}: the entity's links are dropped and
 * re-created from the casting ({@code entity-link:new} each), a shot's assets are cast in its episode too
 * ({@code asset:update}), assets removed from an episode leave its shots, assets removed from a shot leave its episode
 * when no other shot of it casts them, {@code nb_entities_out} follows, a shot's tasks get their
 * {@code nb_assets_ready}, and one {@code shot:casting-update} / {@code episode:casting-update} /
 * {@code asset:casting-update} event carries the added and removed asset ids.
 */
final class CastingUpdate {
    private final HookContext ctx;
    private final Tx tx;
    private final BreakdownService.Types types;

    CastingUpdate(HookContext ctx, BreakdownService.Types types) {
        this.ctx = ctx;
        this.tx = ctx.tx();
        this.types = types;
    }

    /** A valid cast: an asset id and a number of occurences (Zou ignores other items). */
    private record Cast(UUID assetId, Object nbOccurences, String label) {
    }

    void apply(Row entity, List<Object> casting) throws SQLException {
        UUID entityId = entity.id();
        UUID projectId = (UUID) entity.get("project_id");
        List<Cast> casts = parse(casting);
        boolean episode = types.is(entity, "Episode");
        boolean shot = types.is(entity, "Shot");

        Set<String> previous = new TreeSet<>();
        for (Object id : tx.column("entity_link", "entity_out_id", List.of(Filter.eq("entity_in_id", entityId)))) {
            previous.add(id.toString());
        }
        Set<String> next = new TreeSet<>();
        for (Cast c : casts) {
            next.add(c.assetId().toString());
        }
        List<String> added = new ArrayList<>(next);
        added.removeAll(previous);
        List<String> removed = new ArrayList<>(previous);
        removed.removeAll(next);

        if (episode) {
            for (String assetId : removed) {
                removeFromEpisodeShots(UUID.fromString(assetId), entityId);
            }
        }
        tx.delete("entity_link", List.of(Filter.eq("entity_in_id", entityId)));
        for (Cast c : casts) {
            createLink(entity, c);
            if (episode) {
                ctx.events().emit("asset:update", Map.of("asset_id", c.assetId().toString()), projectId);
            }
        }
        int nbOut = casts.size();
        tx.updateById("entity", entityId, Map.of("nb_entities_out", nbOut, "updated_at", ctx.now()));

        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("nb_entities_out", nbOut);
        diff.put("added_asset_ids", added);
        diff.put("removed_asset_ids", removed);
        if (shot) {
            refreshShotCastingStats(entityId, projectId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("shot_id", entityId.toString());
            data.putAll(diff);
            ctx.events().emit("shot:casting-update", data, projectId);
            UUID episodeId = episodeOfShot(entity);
            if (episodeId != null) {
                for (String assetId : removed) {
                    detachFromEpisodeIfUnused(UUID.fromString(assetId), episodeId);
                }
            }
        } else if (episode) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("episode_id", entityId.toString());
            data.putAll(diff);
            ctx.events().emit("episode:casting-update", data, projectId);
        } else {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("asset_id", entityId.toString());
            data.putAll(diff);
            ctx.events().emit("asset:casting-update", data, projectId);
        }
    }

    /**
     * The valid casts, asset ids checked: Zou lets the database refuse an unknown asset (and logs it); here an unknown
     * or malformed asset id is a 400 naming it, before anything changes. A repeated asset keeps its last values.
     */
    private List<Cast> parse(List<Object> casting) throws SQLException {
        Map<UUID, Cast> byAsset = new LinkedHashMap<>();
        for (Object item : casting) {
            if (!(item instanceof Map<?, ?> m) || !m.containsKey("asset_id") || !m.containsKey("nb_occurences")) {
                continue;
            }
            Object raw = m.get("asset_id");
            UUID assetId = raw == null ? null : Values.tryParseId(raw.toString());
            if (assetId == null || tx.byId("entity", assetId) == null) {
                throw ZouException.wrongParameter("Asset not found: " + raw);
            }
            Object nb = m.get("nb_occurences");
            if (nb != null && !(nb instanceof Number)) {
                try {
                    nb = Integer.parseInt(nb.toString().trim());
                } catch (NumberFormatException e) {
                    throw ZouException.wrongParameter("nb_occurences must be an integer: " + nb);
                }
            }
            Object label = m.get("label");
            byAsset.remove(assetId);
            byAsset.put(assetId, new Cast(assetId, nb == null ? null : ((Number) nb).intValue(),
                    label == null ? "" : label.toString()));
        }
        return new ArrayList<>(byAsset.values());
    }

    private void createLink(Row entity, Cast c) throws SQLException {
        UUID projectId = (UUID) entity.get("project_id");
        createEpisodeLink(entity, c.assetId());
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("entity_in_id", entity.id());
        row.put("entity_out_id", c.assetId());
        row.put("nb_occurences", c.nbOccurences());
        row.put("label", c.label());
        tx.insert("entity_link", row);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity_link_id", id.toString());
        data.put("entity_in_id", entity.id().toString());
        data.put("entity_out_id", c.assetId().toString());
        data.put("nb_occurences", c.nbOccurences());
        ctx.events().emit("entity-link:new", data, projectId);
    }

    /** A shot's asset is cast in the shot's episode too (once, one occurence). */
    private void createEpisodeLink(Row entity, UUID assetId) throws SQLException {
        UUID episodeId = types.is(entity, "Shot") ? episodeOfShot(entity) : null;
        if (episodeId == null) {
            return;
        }
        if (tx.exists("entity_link", List.of(Filter.eq("entity_in_id", episodeId),
                Filter.eq("entity_out_id", assetId)))) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.randomUUID());
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("entity_in_id", episodeId);
        row.put("entity_out_id", assetId);
        row.put("nb_occurences", 1);
        row.put("label", "");
        tx.insert("entity_link", row);
        Row episode = tx.byId("entity", episodeId);
        tx.updateById("entity", episodeId, Map.of("nb_entities_out", count(episode) + 1, "updated_at", ctx.now()));
        ctx.events().emit("asset:update", Map.of("asset_id", assetId.toString()), (UUID) entity.get("project_id"));
    }

    private UUID episodeOfShot(Row shot) throws SQLException {
        UUID parent = (UUID) shot.get("parent_id");
        if (parent == null) {
            return null;
        }
        Row sequence = tx.byId("entity", parent);
        return sequence == null ? null : (UUID) sequence.get("parent_id");
    }

    private List<UUID> shotsOfEpisode(UUID episodeId) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        UUID shotType = types.idOf("Shot");
        if (shotType == null) {
            return ids;
        }
        for (Object id : tx.column("entity", "id", List.of(Filter.eq("entity_type_id", shotType),
                Filter.sub("parent_id", "entity", "id", Filter.eq("parent_id", episodeId))))) {
            ids.add((UUID) id);
        }
        return ids;
    }

    /** An asset dropped from an episode leaves the casting of every shot of the episode. */
    private void removeFromEpisodeShots(UUID assetId, UUID episodeId) throws SQLException {
        List<UUID> shots = shotsOfEpisode(episodeId);
        if (shots.isEmpty()) {
            return;
        }
        List<Row> links = tx.select("entity_link", List.of(Filter.in("entity_in_id", shots),
                Filter.eq("entity_out_id", assetId)));
        for (Row link : links) {
            UUID shotId = (UUID) link.get("entity_in_id");
            Row shot = tx.byId("entity", shotId);
            int nb = count(shot) - 1;
            tx.updateById("entity", shotId, Map.of("nb_entities_out", nb, "updated_at", ctx.now()));
            tx.delete("entity_link", List.of(Filter.eq("id", link.id())));
            refreshShotCastingStats(shotId, (UUID) shot.get("project_id"));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("shot_id", shotId.toString());
            data.put("nb_entities_out", nb);
            data.put("added_asset_ids", List.of());
            data.put("removed_asset_ids", List.of(assetId.toString()));
            ctx.events().emit("shot:casting-update", data, (UUID) shot.get("project_id"));
        }
    }

    /** An asset dropped from a shot leaves the shot's episode unless another shot of the episode still casts it. */
    private void detachFromEpisodeIfUnused(UUID assetId, UUID episodeId) throws SQLException {
        List<UUID> shots = shotsOfEpisode(episodeId);
        if (!shots.isEmpty() && tx.exists("entity_link", List.of(Filter.in("entity_in_id", shots),
                Filter.eq("entity_out_id", assetId)))) {
            return;
        }
        List<Filter> key = List.of(Filter.eq("entity_in_id", episodeId), Filter.eq("entity_out_id", assetId));
        if (tx.delete("entity_link", key) == 0) {
            return;
        }
        Row episode = tx.byId("entity", episodeId);
        int nb = Math.max(count(episode) - 1, 0);
        tx.updateById("entity", episodeId, Map.of("nb_entities_out", nb, "updated_at", ctx.now()));
        UUID projectId = (UUID) episode.get("project_id");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("episode_id", episodeId.toString());
        data.put("nb_entities_out", nb);
        data.put("added_asset_ids", List.of());
        data.put("removed_asset_ids", List.of(assetId.toString()));
        ctx.events().emit("episode:casting-update", data, projectId);
        ctx.events().emit("asset:update", Map.of("asset_id", assetId.toString()), projectId);
    }

    /**
     * Zou's {@code refresh_shot_casting_stats}: for each task of the shot, how many cast assets are ready for it (a
     * shared asset of another project always is; otherwise its {@code ready_for} task type must come at or after the
     * task's own in the project's shot pipeline). Zou's event for it is not persisted, so none is logged here.
     */
    private void refreshShotCastingStats(UUID shotId, UUID projectId) throws SQLException {
        List<Row> tasks = tx.select("task", List.of(Filter.eq("entity_id", shotId)));
        if (tasks.isEmpty()) {
            return;
        }
        Map<UUID, Integer> priorities = new HashMap<>();
        for (Row link : tx.select("project_task_type_link", List.of(Filter.eq("project_id", projectId),
                Filter.sub("task_type_id", "task_type", "id", Filter.eq("for_entity", "Shot"))))) {
            Object p = link.get("priority");
            priorities.put((UUID) link.get("task_type_id"), p == null ? null : ((Number) p).intValue());
        }
        Set<UUID> assetIds = new LinkedHashSet<>();
        for (Object id : tx.column("entity_link", "entity_out_id", List.of(Filter.eq("entity_in_id", shotId)))) {
            assetIds.add((UUID) id);
        }
        List<Row> assets = assetIds.isEmpty() ? List.of()
                : tx.select("entity", List.of(Filter.in("id", List.copyOf(assetIds))));
        for (Row task : tasks) {
            int ready = 0;
            for (Row asset : assets) {
                if (isReady(asset, task, priorities)) {
                    ready++;
                }
            }
            if (!Integer.valueOf(ready).equals(task.get("nb_assets_ready"))) {
                tx.updateById("task", task.id(), Map.of("nb_assets_ready", ready));
            }
        }
    }

    private static boolean isReady(Row asset, Row task, Map<UUID, Integer> priorities) {
        if (Boolean.TRUE.equals(asset.get("canceled"))) {
            return false;
        }
        if (Boolean.TRUE.equals(asset.get("is_shared")) && !asset.get("project_id").equals(task.get("project_id"))) {
            return true;
        }
        UUID readyFor = (UUID) asset.get("ready_for");
        if (readyFor == null) {
            return false;
        }
        int readyPriority = orDefault(priorities.get(readyFor), -1);
        int taskPriority = orDefault(priorities.get((UUID) task.get("task_type_id")), 0);
        return taskPriority <= readyPriority;
    }

    /** Python's {@code x or default}: null and 0 both give the default. */
    private static int orDefault(Integer v, int dflt) {
        return v == null || v == 0 ? dflt : v;
    }

    private static int count(Row entity) {
        Object n = entity == null ? null : entity.get("nb_entities_out");
        return n == null ? 0 : ((Number) n).intValue();
    }
}
