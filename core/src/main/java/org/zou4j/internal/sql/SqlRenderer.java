package org.zou4j.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.Schema;
import org.zou4j.internal.schema.TableSchema;

/** Turns {@link Filter} trees into jOOQ conditions; every value becomes a bound parameter. */
final class SqlRenderer {
    private final Schema schema;

    SqlRenderer(Schema schema) {
        this.schema = schema;
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(TableSchema table, String column) {
        Column c = table.column(column);
        if (c == null) {
            throw new IllegalArgumentException("No column " + column + " in " + table.name());
        }
        return (Field<Object>) DSL.field(DSL.name(column), SqlTypes.of(c.type()));
    }

    Condition condition(String table, Filter filter) {
        TableSchema t = schema.table(table);
        return render(t, filter);
    }

    Condition conditions(String table, List<Filter> filters) {
        TableSchema t = schema.table(table);
        List<Condition> cs = new ArrayList<>();
        for (Filter f : filters) {
            cs.add(render(t, f));
        }
        return cs.isEmpty() ? DSL.noCondition() : DSL.and(cs);
    }

    /**
     * Appends the shape of {@code filters} (what the rendered SQL depends on: filter kinds, columns, list sizes) to
     * {@code key} and their bind values to {@code binds}, in the order {@link #conditions} renders them.
     *
     * @return false when a filter has no known shape (such a query is rendered each time, never cached)
     */
    boolean shape(String table, List<Filter> filters, StringBuilder key, List<Object> binds) {
        TableSchema t = schema.table(table);
        boolean known = true;
        key.append('[');
        for (Filter f : filters) {
            known &= shape(t, f, key, binds);
            key.append(',');
        }
        key.append(']');
        return known;
    }

    private boolean shape(TableSchema t, Filter filter, StringBuilder key, List<Object> binds) {
        boolean known = true;
        if (filter instanceof Filter.Eq eq) {
            key.append("=(").append(eq.column()).append(')');
            binds.add(eq.value());
        } else if (filter instanceof Filter.IsNull n) {
            key.append("N(").append(n.column()).append(')');
        } else if (filter instanceof Filter.In in) {
            if (in.values().isEmpty()) {
                key.append('F');
            } else {
                key.append("I(").append(in.column()).append(',').append(in.values().size()).append(')');
                binds.addAll(in.values());
            }
        } else if (filter instanceof Filter.ILike like) {
            key.append("L(").append(like.column()).append(')');
            binds.add(like.pattern().toLowerCase(Locale.ROOT));
        } else if (filter instanceof Filter.EqIgnoreCase eq) {
            key.append("Q(").append(eq.column()).append(')');
            binds.add(eq.value().toLowerCase(Locale.ROOT));
        } else if (filter instanceof Filter.FullNameEq fn) {
            key.append("P");
            binds.add(fn.value());
        } else if (filter instanceof Filter.InSubquery sub) {
            TableSchema inner = schema.table(sub.table());
            key.append("S(").append(sub.column()).append(',').append(inner.name()).append(',')
                    .append(sub.selectColumn());
            for (Filter f : sub.where()) {
                key.append(',');
                known &= shape(inner, f, key, binds);
            }
            key.append(')');
        } else if (filter instanceof Filter.And and) {
            key.append("A(");
            for (Filter f : and.filters()) {
                known &= shape(t, f, key, binds);
                key.append(',');
            }
            key.append(')');
        } else if (filter instanceof Filter.Or or) {
            key.append("O(");
            for (Filter f : or.filters()) {
                known &= shape(t, f, key, binds);
                key.append(',');
            }
            key.append(')');
        } else if (filter instanceof Filter.Range range) {
            key.append("R(").append(range.column()).append(range.from() != null ? ",from" : "")
                    .append(range.to() != null ? ",to" : "").append(')');
            if (range.from() != null) {
                binds.add(range.from());
            }
            if (range.to() != null) {
                binds.add(range.to());
            }
        } else if (filter instanceof Filter.Not not) {
            key.append("!(");
            known &= shape(t, not.filter(), key, binds);
            key.append(')');
        } else if (filter instanceof Filter.None) {
            key.append('F');
        } else {
            key.append('?'); // a filter kind added after this was written: not cached, rendered each time
            known = false;
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private Condition render(TableSchema t, Filter filter) {
        if (filter instanceof Filter.Eq eq) {
            Field<Object> f = field(t, eq.column());
            return f.eq(DSL.val(eq.value(), (DataType<Object>) f.getDataType()));
        } else if (filter instanceof Filter.IsNull n) {
            return field(t, n.column()).isNull();
        } else if (filter instanceof Filter.In in) {
            if (in.values().isEmpty()) {
                return DSL.falseCondition();
            }
            Field<Object> f = field(t, in.column());
            List<Field<Object>> vals = new ArrayList<>();
            for (Object v : in.values()) {
                vals.add(DSL.val(v, (DataType<Object>) f.getDataType()));
            }
            return f.in(vals);
        } else if (filter instanceof Filter.ILike like) {
            Field<String> f = DSL.field(DSL.name(like.column()), String.class);
            return DSL.lower(f).like(DSL.val(like.pattern().toLowerCase(Locale.ROOT)));
        } else if (filter instanceof Filter.EqIgnoreCase eq) {
            Field<String> f = DSL.field(DSL.name(eq.column()), String.class);
            return DSL.lower(f).eq(DSL.val(eq.value().toLowerCase(Locale.ROOT)));
        } else if (filter instanceof Filter.FullNameEq fn) {
            Field<String> first = DSL.field(DSL.name("first_name"), String.class);
            Field<String> last = DSL.field(DSL.name("last_name"), String.class);
            Field<String> full = DSL.field("trim(concat_ws(' ', nullif({0}, ''), nullif({1}, '')))", String.class,
                    first, last);
            return full.eq(DSL.val(fn.value()));
        } else if (filter instanceof Filter.InSubquery sub) {
            TableSchema inner = schema.table(sub.table());
            List<Condition> cs = new ArrayList<>();
            for (Filter f : sub.where()) {
                cs.add(render(inner, f));
            }
            Field<Object> outer = field(t, sub.column());
            Field<Object> selected = field(inner, sub.selectColumn());
            return outer.in(DSL.select(selected).from(DSL.table(DSL.name(inner.name()))).where(cs));
        } else if (filter instanceof Filter.And and) {
            List<Condition> cs = new ArrayList<>();
            for (Filter f : and.filters()) {
                cs.add(render(t, f));
            }
            return DSL.and(cs);
        } else if (filter instanceof Filter.Or or) {
            List<Condition> cs = new ArrayList<>();
            for (Filter f : or.filters()) {
                cs.add(render(t, f));
            }
            return cs.isEmpty() ? DSL.falseCondition() : DSL.or(cs);
        } else if (filter instanceof Filter.Range range) {
            Field<Object> f = field(t, range.column());
            DataType<Object> type = (DataType<Object>) f.getDataType();
            Condition c = f.isNotNull();
            if (range.from() != null) {
                c = c.and(f.ge(DSL.val(range.from(), type)));
            }
            if (range.to() != null) {
                c = c.and(f.le(DSL.val(range.to(), type)));
            }
            return c;
        } else if (filter instanceof Filter.Not not) {
            return DSL.not(render(t, not.filter()));
        } else if (filter instanceof Filter.None) {
            return DSL.falseCondition();
        }
        throw new IllegalArgumentException("Unknown filter " + filter);
    }
}
