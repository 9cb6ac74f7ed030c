package org.zou4j.internal.playlists;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore;
import org.zou4j.internal.access.Caller;
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
 * Zou's {@code playlists} blueprint reads and writes (zou/app/blueprints/playlists/resources.py,
 * zou/app/services/playlists_service.py): lists, one playlist with its previews, adding entities, temporary
 * playlists, entity previews, client notifications. Movies, archives and share links: {@link PlaylistMedia} and
 * {@link ShareLinks}.
 */
public final class PlaylistService {
    /** {@code PLAYLISTS_PAGE_SIZE}. */
    static final int PAGE_SIZE = 20;
    /** Zou's {@code NB_RECORDS_PER_PAGE} default. */
    static final int RECORDS_PER_PAGE = 100;
    private static final List<String> LIST_ATTRS = List.of("id", "name", "project_id", "episode_id", "task_type_id",
            "for_client", "for_entity", "is_for_all", "created_at", "updated_at", "created_by");

    final PlaylistSupport s;
    private final PlaylistMedia media;
    private final ShareLinks shares;
    private final SharedAccess shared;

    /** @param ffmpeg the engine's movie tools (playlist builds), or null when this machine has none */
    public PlaylistService(CrudService crud, EventLog events, FileStore store, org.zou4j.internal.media.Ffmpeg ffmpeg,
                           org.zou4j.mail.MailSender mail,
                           org.zou4j.internal.tasks.GuestComments guestComments) {
        this.s = new PlaylistSupport(crud, events);
        this.media = new PlaylistMedia(s, store, ffmpeg);
        this.shares = new ShareLinks(s, mail);
        this.shared = new SharedAccess(s, shares, media, guestComments);
    }

    public PlaylistMedia media() {
        return media;
    }

    public ShareLinks shares() {
        return shares;
    }

    public SharedAccess shared() {
        return shared;
    }

    // ---- lists -----------------------------------------------------------------------------------------------------

    /** {@code ProjectPlaylistsResource}. */
    public List<Map<String, Object>> projectPlaylists(Caller caller, String projectIdText, int page, String sortBy,
                                                      String taskTypeId) {
        return s.read(caller, ctx -> {
            PlaylistSupport.blockVendor(ctx);
            UUID projectId = projectId(ctx, projectIdText);
            PlaylistSupport.requireTeam(ctx, projectId);
            List<Filter> filters = new ArrayList<>(List.of(Filter.eq("project_id", projectId)));
            return page(ctx, projectId, filters, page, sortBy, taskTypeId);
        });
    }

    /** {@code EpisodePlaylistsResource}: {@code main} (no episode, not for all), {@code all}, or an episode. */
    public List<Map<String, Object>> episodePlaylists(Caller caller, String projectIdText, String episodeIdText,
                                                      int page, String sortBy, String taskTypeId) {
        return s.read(caller, ctx -> {
            PlaylistSupport.blockVendor(ctx);
            UUID projectId = projectId(ctx, projectIdText);
            PlaylistSupport.requireTeam(ctx, projectId);
            List<Filter> filters = new ArrayList<>(List.of(Filter.eq("project_id", projectId)));
            if ("main".equals(episodeIdText)) {
                filters.add(new Filter.IsNull("episode_id"));
                filters.add(Filter.or(new Filter.IsNull("is_for_all"), Filter.eq("is_for_all", false)));
            } else if ("all".equals(episodeIdText)) {
                filters.add(new Filter.IsNull("episode_id"));
                filters.add(Filter.eq("is_for_all", true));
            } else {
                Row episode = PlaylistSupport.require(ctx, "entity", episodeIdText, "Episode");
                Row type = ctx.tx().byId("entity_type", (UUID) episode.get("entity_type_id"));
                if (type == null || !"Episode".equals(type.get("name"))) {
                    throw ZouException.notFound("Episode not found");
                }
                filters.add(Filter.eq("episode_id", episode.id()));
            }
            return page(ctx, projectId, filters, page, sortBy, taskTypeId);
        });
    }

    private static UUID projectId(HookContext ctx, String text) throws SQLException {
        UUID id = Values.tryParseId(text);
        ProjectAccess.requireProject(ctx.tx(), id);
        return id;
    }

