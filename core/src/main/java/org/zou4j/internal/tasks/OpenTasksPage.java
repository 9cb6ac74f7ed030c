package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.internal.sql.Tx;

/**
 * One page of {@code GET /data/tasks/open-tasks} in Zou's order (project, episode, sequence, entity type, entity and
 * task type names) without sorting every matching task: Zou's query joins and sorts all of them (75,000 open tasks:
 * about a second on H2) to answer 100.
 *
 * <p>The order is walked instead. Projects come by name, whole projects before the page are skipped by their count
 * (from the stats query, which the answer needs anyway). In a project, entities are grouped by their parent
 * (sequence) and grandparent (episode) names, in that order, the entities without a parent last (nulls sort high on
 * both databases); a group of children is read in one query. The entities without a parent (assets, and every entity
 * of a flat project) are read per entity type by name and, in each type, in slices of entity names found through the
 * {@code (project_id, parent_id, entity_type_id, name)} index (migration V40); each slice's tasks come with the page's
 * filters, ordered by entity name, task type name and id. Slices end on a name boundary, so ties keep the order one
 * query would give. A project with few matching tasks is read with one query, as are projects the walk would not
 * help.
 */
final class OpenTasksPage {
    /** Below this many matching tasks in a project, one sorted query is cheaper than walking. */
    static final int SMALL_PROJECT = 2_000;
    private static final int FIRST_SLICE = 64;
    private static final int MAX_SLICE = 4_096;

    /** What the walk's queries join: the order's columns and what the task filters read. */
    private static final String WALK_FROM = " FROM entity e JOIN task t ON t.entity_id = e.id"
            + " JOIN task_type tt ON tt.id = t.task_type_id JOIN entity_type et ON et.id = e.entity_type_id";

    private final Tx tx;
    private final String from;
    private final String where;
    private final List<Object> params;
    private final String taskWhere;
    private final List<Object> taskParams;
    private final List<UUID> found = new ArrayList<>();
    private long skip;
    private final int limit;
    private final int smallProject;

    /**
     * @param from   the page query's FROM clause (aliases {@code t}, {@code tt}, {@code e}, {@code et}, {@code pr},
     *               {@code sq}, {@code ep} as in Zou's query)
     * @param where  its WHERE clause (starting with {@code " WHERE"}), with {@code params}
     * @param taskWhere the part of {@code where} on the task and its type only ({@code " AND ..."} or empty), with
     *               {@code taskParams}: the walk reads projects already known to be in scope, through fewer joins
     *               (H2 plans the narrow query well, the one with every join of Zou's query badly)
     * @param smallProject projects with at most this many matching tasks are read with one query
     *               ({@link #SMALL_PROJECT}; tests walk every project with 0)
     */
    OpenTasksPage(Tx tx, String from, String where, List<Object> params, String taskWhere, List<Object> taskParams,
                  long offset, int limit, int smallProject) {
        this.smallProject = smallProject;
        this.tx = tx;
        this.from = from;
        this.where = where;
        this.params = params;
        this.taskWhere = taskWhere;
        this.taskParams = taskParams;
        this.skip = offset;
        this.limit = limit;
    }

