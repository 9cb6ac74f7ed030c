package org.zou4j.internal.crud;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.zou4j.internal.access.AccessPolicy;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.TableSchema;

/**
 * A model declaration bound to its migrated table, its permission policy and its behaviour hooks: everything the
 * generic CRUD needs about one model.
 *
 * @param def    the declaration
 * @param table  the table's schema
 * @param access the permission policy
 * @param hooks  model-specific behaviour
 */
public record BoundModel(ModelDef def, TableSchema table, AccessPolicy access, ModelHooks hooks) {

    public String tableName() {
        return def.table();
    }

    /** Columns serialized to callers, in table order (secrets left out). */
    public List<Column> visibleColumns(Set<String> alsoHidden) {
        List<Column> result = new ArrayList<>();
        for (Column c : table.columns()) {
            if (!def.hiddenFields().contains(c.name()) && !alsoHidden.contains(c.name())) {
                result.add(c);
            }
        }
        return result;
    }

    /**
     * The tables a column's value may reference: the declaration's {@code refersTo} tables, else the schema's foreign
     * key target; empty when the column is no reference.
     */
    public List<String> referencedTables(String column) {
        List<String> declared = def.references().get(column);
        if (declared != null) {
            return declared;
        }
        String fk = table.foreignKeys().get(column);
        return fk == null ? List.of() : List.of(fk);
    }

    public boolean hasProjectId() {
        return table.has("project_id");
    }
}
