package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.internal.user.EntityNames;

/**
 * Zou's {@code news} blueprint for one project ({@code news_service.get_last_news_for_project} and
 * {@code get_news_stats_for_project}): the activity feed, newest first, with Zou's filters and page envelope.
 */
public final class NewsService {
    private final TaskSupport s;

    public NewsService(TaskSupport s) {
        this.s = s;
    }

    /** The filters of Zou's {@code NewsMixin.get_arguments}. */
    private record Args(boolean onlyPreview, UUID taskTypeId, UUID taskStatusId, UUID episodeId, UUID personId,
                        int page, int limit, LocalDateTime after, LocalDateTime before) {
    }

    private static Args args(Query q) {
        String only = q.first("only_preview").orElse(null);
        Boolean onlyPreview = only == null || only.isEmpty() ? Boolean.FALSE : Values.parseBoolean(only);
        int page = TaskSupport.intParam(q, "page", 1);
        int limit = TaskSupport.intParam(q, "limit", 50);
        if (limit <= 0) {
            throw ZouException.wrongParameter("limit must be a positive integer.");
        }
        return new Args(Boolean.TRUE.equals(onlyPreview), id(q, "task_type_id"), id(q, "task_status_id"),
                id(q, "episode_id"), id(q, "person_id"), page < 1 ? 1 : page, limit, date(q, "after"),
                date(q, "before"));
    }

    private static UUID id(Query q, String name) {
        String v = q.first(name).orElse(null);
        if (v == null || v.isEmpty()) {
            return null;
        }
        UUID id = Values.tryParseId(v);
        if (id == null) {
            throw ZouException.wrongParameter("Invalid UUID value for " + name + ": " + v);
        }
        return id;
    }

    private static LocalDateTime date(Query q, String name) {
        String v = q.first(name).orElse(null);
        if (v == null || v.isEmpty()) {
            return null;
        }
        LocalDateTime t = Values.parseTimestamp(v);
        if (t == null) {
            LocalDate d = Values.parseDate(v);
            if (d == null) {
                throw ZouException.wrongParameter("Wrong date format for before argument."
                        + "Expected format: 2020-01-05T13:23:10 or 2020-01-05");
            }
            t = d.atStartOfDay();
        }
        return t;
    }

    private static void checkProject(HookContext ctx, UUID projectId) throws SQLException {
        TaskSupport.require(ctx, "project", projectId);
        if (!ctx.access().isAdmin() && !ctx.access().inTeam(projectId)) {
            throw ZouException.forbidden();
        }
    }