    /** The ids of the page's tasks, in order; {@code counts}: matching tasks per project id. */
    List<UUID> ids(Map<UUID, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return found;
        }
        List<UUID> projects = tx.query("SELECT pr.id FROM project pr WHERE pr.id IN ("
                + marks(counts.size()) + ") ORDER BY pr.name, pr.id", new ArrayList<>(counts.keySet()), rs -> {
                    List<UUID> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                    return out;
                });
        for (UUID project : projects) {
            long count = counts.get(project);
            if (skip >= count) {
                skip -= count;
                continue;
            }
            if (count <= smallProject) {
                take(from + where, params, " AND t.project_id = ?", List.of(project),
                        " ORDER BY ep.name, sq.name, et.name, e.name, tt.name, t.id");
            } else {
                walk(project);
            }
            if (found.size() >= limit) {
                break;
            }
        }
        return found;
    }

    private void walk(UUID project) throws SQLException {
        // sequences (parents of the project's entities) in episode then sequence name order; equal names together
        List<Object[]> parents = tx.query("SELECT sq.id, sq.name, ep.name FROM entity sq"
                + " LEFT JOIN entity ep ON ep.id = sq.parent_id WHERE sq.id IN (SELECT c.parent_id FROM entity c"
                + " WHERE c.project_id = ? AND c.parent_id IS NOT NULL) ORDER BY ep.name, sq.name, sq.id",
                List.of(project), rs -> {
                    List<Object[]> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)});
                    }
                    return out;
                });
        for (int i = 0; i < parents.size() && found.size() < limit; ) {
            List<Object> ids = new ArrayList<>();
            int j = i;
            while (j < parents.size() && Objects.equals(parents.get(j)[1], parents.get(i)[1])
                    && Objects.equals(parents.get(j)[2], parents.get(i)[2])) {
                ids.add(parents.get(j)[0]);
                j++;
            }
            List<Object> extra = new ArrayList<>(List.of(project));
            extra.addAll(ids);
            take(WALK_FROM + " WHERE 1 = 1" + taskWhere, taskParams,
                    " AND t.project_id = ? AND e.parent_id IN (" + marks(ids.size()) + ")", extra,
                    " ORDER BY et.name, e.name, tt.name, t.id");
            i = j;
        }
        if (found.size() >= limit) {
            return;
        }
        List<UUID> types = tx.query("SELECT id FROM entity_type ORDER BY name, id", List.of(), rs -> {
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        });
        for (UUID type : types) {
            String lower = null;
            int slice = FIRST_SLICE;
            while (found.size() < limit) {
                List<Object> bounds = new ArrayList<>(List.of(project, type));
                String after = "";
                if (lower != null) {
                    after = " AND e.name > ?";
                    bounds.add(lower);
                }
                List<Object> boundParams = new ArrayList<>(bounds);
                boundParams.add(slice - 1);
                // written in the index's order so that the database reads it in order and stops early
                String upper = tx.query("SELECT e.name FROM entity e WHERE e.project_id = ? AND e.parent_id IS NULL"
                        + " AND e.entity_type_id = ?" + after + " ORDER BY e.project_id, e.parent_id,"
                        + " e.entity_type_id, e.name LIMIT 1 OFFSET ?", boundParams,
                        rs -> rs.next() ? rs.getString(1) : null);
                List<Object> extra = new ArrayList<>(List.of(project));
                extra.addAll(bounds);
                String range = after;
                if (upper != null) {
                    range += " AND e.name <= ?";
                    extra.add(upper);
                }
                take(WALK_FROM + " WHERE 1 = 1" + taskWhere, taskParams, " AND t.project_id = ? AND e.project_id = ?"
                        + " AND e.parent_id IS NULL AND e.entity_type_id = ?" + range, extra, " ORDER BY e.name, tt.name, t.id");
                if (upper == null) {
                    break;
                }
                lower = upper;
                slice = Math.min(MAX_SLICE, slice * 2);
            }
            if (found.size() >= limit) {
                return;
            }
        }
    }

    /**
     * Runs {@code fromWhere} (with {@code baseParams}) narrowed by {@code extraWhere}, skipping what is left to skip,
     * adding what the page needs.
     */
    private void take(String fromWhere, List<Object> baseParams, String extraWhere, List<Object> extra, String order)
            throws SQLException {
        long want = skip + (limit - found.size());
        List<Object> all = new ArrayList<>(baseParams);
        all.addAll(extra);
        all.add(want);
        tx.query("SELECT t.id" + fromWhere + extraWhere + order + " LIMIT ?", all, rs -> {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (skip > 0) {
                    skip--;
                } else if (found.size() < limit) {
                    found.add(id);
                }
            }
            return null;
        });
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
