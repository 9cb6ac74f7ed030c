package org.zou4j.internal.model;

/**
 * A collection relationship of a model (Zou's many-to-many or one-to-many ORM relationships), serialized as a list of
 * ids when relations are requested, filterable as "has a related row with this id", and writable as a whole list.
 *
 * @param name        the JSON key and filter key (e.g. {@code assignees})
 * @param linkTable   the table holding the pairs (a link table, or for one-to-many the child table itself)
 * @param ownColumn   the column of {@code linkTable} that points at this model's row
 * @param otherColumn the column of {@code linkTable} holding the related id
 * @param otherTable  the table {@code otherColumn} points to (used to drop unknown ids on write)
 * @param writable    whether POST/PUT bodies may set this collection
 */
public record Relation(String name, String linkTable, String ownColumn, String otherColumn, String otherTable,
                       boolean writable) {

    /** True when the related ids live in the child table's own {@code id} column (one-to-many). */
    public boolean isOneToMany() {
        return "id".equals(otherColumn);
    }
}