    /** {@code GET /data/projects/<project_id>/news}: the page envelope plus {@code stats} (status id to count). */
    public Map<String, Object> projectNews(Caller caller, String projectIdText, Query query) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        Args a = args(query);
        return s.read(caller, ctx -> {
            checkProject(ctx, projectId);
            Map<String, Object> result = news(ctx, List.of(projectId), null, a);
            result.put("stats", stats(ctx, List.of(projectId), a));
            return result;
        });
    }

    /**
     * {@code GET /data/projects/news}: the news of the open projects (the caller's, or all for admins), or of the
     * {@code project_id} asked when it is one of them.
     */
    public Map<String, Object> openProjectsNews(Caller caller, Query query) {
        Args a = args(query);
        String asked = query.first("project_id").orElse(null);
        return s.read(caller, ctx -> {
            StringBuilder sql = new StringBuilder("SELECT p.id FROM project p JOIN project_status ps"
                    + " ON ps.id = p.project_status_id WHERE ps.name = 'Open'");
            List<Object> params = new ArrayList<>();
            if (!caller.isAdmin()) {
                sql.append(" AND p.id IN (SELECT project_id FROM project_person_link WHERE person_id = ?)");
                params.add(caller.personId());
            }
            List<UUID> open = ctx.tx().query(sql.toString(), params, rs -> {
                List<UUID> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
                return out;
            });
            UUID askedId = asked == null ? null : Values.tryParseId(asked);
            if (askedId != null && open.contains(askedId)) {
                open = List.of(askedId);
            }
            Map<String, Object> result = news(ctx, open, null, a);
            result.put("stats", stats(ctx, open, a));
            return result;
        });
    }

    private static UUID teamOf(HookContext ctx) {
        return ctx.caller().isAdmin() ? null : ctx.caller().personId() == null ? new UUID(0, 0)
                : ctx.caller().personId();
    }

    /** {@code GET /data/projects/<project_id>/news/<news_id>}: one news in the list's shape; vendors refused. */
    public Map<String, Object> oneNews(Caller caller, String projectIdText, String newsIdText) {
        UUID projectId = TaskSupport.pathId(projectIdText);
        UUID newsId = TaskSupport.pathId(newsIdText);
        return s.read(caller, ctx -> {
            checkProject(ctx, projectId);
            if (!ctx.access().isAdmin() && "vendor".equals(ctx.access().projectRole(projectId))
                    || "vendor".equals(caller.role())) {
                throw ZouException.forbidden();
            }
            Args all = new Args(false, null, null, null, null, 1, 50, null, null);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> data = (List<Map<String, Object>>) news(ctx, List.of(projectId), newsId, all)
                    .get("data");
            if (data.isEmpty()) {
                throw ZouException.notFound("News not found.");
            }
            return data.get(0);
        });
    }

    /**
     * Zou's {@code _apply_news_filters}: {@code projectIds} the allowed projects; when empty, the caller's team
     * projects ({@code teamOf}), or every project for admins ({@code teamOf} null).
     */
    private static String where(List<UUID> projectIds, UUID teamOf, UUID newsId, Args a, List<Object> params) {
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (!projectIds.isEmpty()) {
            w.append(" AND t.project_id IN (").append(String.join(", ",
                    java.util.Collections.nCopies(projectIds.size(), "?"))).append(")");
            params.addAll(projectIds);
        } else if (teamOf != null) {
            w.append(" AND t.project_id IN (SELECT project_id FROM project_person_link WHERE person_id = ?)");
            params.add(teamOf);
        }
        if (newsId != null) {
            w.append(" AND n.id = ?");
            params.add(newsId);
        }
        if (a.episodeId() != null) {
            w.append(" AND e.parent_id IN (SELECT sq.id FROM entity sq WHERE sq.parent_id = ?)");
            params.add(a.episodeId());
        }
        if (a.taskStatusId() != null) {
            w.append(" AND c.task_status_id = ?");
            params.add(a.taskStatusId());
        }
        if (a.taskTypeId() != null) {
            w.append(" AND t.task_type_id = ?");
            params.add(a.taskTypeId());
        }
        if (a.personId() != null) {
            w.append(" AND n.author_id = ?");
            params.add(a.personId());
        }
        if (a.onlyPreview()) {
            w.append(" AND n.preview_file_id IS NOT NULL");
        }
        if (a.after() != null) {
            w.append(" AND n.created_at > ?");
            params.add(a.after());
        }
        if (a.before() != null) {
            w.append(" AND n.created_at < ?");
            params.add(a.before());
        }
        return w.toString();
    }

    private static final String FROM = " FROM news n JOIN task t ON t.id = n.task_id JOIN entity e ON e.id = t.entity_id"
            + " LEFT JOIN comment c ON c.id = n.comment_id";

    private Map<String, Object> news(HookContext ctx, List<UUID> projectIds, UUID newsId, Args a)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(projectIds, teamOf(ctx), newsId, a, params);
        long total = ctx.tx().query("SELECT COUNT(n.id)" + FROM + where, params, rs -> {
            rs.next();
            return rs.getLong(1);
        });
        int offset = (a.page() - 1) * a.limit();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(a.limit());
        pageParams.add(offset);
        List<UUID> ids = ctx.tx().query("SELECT n.id" + FROM + where + " ORDER BY n.created_at DESC, n.id"
                + " LIMIT ? OFFSET ?", pageParams, rs -> {
                    List<UUID> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                    return out;
                });
        Map<UUID, Row> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Row r : ctx.tx().select("news", List.of(Filter.in("id", ids)))) {
                byId.put(r.id(), r);
            }
        }
        EntityNames names = new EntityNames(ctx.tx());
        Map<UUID, Row> cache = new HashMap<>();
        List<Map<String, Object>> data = new ArrayList<>();
        for (UUID id : ids) {
            Row n = byId.get(id);
            Row task = row(ctx, cache, "task", n.get("task_id"));
            Row comment = row(ctx, cache, "comment", n.get("comment_id"));
            Row preview = row(ctx, cache, "preview_file", n.get("preview_file_id"));
            Row project = row(ctx, cache, "project", task.get("project_id"));
            UUID entityId = (UUID) task.get("entity_id");
            EntityNames.Name name = names.of(entityId);
            Row entity = row(ctx, cache, "entity", entityId);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("type", "News");
            m.put("author_id", str(n.get("author_id")));
            m.put("comment_id", str(n.get("comment_id")));
            m.put("task_id", str(n.get("task_id")));
            m.put("task_type_id", str(task.get("task_type_id")));
            m.put("task_status_id", comment == null ? null : str(comment.get("task_status_id")));
            m.put("task_entity_id", str(entityId));
            m.put("preview_file_id", str(n.get("preview_file_id")));
            m.put("preview_file_extension", preview == null ? null : preview.get("extension"));
            m.put("preview_file_revision", preview == null ? null : preview.get("revision"));
            m.put("project_id", project == null ? null : project.id().toString());
            m.put("project_name", project == null ? null : project.get("name"));
            m.put("created_at", JsonForm.timestamp((LocalDateTime) n.get("created_at")));
            m.put("change", n.get("change"));
            m.put("full_entity_name", name == null ? "" : name.fullName());
            m.put("episode_id", name == null ? null : str(name.episodeId()));
            m.put("entity_preview_file_id", entity == null ? null : str(entity.get("preview_file_id")));
            m.put("person", TaskService.shortPerson(row(ctx, cache, "person", n.get("author_id"))));
            if (a.onlyPreview()) {
                List<Map<String, Object>> previews = new ArrayList<>();
                if (preview != null) {
                    for (Row p : ctx.tx().select("preview_file", List.of(Filter.eq("task_id", n.get("task_id")),
                            Filter.eq("revision", preview.get("revision"))), List.of(Tx.Order.asc("position")), 0, 0)) {
                        Map<String, Object> pm = new LinkedHashMap<>();
                        pm.put("id", p.id().toString());
                        pm.put("name", p.get("name"));
                        pm.put("extension", p.get("extension"));
                        pm.put("revision", p.get("revision"));
                        pm.put("position", p.get("position"));
                        pm.put("status", p.get("status"));
                        previews.add(pm);
                    }
                }
                m.put("preview_files", previews);
            }
            data.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", data);
        result.put("total", total);
        result.put("nb_pages", (long) Math.ceil(total / (double) a.limit()));
        result.put("limit", a.limit());
        result.put("offset", offset);
        result.put("page", a.page());
        return result;
    }

    private Map<String, Object> stats(HookContext ctx, List<UUID> projectIds, Args a) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(projectIds, teamOf(ctx), null, a, params);
        String sql = "SELECT c.task_status_id, COUNT(e.id) FROM news n JOIN task t ON t.id = n.task_id"
                + " JOIN comment c ON c.id = n.comment_id JOIN entity e ON e.id = t.entity_id" + where
                + " AND n.change = TRUE GROUP BY c.task_status_id";
        return ctx.tx().query(sql, params, rs -> {
            Map<String, Object> out = new LinkedHashMap<>();
            while (rs.next()) {
                UUID status = rs.getObject(1, UUID.class);
                if (status != null) {
                    out.put(status.toString(), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private static Row row(HookContext ctx, Map<UUID, Row> cache, String table, Object id) throws SQLException {
        if (!(id instanceof UUID u)) {
            return null;
        }
        Row r = cache.get(u);
        if (r == null) {
            r = ctx.tx().byId(table, u);
            if (r != null) {
                cache.put(u, r);
            }
        }
        return r;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
