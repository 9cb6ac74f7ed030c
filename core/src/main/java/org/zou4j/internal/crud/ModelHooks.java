package org.zou4j.internal.crud;

import java.sql.SQLException;
import java.util.Map;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Row;

/**
 * Model-specific behaviour around the generic CRUD (Zou's per-resource overrides, reference §5.4). Every method has
 * a default that does nothing, so a model overrides only what differs.
 */
public interface ModelHooks {
    ModelHooks NONE = new ModelHooks() {
    };

    /**
     * Before a POST ({@code current == null}) or PUT body is read: the raw JSON body (a mutable copy) may be normalized
     * here, before type conversion and the permission check (e.g. {@code "all"} meaning no episode, a user limit that
     * Zou checks before the admin check).
     */
    default void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) throws SQLException {
    }

    /** Before insert: {@code values} holds validated column values and may be changed; {@code body} the raw body. */
    default void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
    }

    /** After insert, in the same transaction. */
    default void afterCreate(HookContext ctx, Row created, Map<String, Object> body) throws SQLException {
    }

    /** Before update: {@code changes} holds validated column values and may be changed. */
    default void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
    }

    /** After update, in the same transaction. */
    default void afterUpdate(HookContext ctx, Row before, Row after) throws SQLException {
    }

    /** Before delete (e.g. refuse, or cascade when {@code force}). */
    /**
     * Refusals Zou answers before checking who asks (e.g. "Only closed projects can be deleted"); runs before the
     * permission check, so it must not change anything.
     */
    default void refuseDelete(HookContext ctx, Row row) throws SQLException {
    }

    default void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
    }

    /** After delete and its event, in the same transaction (e.g. recomputing a parent's totals). */
    default void afterDelete(HookContext ctx, Row deleted) throws SQLException {
    }

    /**
     * The database refused a delete because other rows still reference {@code row}: answers the error to raise
     * instead of the generic one (default: {@code error} unchanged).
     */
    default ZouException deleteConflict(HookContext ctx, Row row, ZouException error) throws SQLException {
        return error;
    }

    /** Adds keys to the payload of the generic {@code <prefix>:<verb>} event (verb: new, update, delete). */
    default void eventData(HookContext ctx, Row row, String verb, Map<String, Object> data) throws SQLException {
    }

    /** The list parameters actually applied (e.g. a model whose list ignores every parameter); default unchanged. */
    default Query listQuery(HookContext ctx, Query query) throws SQLException {
        return query;
    }

    /** Whether {@link #prepareList} must run before each list (it then gets its own write transaction). */
    default boolean preparesList() {
        return false;
    }

    /** Writes that a list needs first (e.g. salary scales create their missing rows); runs after the list check. */
    default void prepareList(HookContext ctx) throws SQLException {
    }

    /** Zou's {@code type} for this row when it differs from the declaration's (e.g. entities: Shot, Asset...). */
    default String typeName(HookContext ctx, Row row, View view) throws SQLException {
        return null;
    }

    /** Event prefix for this row when it differs from the declaration's (e.g. entities: {@code shot}). */
    default String eventPrefix(HookContext ctx, Row row) throws SQLException {
        return null;
    }

    /**
     * A list filter this model reads itself (e.g. tasks' {@code episode_id}); {@code null} leaves {@code key} to the
     * generic filter rules.
     */
    default org.zou4j.internal.sql.Filter specialFilter(HookContext ctx, String key, String value)
            throws SQLException {
        return null;
    }

    /** Adds or changes keys of a serialized row (e.g. Person's {@code full_name}). */
    default void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) throws SQLException {
    }

    /** Which route produced the serialization. */
    enum View {
        LIST, GET, CREATE, UPDATE
    }
}
