package org.zou4j.internal.crud;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Filter;

/**
 * A list request resolved against a model (reference §4): the filters, paging, relations and field projection.
 *
 * @param filters   conditions from the query string (permission scope not included)
 * @param page      the page (1-based), or -1 for an unpaginated list
 * @param limit     the page size
 * @param relations whether collections are serialized
 * @param fields    the projection, or null for every field
 */
record ListRequest(List<Filter> filters, int page, int limit, boolean relations, Set<String> fields) {
    static final int DEFAULT_PAGE_SIZE = 100;
    private static final Set<String> RESERVED = Set.of("page", "relations", "fields", "limit");

    boolean paginated() {
        return page >= 0;
    }

    static ListRequest parse(HookContext ctx, BoundModel m, Query q, Values values, ObjectMapper mapper)
            throws SQLException {
        int page = -1;
        int limit = DEFAULT_PAGE_SIZE;
        if (q.has("page")) {
            page = parseInt(q.first("page").orElse(""), "page must be an integer.");
        }
        if (q.has("limit")) {
            int l = parseInt(q.first("limit").orElse(""), "limit must be an integer.");
            limit = l > 0 ? l : DEFAULT_PAGE_SIZE;
        }
        boolean relations = q.flag("relations");
        Set<String> fields = null;
        if (q.has("fields")) {
            fields = new LinkedHashSet<>(Arrays.asList(q.first("fields").orElse("").split(",")));
            fields.removeIf(String::isBlank);
        }
        List<Filter> filters = new ArrayList<>();
        if (!q.isEmpty()) {
            java.util.function.Predicate<String> hiddenForCaller = key -> !m.access().mayFilter(ctx.caller(), key);
            for (Map.Entry<String, List<String>> e : q.params().entrySet()) {
                String key = e.getKey();
                if (RESERVED.contains(key) || e.getValue().isEmpty()) {
                    continue;
                }
                String value = e.getValue().get(0);
                Filter special = m.hooks().specialFilter(ctx, key, value);
                if (special != null) {
                    filters.add(special);
                    continue;
                }
                Filter f = filterFor(m, key, value, hiddenForCaller, values, mapper);
                if (f != null) {
                    filters.add(f);
                }
            }
        }
        return new ListRequest(filters, page, limit, relations, fields);
    }

    private static Filter filterFor(BoundModel m, String key, String value,
                                    java.util.function.Predicate<String> hiddenForCaller,
                                    Values values, ObjectMapper mapper) {
        Relation rel = m.def().relation(key);
        boolean hidden = m.def().hiddenFields().contains(key) || hiddenForCaller.test(key);
        if (rel != null) {
            if (hidden) {
                throw notAllowed(key);
            }
            Object id = values.fromQuery(new Column(rel.otherColumn(), org.zou4j.internal.schema.ColumnType.UUID,
                    true, false, 0, 0), value);
            return new Filter.InSubquery("id", rel.linkTable(), rel.ownColumn(), List.of(Filter.eq(rel.otherColumn(), id)));
        }
        if (m.def().table().equals("person") && key.equals("full_name")) {
            if (hidden) {
                throw notAllowed(key);
            }
            return new Filter.FullNameEq(value);
        }
        Column column = m.table().column(key);
        if (column == null) {
            return null; // unknown keys are ignored, as Zou does
        }
        if (hidden) {
            throw notAllowed(key);
        }
        if (key.equals("name")) {
            return new Filter.ILike(key, value);
        }
        if (value.startsWith("[")) {
            List<?> raw;
            try {
                raw = mapper.readValue(value, List.class);
            } catch (Exception ex) {
                throw ZouException.wrongParameter("Malformed list filter for field " + ZouException.echo(key) + ".");
            }
            List<Object> typed = new ArrayList<>();
            for (Object v : raw) {
                typed.add(values.fromQuery(column, v == null ? "null" : v.toString()));
            }
            return Filter.in(key, typed);
        }
        if (m.def().emailFields().contains(key)) {
            return new Filter.EqIgnoreCase(key, value);
        }
        return Filter.eq(key, values.fromQuery(column, value));
    }

    private static ZouException notAllowed(String key) {
        return ZouException.badRequest(ErrorCode.FILTER_NOT_ALLOWED, "Filtering on " + ZouException.echo(key) + " is not allowed.");
    }

    private static int parseInt(String s, String message) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter(message);
        }
    }
}
