package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * H2 only: drops every index that exactly repeats another index of the same table.
 *
 * <p>H2 gives each foreign key an index of its own ({@code <fk>_INDEX_n}) when no usable index exists at the time
 * the key is added, and V1 then creates Zou's {@code ix_<table>_<column>} on the same column: on H2, 112 indexes were
 * exact copies of a foreign key's index, and every write maintained both (each commit re-serializes one changed leaf
 * of every index of every table written; {@code task} had 13 indexes, 5 of them copies). PostgreSQL creates no index
 * for a foreign key, so there the {@code ix_} indexes are the only ones and this migration does nothing.
 *
 * <p>Generic over the tables of the current schema (read from H2's INFORMATION_SCHEMA): two indexes are copies when
 * they have the same columns in the same order, with the same ordering and null ordering. Of a set of copies, the
 * indexes a constraint owns (primary key, unique, foreign key: H2 does not let them go) and the unique ones stay; a
 * plain index goes when a kept index of the set is at least as strict. No code names an index (the planner picks the
 * foreign key's index, which has the same columns, where it picked the {@code ix_} one).
 */
public class V91__h2_drop_duplicate_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        List<String> drops = duplicates(c);
        try (Statement s = c.createStatement()) {
            for (String drop : drops) {
                s.execute(drop);
            }
        }
    }

    /** One index of the current schema. */
    private record Index(String schema, String table, String name, String type, boolean generated, String columns) {
    }

    /** The {@code DROP INDEX} statements for the plain indexes that copy another index of their table. */
    private static List<String> duplicates(Connection c) throws SQLException {
        Set<String> owned = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT index_name FROM information_schema.table_constraints"
                        + " WHERE table_schema = CURRENT_SCHEMA AND index_name IS NOT NULL")) {
            while (rs.next()) {
                owned.add(rs.getString(1));
            }
        }
        // (table, column list) -> the indexes with exactly that column list, by name
        Map<String, List<Index>> byColumns = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT i.table_schema, i.table_name, i.index_name, i.index_type_name,"
                        + " i.is_generated, LISTAGG(ic.column_name || ' ' || ic.ordering_specification || ' '"
                        + " || COALESCE(ic.null_ordering, '-'), ', ') WITHIN GROUP (ORDER BY ic.ordinal_position)"
                        + " FROM information_schema.indexes i JOIN information_schema.index_columns ic"
                        + " ON ic.table_schema = i.table_schema AND ic.table_name = i.table_name"
                        + " AND ic.index_name = i.index_name"
                        + " WHERE i.table_schema = CURRENT_SCHEMA"
                        + " AND i.index_type_name IN ('PRIMARY KEY', 'UNIQUE INDEX', 'INDEX')"
                        + " GROUP BY i.table_schema, i.table_name, i.index_name, i.index_type_name, i.is_generated"
                        + " ORDER BY i.table_name, i.index_name")) {
            while (rs.next()) {
                Index index = new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6));
                byColumns.computeIfAbsent(index.table() + '\u0000' + index.columns(), k -> new ArrayList<>())
                        .add(index);
            }
        }
        List<String> drops = new ArrayList<>();
        for (List<Index> copies : byColumns.values()) {
            if (copies.size() < 2) {
                continue;
            }
            List<Index> kept = new ArrayList<>();
            List<Index> plain = new ArrayList<>();
            for (Index index : copies) {
                boolean droppable = "INDEX".equals(index.type()) && !index.generated()
                        && !owned.contains(index.name());
                (droppable ? plain : kept).add(index);
            }
            if (kept.isEmpty()) {
                kept.add(plain.remove(0)); // only plain copies: the first by name stays
            }
            for (Index index : plain) {
                drops.add("DROP INDEX " + quote(index.schema()) + "." + quote(index.name()));
            }
        }
        return drops;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
