package org.zou4j.internal.user;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code POST /data/search} over assets, shots and persons. Zou uses a full-text index where each word of the
 * query must prefix a word of the name; here the same rule runs over the names in the database. Ranking: exact name,
 * then names starting with the query, then the others, by name. Scope: admins search every open project, others the
 * open projects of their team; vendors only the entities they have a task on.
 */
public final class SearchService extends UserSupport {
    private static final List<String> INDEXES = List.of("assets", "shots", "persons");

    public SearchService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    public Map<String, Object> search(Caller caller, Map<String, Object> body) {
        if (!(body.get("query") instanceof String query)) {
            throw ZouException.wrongParameter("Field 'query' is required and must be a string.");
        }
        int limit = intArg(body.get("limit"), "limit", 3, 1);
        int offset = intArg(body.get("offset"), "offset", 0, 0);
        UUID projectId = null;
        if (body.get("project_id") != null && !body.get("project_id").toString().isEmpty()) {
            projectId = Values.tryParseId(body.get("project_id").toString());
            if (projectId == null) {
                throw ZouException.wrongParameter("Field 'project_id' must be a valid UUID.");
            }
        }
        List<String> indexes = INDEXES;
        if (body.get("index_names") != null) {
            if (!(body.get("index_names") instanceof List<?> names)) {
                throw ZouException.wrongParameter("Field 'index_names' must be a list.");
            }
            indexes = names.stream().map(String::valueOf).toList();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        if (query.length() < 3) {
            return results;
        }
        List<String> words = words(query);
        if (words.isEmpty()) {
            return results;
        }
        UUID wanted = projectId;
        List<String> idx = indexes;
        return read(caller, ctx -> {
            List<UUID> projects = caller.isAdmin() ? openProjectIds(ctx.tx()) : relatedProjectIds(ctx);
            if (wanted != null) {
                projects = projects.contains(wanted) ? List.of(wanted) : List.of();
            }
            if (idx.contains("persons")) {
                results.put("persons", persons(ctx, query, words, limit, offset));
            }
            if (idx.contains("assets")) {
                results.put("assets", entities(ctx, projects, query, words, limit, offset, false));
            }
            if (idx.contains("shots")) {
                results.put("shots", entities(ctx, projects, query, words, limit, offset, true));
            }
            return results;
        });
    }

    private List<Map<String, Object>> persons(HookContext ctx, String query, List<String> words, int limit,
                                              int offset) throws SQLException {
        List<Filter> where = new ArrayList<>();
        where.add(Filter.eq("is_guest", false));
        for (String w : words) {
            where.add(Filter.or(new Filter.ILike("first_name", "%" + escape(w) + "%"),
                    new Filter.ILike("last_name", "%" + escape(w) + "%")));
        }
        List<Row> rows = ctx.tx().select("person", where);
        List<Hit> hits = rank(rows, r -> r.get("first_name") + " " + r.get("last_name"), query, words);
        List<Hit> page = page(hits, limit, offset);
        List<Row> pageRows = page.stream().map(Hit::row).toList();
        List<Map<String, Object>> dicts = serializeWithRelations(ctx, "person", pageRows);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            Map<String, Object> m = ctx.caller().isAdmin() ? dicts.get(i)
                    : model("person").access().shape(ctx.access(), dicts.get(i), false);
            m = new LinkedHashMap<>(m);
            m.put("matched_terms", page.get(i).terms());
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> entities(HookContext ctx, List<UUID> projects, String query, List<String> words,
                                               int limit, int offset, boolean shots) throws SQLException {
        if (projects.isEmpty()) {
            return List.of();
        }
        Tx tx = ctx.tx();
        List<Filter> where = new ArrayList<>();
        where.add(Filter.in("project_id", projects));
        if (shots) {
            UUID shot = UserService.typeId(tx, "Shot");
            if (shot == null) {
                return List.of();
            }
            where.add(Filter.eq("entity_type_id", shot));
        } else {
            where.add(Filter.sub("entity_type_id", "entity_type", "id", Filter.not(
                    Filter.in("name", List.copyOf(Choices.TEMPORAL_ENTITY_TYPES)))));
        }
        for (String w : words) {
            where.add(new Filter.ILike("name", "%" + escape(w) + "%"));
        }
        if (ctx.caller().hasRole("vendor")) {
            where.add(new Filter.InSubquery("id", "task", "entity_id", List.of(Filter.sub("id", "task_person_link",
                    "task_id", Filter.eq("person_id", ctx.caller().personId())))));
        }
        List<Row> rows = tx.select("entity", where);
        List<Hit> page = page(rank(rows, r -> (String) r.get("name"), query, words), limit, offset);
        List<Row> pageRows = page.stream().map(Hit::row).toList();
        List<Map<String, Object>> dicts = serialize(ctx, "entity", pageRows);
        Map<UUID, Row> projectRows = mapByIds(tx, "project", UserTasks.col(pageRows, "project_id"));
        Map<UUID, Row> types = mapByIds(tx, "entity_type", UserTasks.col(pageRows, "entity_type_id"));
        Map<UUID, Row> parents = mapByIds(tx, "entity", UserTasks.col(pageRows, "parent_id"));
        Map<UUID, Row> episodes = mapByIds(tx, "entity", UserTasks.col(parents.values(), "parent_id"));
        Map<UUID, Row> previews = mapByIds(tx, "preview_file", UserTasks.col(pageRows, "preview_file_id"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            Row r = pageRows.get(i);
            Map<String, Object> m = dicts.get(i);
            Row project = projectRows.get((UUID) r.get("project_id"));
            m.put("type", shots ? "Shot" : "Asset");
            m.put("project_name", project == null ? "" : project.get("name"));
            if (shots) {
                Row sequence = parents.get((UUID) r.get("parent_id"));
                m.put("sequence_name", sequence == null ? "" : sequence.get("name"));
            } else {
                Row type = types.get((UUID) r.get("entity_type_id"));
                m.put("asset_type_name", type == null ? "" : type.get("name"));
            }
            Row preview = previews.get((UUID) r.get("preview_file_id"));
            m.put("preview_file_extension", preview == null ? null : preview.get("extension"));
            if (shots && project != null && "tvshow".equals(project.get("production_type"))) {
                Row sequence = parents.get((UUID) r.get("parent_id"));
                Row episode = sequence == null ? null : episodes.get((UUID) sequence.get("parent_id"));
                if (episode != null) {
                    m.put("episode", episode.get("name"));
                    m.put("episode_id", episode.id().toString());
                }
            }
            m.put("matched_terms", page.get(i).terms());
            out.add(m);
        }
        return out;
    }

    private record Hit(Row row, String name, int rank, List<String> terms) {
    }

    private static List<Hit> rank(List<Row> rows, java.util.function.Function<Row, String> nameOf, String query,
                                  List<String> words) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        List<Hit> hits = new ArrayList<>();
        for (Row r : rows) {
            String name = nameOf.apply(r);
            if (name == null) {
                continue;
            }
            List<String> nameWords = words(name);
            List<String> matched = new ArrayList<>();
            boolean all = true;
            for (String w : words) {
                String hit = nameWords.stream().filter(n -> n.startsWith(w)).findFirst().orElse(null);
                if (hit == null) {
                    all = false;
                    break;
                }
                if (!matched.contains(hit)) {
                    matched.add(hit);
                }
            }
            if (!all) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            int rank = lower.equals(q) ? 0 : lower.startsWith(q) ? 1 : 2;
            hits.add(new Hit(r, name, rank, matched));
        }
        hits.sort(Comparator.comparingInt(Hit::rank).thenComparing(Hit::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(h -> h.row().id()));
        return hits;
    }

    private static List<Hit> page(List<Hit> hits, int limit, int offset) {
        if (offset >= hits.size()) {
            return List.of();
        }
        return hits.subList(offset, Math.min(hits.size(), offset + limit));
    }

    /** Lower-case words: runs of letters and digits. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static String escape(String w) {
        return w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static int intArg(Object v, String name, int fallback, int min) {
        if (v == null) {
            return fallback;
        }
        int n;
        if (v instanceof Number num && num.doubleValue() == Math.floor(num.doubleValue())) {
            n = num.intValue();
        } else {
            try {
                n = Integer.parseInt(v.toString());
            } catch (NumberFormatException e) {
                throw ZouException.wrongParameter("Field '" + name + "' must be an integer.");
            }
        }
        if (n < min) {
            throw ZouException.wrongParameter("Field '" + name + "' must be at least " + min + ".");
        }
        return n;
    }
}
