package org.zou4j.internal.schema;

/**
 * A column of the migrated schema.
 *
 * @param name       lower-case column name
 * @param type       engine type
 * @param nullable   whether NULL is allowed
 * @param hasDefault whether the database supplies a value when the column is omitted
 * @param maxLength  maximum characters for strings, 0 when unbounded or not a string
 * @param position   1-based position in the table (serialization order)
 */
public record Column(String name, ColumnType type, boolean nullable, boolean hasDefault, int maxLength, int position) {
}