    private List<Map<String, Object>> page(HookContext ctx, UUID projectId, List<Filter> filters, int page,
                                           String sortBy, String taskTypeId) throws SQLException {
        if ("client".equals(PlaylistSupport.role(ctx, projectId)) && !ctx.caller().isAdmin()) {
            filters.add(Filter.eq("for_client", true));
        }
        if (taskTypeId != null && !taskTypeId.isEmpty()) {
            UUID tt = Values.tryParseId(taskTypeId);
            if (tt == null) {
                return List.of();
            }
            filters.add(Filter.eq("task_type_id", tt));
        }
        Tx.Order order = Tx.Order.desc("updated_at");
        if (sortBy != null && s.model("playlist").table().has(sortBy) && !"shots".equals(sortBy)) {
            order = sortBy.equals("created_at") || sortBy.equals("updated_at") ? Tx.Order.desc(sortBy)
                    : Tx.Order.asc(sortBy);
        }
        int p = Math.max(page, 1);
        List<Row> rows = ctx.tx().select("playlist", filters, List.of(order, Tx.Order.asc("id")), PAGE_SIZE,
                (p - 1) * PAGE_SIZE);
        List<Map<String, Object>> serialized = s.many(ctx, "playlist", rows);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(listDict(serialized.get(i), rows.get(i)));
        }
        return out;
    }

    /** {@code build_playlist_dict}: the list fields and the first shot's preview. */
    private Map<String, Object> listDict(Map<String, Object> full, Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "Playlist");
        for (String attr : LIST_ATTRS) {
            out.put(attr, full.get(attr));
        }
        if (out.get("for_entity") == null) {
            out.put("for_entity", "shot");
        }
        List<Map<String, Object>> shots = s.shots(row);
        if (!shots.isEmpty() && shots.get(0).get("preview_file_id") != null) {
            out.put("first_preview_file_id", shots.get(0).get("preview_file_id").toString());
        }
        return out;
    }

    /** {@code ProjectPlaylistResource}: the playlist must belong to the project (Zou did not check). */
    public Map<String, Object> playlist(Caller caller, String projectIdText, String playlistIdText) {
        return s.read(caller, ctx -> {
            PlaylistSupport.blockVendor(ctx);
            UUID projectId = projectId(ctx, projectIdText);
            PlaylistSupport.requireTeam(ctx, projectId);
            Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
            if (!projectId.equals(playlist.get("project_id"))) {
                throw ZouException.notFound("Playlist not found");
            }
            if ("client".equals(PlaylistSupport.role(ctx, projectId)) && !ctx.caller().isAdmin()
                    && !Boolean.TRUE.equals(playlist.get("for_client"))) {
                throw ZouException.forbidden();
            }
            return s.playlistWithPreviews(ctx, playlist, false);
        });
    }

    /** {@code ProjectAllPlaylistsResource}: admins; a list, or Zou's paginated object when {@code page >= 1}. */
    public Object allPlaylists(Caller caller, String projectIdText, int page) {
        return s.read(caller, ctx -> {
            ProjectAccess.requireAdmin(ctx.access());
            UUID projectId = projectId(ctx, projectIdText);
            List<Filter> filters = List.of(Filter.eq("project_id", projectId));
            if (page < 1) {
                return s.crud.serialize(ctx, s.model("playlist"), ctx.tx().select("playlist", filters,
                        List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id")), 0, 0), true, ModelHooks.View.LIST);
            }
            long total = ctx.tx().count("playlist", filters);
            int offset = (page - 1) * RECORDS_PER_PAGE;
            Map<String, Object> result = new LinkedHashMap<>();
            List<Map<String, Object>> data = total < offset ? List.of() : s.crud.serialize(ctx, s.model("playlist"),
                    ctx.tx().select("playlist", filters, List.of(Tx.Order.asc("created_at"), Tx.Order.asc("id")),
                            RECORDS_PER_PAGE, offset), true, ModelHooks.View.LIST);
            result.put("data", data);
            result.put("total", total < offset ? 0 : total);
            result.put("nb_pages", (int) Math.ceil(total / (double) RECORDS_PER_PAGE));
            result.put("limit", RECORDS_PER_PAGE);
            result.put("offset", offset);
            result.put("page", page);
            return result;
        });
    }

    // ---- previews of an entity --------------------------------------------------------------------------------------

    /** {@code EntityPreviewsResource} / {@code get_preview_files_for_entity}. */
    public Map<String, Object> entityPreviewFiles(Caller caller, String entityIdText) {
        return s.read(caller, ctx -> {
            Row entity = PlaylistSupport.require(ctx, "entity", entityIdText, "Entity");
            PlaylistSupport.requireTeam(ctx, (UUID) entity.get("project_id"));
            checkEntityAccess(ctx, entity);
            return previewFilesOfEntity(ctx, entity.id());
        });
    }

    /** {@code check_entity_access}: a vendor needs a task assigned on the entity. */
    static void checkEntityAccess(HookContext ctx, Row entity) throws SQLException {
        if (!ctx.caller().isAdmin() && "vendor".equals(ctx.access().projectRole((UUID) entity.get("project_id")))
                && !ctx.access().workingOnEntity(entity.id())) {
            throw ZouException.forbidden();
        }
    }

    Map<String, Object> previewFilesOfEntity(HookContext ctx, UUID entityId) throws SQLException {
        Map<UUID, List<Map<String, Object>>> byTask = new LinkedHashMap<>();
        Map<UUID, String> taskTypes = new HashMap<>();
        List<PlaylistSupport.Preview> previews = s.previewsOfEntities(ctx, List.of(entityId));
        // Zou orders this listing by task type priority, name, revision (desc), creation date
        previews.sort(Comparator.<PlaylistSupport.Preview>comparingInt(p -> -PlaylistSupport.intOf(p.taskType(),
                        "priority"))
                .thenComparing(p -> p.taskType() == null ? "" : String.valueOf(p.taskType().get("name")))
                .thenComparing(p -> -p.revision())
                .thenComparing(p -> (LocalDateTime) p.file().get("created_at"),
                        Comparator.nullsFirst(Comparator.naturalOrder())));
        for (PlaylistSupport.Preview p : previews) {
            Row f = p.file();
            Map<String, Object> m = s.lightPreview(p, true);
            m.put("position", f.get("position"));
            m.put("original_name", f.get("original_name"));
            Object data = s.json(f.get("data"));
            Map<?, ?> d = data instanceof Map<?, ?> dm ? dm : Map.of();
            m.put("original_width", d.get("original_width"));
            m.put("original_height", d.get("original_height"));
            m.put("original_duration", d.get("original_duration"));
            m.put("original_file_size", d.get("original_file_size"));
            byTask.computeIfAbsent(p.task().id(), k -> new ArrayList<>()).add(m);
            taskTypes.put(p.task().id(), PlaylistSupport.str(p.task().get("task_type_id")));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<UUID, List<Map<String, Object>>> e : byTask.entrySet()) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> pf : PlaylistSupport.mixRevisions(e.getValue())) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (String k : List.of("id", "revision", "original_name", "extension", "width", "height", "duration",
                        "status", "annotations", "previews", "created_at", "task_id", "original_width",
                        "original_height", "original_duration", "original_file_size")) {
                    m.put(k, pf.get(k));
                }
                out.add(m);
            }
            result.put(taskTypes.get(e.getKey()), out);
        }
        return result;
    }

    // ---- adding entities --------------------------------------------------------------------------------------------

    /**
     * {@code add_entities_to_playlist}: couples (entity, preview) appended in one write, exact duplicates skipped, a
     * missing preview resolved to the entity's latest (of the playlist's task type when set); one
     * {@code playlist:add_entity} event per added shot. Answers the serialized playlist.
     */
    public Map<String, Object> addEntities(Caller caller, String playlistIdText, List<Map<String, Object>> entities) {
        if (entities == null || entities.isEmpty()) {
            throw ZouException.wrongParameter("entities: List should have at least 1 item after validation");
        }
        List<UUID[]> couples = new ArrayList<>();
        for (Map<String, Object> e : entities) {
            UUID entity = e == null ? null : Values.tryParseId(PlaylistSupport.str(e.get("entity_id")));
            if (entity == null) {
                throw ZouException.wrongParameter("entity_id: Input should be a valid UUID");
            }
            Object pf = e.get("preview_file_id");
            UUID preview = null;
            if (pf != null && !"".equals(pf)) {
                preview = Values.tryParseId(pf.toString());
                if (preview == null) {
                    throw ZouException.wrongParameter("preview_file_id: Input should be a valid UUID");
                }
            }
            couples.add(new UUID[] {entity, preview});
        }
        return s.write(caller, ctx -> {
            Row found = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
            PlaylistSupport.checkPlaylistUpdate(ctx, found);
            Row playlist = ctx.tx().lockById("playlist", found.id());
            UUID taskType = (UUID) playlist.get("task_type_id");
            List<UUID> toResolve = new ArrayList<>();
            for (UUID[] c : couples) {
                if (c[1] == null) {
                    toResolve.add(c[0]);
                }
            }
            Map<UUID, UUID> latest = latestPreviews(ctx, toResolve, taskType);
            List<Map<String, Object>> shots = s.shots(playlist);
            Set<List<String>> present = new HashSet<>();
            for (Map<String, Object> shot : shots) {
                present.add(java.util.Arrays.asList(PlaylistSupport.str(shot.get("entity_id")),
                        PlaylistSupport.str(shot.get("preview_file_id"))));
            }
            List<Map<String, Object>> added = new ArrayList<>();
            for (UUID[] c : couples) {
                UUID preview = c[1] == null ? latest.get(c[0]) : c[1];
                List<String> key = java.util.Arrays.asList(c[0].toString(),
                        preview == null ? null : preview.toString());
                if (present.add(key)) {
                    Map<String, Object> shot = new LinkedHashMap<>();
                    shot.put("entity_id", c[0].toString());
                    if (preview != null) {
                        shot.put("preview_file_id", preview.toString());
                    }
                    shots.add(shot);
                    added.add(shot);
                }
            }
            UUID projectId = (UUID) playlist.get("project_id");
            if (!added.isEmpty()) {
                ctx.tx().updateById("playlist", playlist.id(), Map.of("shots",
                        s.toColumn("playlist", "shots", shots), "updated_at", ctx.now()));
            }
            for (Map<String, Object> shot : added) {
                ctx.events().emit("playlist:add_entity", PlaylistSupport.data("playlist_id", playlist.id(),
                        "entity_id", shot.get("entity_id"), "preview_file_id", shot.get("preview_file_id")),
                        projectId);
            }
            return s.one(ctx, "playlist", ctx.tx().byId("playlist", playlist.id()));
        });
    }

    /** {@code get_latest_preview_file_ids_for_entities}: highest revision, then newest. */
    private static Map<UUID, UUID> latestPreviews(HookContext ctx, List<UUID> entityIds, UUID taskTypeId)
            throws SQLException {
        Map<UUID, UUID> latest = new HashMap<>();
        if (entityIds.isEmpty()) {
            return latest;
        }
        List<Filter> taskFilters = new ArrayList<>(List.of(Filter.in("entity_id", entityIds)));
        if (taskTypeId != null) {
            taskFilters.add(Filter.eq("task_type_id", taskTypeId));
        }
        Map<UUID, UUID> taskEntity = new HashMap<>();
        for (Row t : ctx.tx().select("task", taskFilters)) {
            taskEntity.put(t.id(), (UUID) t.get("entity_id"));
        }
        if (taskEntity.isEmpty()) {
            return latest;
        }
        Map<UUID, Row> best = new HashMap<>();
        for (Row f : ctx.tx().select("preview_file", List.of(Filter.in("task_id",
                new ArrayList<>(taskEntity.keySet()))))) {
            UUID entity = taskEntity.get((UUID) f.get("task_id"));
            Row current = best.get(entity);
            if (current == null || newer(f, current)) {
                best.put(entity, f);
            }
        }
        best.forEach((e, f) -> latest.put(e, f.id()));
        return latest;
    }

    private static boolean newer(Row a, Row b) {
        int ra = PlaylistSupport.intOf(a, "revision");
        int rb = PlaylistSupport.intOf(b, "revision");
        if (ra != rb) {
            return ra > rb;
        }
        LocalDateTime ca = (LocalDateTime) a.get("created_at");
        LocalDateTime cb = (LocalDateTime) b.get("created_at");
        return ca != null && (cb == null || ca.isAfter(cb));
    }

    // ---- temporary playlists ----------------------------------------------------------------------------------------

    /** {@code TempPlaylistResource} / {@code generate_temp_playlist}. */
    public List<Map<String, Object>> tempPlaylist(Caller caller, String projectIdText, List<String> taskIdTexts,
                                                  boolean sort) {
        if (taskIdTexts == null) {
            throw ZouException.wrongParameter("task_ids: Field required");
        }
        List<UUID> taskIds = new ArrayList<>();
        for (String t : taskIdTexts) {
            UUID id = Values.tryParseId(t);
            if (id == null) {
                throw ZouException.wrongParameter("task_ids: Input should be a valid UUID");
            }
            taskIds.add(id);
        }
        return s.read(caller, ctx -> {
            UUID projectId = projectId(ctx, projectIdText);
            PlaylistSupport.requireTeam(ctx, projectId);
            List<Row> tasks = new ArrayList<>();
            for (UUID id : taskIds) {
                Row task = ctx.tx().byId("task", id);
                if (task == null) {
                    throw ZouException.notFound("Task not found");
                }
                s.model("task").access().checkRead(ctx.access(), task);
                tasks.add(task);
            }
            if (tasks.isEmpty()) {
                return List.of();
            }
            List<UUID> linkOrder = taskTypeLinks(ctx, tasks.get(0));
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Row task : tasks) {
                entries.add(playlistedEntity(ctx, task, linkOrder));
            }
            if (sort) {
                entries.sort(Comparator.comparing((Map<String, Object> e) -> String.valueOf(e.get("episode_name")))
                        .thenComparing(e -> String.valueOf(e.get("name"))));
            }
            return entries;
        });
    }

    /** The project's task types for the first task's kind of entity, by priority. */
    private static List<UUID> taskTypeLinks(HookContext ctx, Row task) throws SQLException {
        List<UUID> out = new ArrayList<>();
        List<Row> links = new ArrayList<>(ctx.tx().select("project_task_type_link",
                List.of(Filter.eq("project_id", task.get("project_id")))));
        links.sort(Comparator.comparingInt(l -> PlaylistSupport.intOf(l, "priority")));
        for (Row l : links) {
            out.add((UUID) l.get("task_type_id"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> playlistedEntity(HookContext ctx, Row task, List<UUID> linkOrder)
            throws SQLException {
        Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
        Row type = entity == null ? null : ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        String typeName = type == null ? "" : String.valueOf(type.get("name"));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", entity == null ? null : entity.id().toString());
        entry.put("name", entity == null ? null : entity.get("name"));
        entry.put("preview_file_task_id", task.id().toString());
        entry.put("parent_name", "");
        for (String k : List.of("episode_id", "episode_name", "sequence_id", "sequence_name", "asset_type_id",
                "asset_type_name")) {
            entry.put(k, "");
        }
        Row parent = entity == null || entity.get("parent_id") == null ? null
                : ctx.tx().byId("entity", (UUID) entity.get("parent_id"));
        switch (typeName) {
            case "Shot" -> {
                if (parent != null) {
                    entry.put("parent_name", parent.get("name"));
                    entry.put("sequence_id", parent.id().toString());
                    entry.put("sequence_name", parent.get("name"));
                }
            }
            case "Sequence", "Edit" -> {
                if (parent != null) {
                    entry.put("parent_name", parent.get("name"));
                    entry.put("episode_id", parent.id().toString());
                    entry.put("episode_name", parent.get("name"));
                }
            }
            case "Episode" -> {
            }
            default -> {
                if (type != null) {
                    entry.put("parent_name", type.get("name"));
                    entry.put("asset_type_id", type.id().toString());
                    entry.put("asset_type_name", type.get("name"));
                }
            }
        }
        Map<String, Object> previews = entity == null ? Map.of() : previewFilesOfEntity(ctx, entity.id());
        String taskType = PlaylistSupport.str(task.get("task_type_id"));
        Map<String, Object> chosen = null;
        if (previews.get(taskType) instanceof List<?> l && !l.isEmpty()) {
            chosen = (Map<String, Object>) l.get(0);
        }
        if (chosen == null && !previews.isEmpty()) {
            for (UUID tt : linkOrder) {
                if (previews.get(tt.toString()) instanceof List<?> l && !l.isEmpty()) {
                    chosen = (Map<String, Object>) l.get(0);
                    break;
                }
            }
        }
        if (chosen != null) {
            entry.put("preview_file_id", chosen.get("id"));
            entry.put("preview_file_extension", chosen.get("extension"));
            entry.put("preview_file_width", chosen.get("width"));
            entry.put("preview_file_height", chosen.get("height"));
            entry.put("preview_file_duration", chosen.get("duration"));
            entry.put("preview_file_revision", chosen.get("revision"));
            entry.put("preview_file_status", chosen.get("status"));
            entry.put("preview_file_annotations", chosen.get("annotations") == null ? List.of()
                    : chosen.get("annotations"));
            entry.put("preview_file_previews", chosen.get("previews"));
        }
        entry.put("preview_files", previews);
        return entry;
    }

    // ---- build jobs (rows) ------------------------------------------------------------------------------------------

    /** {@code ProjectBuildJobsResource}: admins. */
    public List<Map<String, Object>> projectBuildJobs(Caller caller, String projectIdText) {
        return s.read(caller, ctx -> {
            ProjectAccess.requireAdmin(ctx.access());
            UUID projectId = projectId(ctx, projectIdText);
            return s.many(ctx, "build_job", ctx.tx().select("build_job", List.of(Filter.sub("playlist_id",
                    "playlist", "id", Filter.eq("project_id", projectId))),
                    List.of(Tx.Order.asc("created_at")), 0, 0));
        });
    }

    /** {@code BuildJobResource.get}. */
    public Map<String, Object> buildJob(Caller caller, String playlistIdText, String jobIdText) {
        return s.read(caller, ctx -> {
            Row job = jobOf(ctx, playlistIdText, jobIdText, false);
            return s.one(ctx, "build_job", job);
        });
    }

    /** The job of a playlist the caller may see; 404 when it belongs to another playlist. */
    static Row jobOf(HookContext ctx, String playlistIdText, String jobIdText, boolean supervisorAccess)
            throws SQLException {
        PlaylistSupport.blockVendor(ctx);
        Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
        PlaylistSupport.checkPlaylistAccess(ctx, playlist, supervisorAccess);
        Row job = PlaylistSupport.require(ctx, "build_job", jobIdText, "Build job");
        if (!Objects.equals(job.get("playlist_id"), playlist.id())) {
            throw ZouException.notFound("Build job not found");
        }
        return job;
    }

    /** {@code BuildJobResource.delete}: the row, its movie, {@code build-job:delete}. */
    public void deleteBuildJob(Caller caller, String playlistIdText, String jobIdText) {
        s.write(caller, ctx -> {
            Row job = jobOf(ctx, playlistIdText, jobIdText, false);
            Row playlist = ctx.tx().byId("playlist", (UUID) job.get("playlist_id"));
            media.removeJob(ctx, playlist, job);
            return null;
        });
    }

    // ---- notifications ----------------------------------------------------------------------------------------------

    /** {@code notify_clients_playlist_ready}: a {@code playlist-ready} notification per client of the team. */
    public Map<String, Object> notifyClients(Caller caller, String playlistIdText, String studioIdText,
                                             String departmentIdText) {
        UUID studio = optionalId(studioIdText, "studio_id");
        UUID department = optionalId(departmentIdText, "department_id");
        return s.write(caller, ctx -> {
            Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
            UUID projectId = (UUID) playlist.get("project_id");
            PlaylistSupport.requireManager(ctx, projectId);
            UUID author = ctx.caller().personId();
            if (author == null) {
                throw ZouException.forbidden();
            }
            for (Row link : ctx.tx().select("project_person_link", List.of(Filter.eq("project_id", projectId)))) {
                Row person = ctx.tx().byId("person", (UUID) link.get("person_id"));
                if (person == null || Boolean.TRUE.equals(person.get("is_bot"))) {
                    continue;
                }
                String role = link.get("role") != null ? (String) link.get("role") : (String) person.get("role");
                if (!"client".equals(role)) {
                    continue;
                }
                if (studio != null && !studio.equals(person.get("studio_id"))) {
                    continue;
                }
                if (department != null && !ctx.tx().exists("department_link", List.of(
                        Filter.eq("person_id", person.id()), Filter.eq("department_id", department)))) {
                    continue;
                }
                notify(ctx, person.id(), author, playlist.id(), projectId);
            }
            return Map.<String, Object>of("status", "success");
        });
    }

    private static UUID optionalId(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        UUID id = Values.tryParseId(text);
        if (id == null) {
            throw ZouException.wrongParameter(field + ": Input should be a valid UUID");
        }
        return id;
    }

    private static void notify(HookContext ctx, UUID personId, UUID authorId, UUID playlistId, UUID projectId)
            throws SQLException {
        if (ctx.tx().exists("notification", List.of(Filter.eq("person_id", personId),
                Filter.eq("author_id", authorId), Filter.eq("playlist_id", playlistId),
                Filter.eq("type", "playlist-ready"), new Filter.IsNull("comment_id"),
                new Filter.IsNull("reply_id")))) {
            ctx.tx().delete("notification", List.of(Filter.eq("person_id", personId),
                    Filter.eq("author_id", authorId), Filter.eq("playlist_id", playlistId),
                    Filter.eq("type", "playlist-ready")));
        }
        UUID id = UUID.randomUUID();
        LocalDateTime now = ctx.now();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", now);
        row.put("updated_at", now);
        row.put("read", false);
        row.put("change", false);
        row.put("type", "playlist-ready");
        row.put("person_id", personId);
        row.put("author_id", authorId);
        row.put("playlist_id", playlistId);
        ctx.tx().insert("notification", row);
        ctx.events().emit("notification:new", PlaylistSupport.data("notification_id", id, "person_id", personId),
                projectId);
    }
}
