package org.zou4j.internal.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one declaration of a Zou model. Columns, types, nullability and defaults come from the migrated schema (read at
 * start-up); this declaration adds what the schema cannot say: the route, the JSON type name, choice codes, e-mail
 * columns, hidden and protected fields, collection relationships, nested objects and the event names. Generic CRUD,
 * validation, serialization, the HTTP route table and events all read it.
 */
public final class ModelDef {
    /** Columns every Zou model has (BaseMixin); never accepted from a client. */
    public static final Set<String> BASE_FIELDS = Set.of("id", "created_at", "updated_at");

    private final String route;
    private final String table;
    private final String typeName;
    private final Map<String, Choice> choices;
    private final Set<String> emailFields;
    private final Set<String> hiddenFields;
    private final Set<String> engineFields;
    private final Set<String> adminOnlyFields;
    private final Set<String> protectedFields;
    private final List<Relation> relations;
    private final List<NestedObject> nestedObjects;
    private final Map<String, List<String>> references;
    private final Map<String, Map<String, String>> jsonIds;
    private final String eventPrefix;
    private final String eventIdKey;
    private final boolean emitsEvents;
    private final int listCap;
    private final boolean idPrimaryKey;

    private ModelDef(Builder b) {
        this.route = b.route;
        this.table = Objects.requireNonNull(b.table, "table");
        this.typeName = Objects.requireNonNull(b.typeName, "typeName");
        this.choices = Collections.unmodifiableMap(new LinkedHashMap<>(b.choices));
        this.emailFields = Set.copyOf(b.emailFields);
        this.hiddenFields = Set.copyOf(b.hiddenFields);
        this.engineFields = Set.copyOf(b.engineFields);
        this.adminOnlyFields = Set.copyOf(b.adminOnlyFields);
        this.protectedFields = Set.copyOf(b.protectedFields);
        this.relations = List.copyOf(b.relations);
        this.nestedObjects = List.copyOf(b.nestedObjects);
        this.references = Collections.unmodifiableMap(new LinkedHashMap<>(b.references));
        this.jsonIds = Collections.unmodifiableMap(new LinkedHashMap<>(b.jsonIds));
        this.eventPrefix = b.eventPrefix != null ? b.eventPrefix : table.replace('_', '-');
        this.eventIdKey = b.eventIdKey != null ? b.eventIdKey : table + "_id";
        this.emitsEvents = b.emitsEvents;
        this.listCap = b.listCap;
        this.idPrimaryKey = b.idPrimaryKey;
    }

    /** Starts the declaration of a model stored in {@code table}, whose JSON {@code type} is {@code typeName}. */
    public static Builder model(String table, String typeName) {
        return new Builder(table, typeName);
    }

    /** The {@code /data/<route>} name, or {@code null} for a model Zou exposes through no generic route. */
    public String route() {
        return route;
    }

    public String table() {
        return table;
    }

    public String typeName() {
        return typeName;
    }

    public Map<String, Choice> choices() {
        return choices;
    }

    public Set<String> emailFields() {
        return emailFields;
    }

    /** Columns never serialized to anyone (secrets). */
    public Set<String> hiddenFields() {
        return hiddenFields;
    }

    /**
     * Columns of the engine's own (not in Zou's model), hidden and never written by a caller: a body naming one is
     * refused as an unknown keyword, as Zou, which has no such column, refuses it.
     */
    public Set<String> engineFields() {
        return engineFields;
    }

    /**
     * Columns serialized and filterable only for admins: absent from other callers' dicts, and filtering on them is a
     * 400 "Filtering on X is not allowed." (e.g. Organisation's chat tokens).
     */
    public Set<String> adminOnlyFields() {
        return adminOnlyFields;
    }

    /** Fields silently dropped from PUT bodies, besides {@link #BASE_FIELDS} and {@code project_id}. */
    public Set<String> protectedFields() {
        return protectedFields;
    }

    public List<Relation> relations() {
        return relations;
    }

    public Relation relation(String name) {
        for (Relation r : relations) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    public List<NestedObject> nestedObjects() {
        return nestedObjects;
    }

    /**
     * Reference columns the schema cannot declare as foreign keys (polymorphic or left without a constraint, e.g.
     * {@code comment.object_id}): column to the tables its id may live in, tried in order. Together with the schema's
     * foreign keys, these are every reference a write can carry.
     */
    public Map<String, List<String>> references() {
        return references;
    }

    /**
     * Ids held inside JSON columns: column name to (key inside the JSON objects of that column, at any depth, to the
     * table its id or id list points at), e.g. {@code playlist.shots[].preview_file_id -> preview_file}. Written ids are
     * checked for read access like reference columns.
     */
    public Map<String, Map<String, String>> jsonIds() {
        return jsonIds;
    }

    /** Event name prefix, e.g. {@code task-type} for {@code task-type:new}. */
    public String eventPrefix() {
        return eventPrefix;
    }

    /** Payload key holding the row id, e.g. {@code task_type_id}. */
    public String eventIdKey() {
        return eventIdKey;
    }

    public boolean emitsEvents() {
        return emitsEvents;
    }

    /** Maximum rows a list returns (Zou caps events at 1000), or 0 for no cap. */
    public int listCap() {
        return listCap;
    }

    /** False for plain link tables, which have no {@code id} column. */
    public boolean hasIdPrimaryKey() {
        return idPrimaryKey;
    }

    @Override
    public String toString() {
        return typeName + "(" + table + ")";
    }

    /** Fluent declaration of a model. */
    public static final class Builder {
        private String route;
        private final String table;
        private final String typeName;
        private final Map<String, Choice> choices = new LinkedHashMap<>();
        private final Set<String> emailFields = new LinkedHashSet<>();
        private final Set<String> hiddenFields = new LinkedHashSet<>();
        private final Set<String> engineFields = new LinkedHashSet<>();
        private final Set<String> adminOnlyFields = new LinkedHashSet<>();
        private final Set<String> protectedFields = new LinkedHashSet<>();
        private final List<Relation> relations = new ArrayList<>();
        private final List<NestedObject> nestedObjects = new ArrayList<>();
        private final Map<String, List<String>> references = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> jsonIds = new LinkedHashMap<>();
        private String eventPrefix;
        private String eventIdKey;
        private boolean emitsEvents = true;
        private int listCap;
        private boolean idPrimaryKey = true;

        private Builder(String table, String typeName) {
            this.table = table;
            this.typeName = typeName;
        }

        /** Exposes the model at {@code /data/<route>}. */
        public Builder route(String route) {
            this.route = route;
            return this;
        }

        /** Restricts {@code field} to {@code codes}; {@code message} is the 400 message (null: a generic one). */
        public Builder choice(String field, List<String> codes, String message) {
            choices.put(field, Choice.of(field, codes, message));
            return this;
        }

        public Builder choice(String field, List<String> codes) {
            return choice(field, codes, null);
        }

        /** A JSON list column whose every element must be one of {@code codes}. */
        public Builder choiceList(String field, List<String> codes) {
            choices.put(field, new Choice(field, Set.copyOf(codes), null, true));
            return this;
        }

        /** An e-mail column: lower-cased on write, compared case-insensitively. */
        public Builder email(String... fields) {
            emailFields.addAll(List.of(fields));
            return this;
        }

        /** Columns never serialized (secrets) and never filterable. */
        public Builder hidden(String... fields) {
            hiddenFields.addAll(List.of(fields));
            return this;
        }

        /** The engine's own columns: hidden, and a caller's body naming one is refused ({@link #engineFields()}). */
        public Builder engineOwned(String... fields) {
            engineFields.addAll(List.of(fields));
            return hidden(fields);
        }

        /** Columns only admins may see or filter on; masked (key absent) for everyone else. */
        public Builder adminOnly(String... fields) {
            adminOnlyFields.addAll(List.of(fields));
            return this;
        }

        /** Fields silently ignored on update. */
        public Builder protect(String... fields) {
            protectedFields.addAll(List.of(fields));
            return this;
        }

        /** A many-to-many collection through {@code linkTable(ownColumn, otherColumn)}. */
        public Builder manyToMany(String name, String linkTable, String ownColumn, String otherColumn,
                                  String otherTable) {
            relations.add(new Relation(name, linkTable, ownColumn, otherColumn, otherTable, true));
            return this;
        }

        /** A read-only one-to-many collection: ids of {@code childTable} rows whose {@code fkColumn} is this row. */
        public Builder oneToMany(String name, String childTable, String fkColumn) {
            relations.add(new Relation(name, childTable, fkColumn, "id", childTable, false));
            return this;
        }

        /** A read-only many-to-many collection (a backref). */
        public Builder backref(String name, String linkTable, String ownColumn, String otherColumn,
                               String otherTable) {
            relations.add(new Relation(name, linkTable, ownColumn, otherColumn, otherTable, false));
            return this;
        }

        /** A many-to-one relationship serialized as the related row's dict. */
        public Builder nested(String name, String column, String table) {
            nestedObjects.add(new NestedObject(name, column, table));
            return this;
        }

        /**
         * A reference column without a foreign key in the schema: its id points at a row of one of {@code tables}
         * (the first one holding it), and writes of it are checked like foreign keys.
         */
        public Builder refersTo(String column, String... tables) {
            references.put(column, List.of(tables));
            return this;
        }

        /**
         * Ids inside the JSON column {@code column}: {@code keyTablePairs} alternates a key of the JSON objects found
         * in it (at any depth) and the table the key's id, or list of ids, points at.
         */
        public Builder jsonIds(String column, String... keyTablePairs) {
            if (keyTablePairs.length == 0 || keyTablePairs.length % 2 != 0) {
                throw new IllegalArgumentException("key/table pairs expected");
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (int i = 0; i < keyTablePairs.length; i += 2) {
                keys.put(keyTablePairs[i], keyTablePairs[i + 1]);
            }
            jsonIds.put(column, Collections.unmodifiableMap(keys));
            return this;
        }

        /** Overrides the event names ({@code prefix:new|update|delete}) and payload id key. */
        public Builder events(String prefix, String idKey) {
            this.eventPrefix = prefix;
            this.eventIdKey = idKey;
            return this;
        }

        public Builder noEvents() {
            this.emitsEvents = false;
            return this;
        }

        public Builder listCap(int cap) {
            this.listCap = cap;
            return this;
        }

        /** A plain link table (no id, created_at, updated_at). */
        public Builder linkTable() {
            this.idPrimaryKey = false;
            this.emitsEvents = false;
            return this;
        }

        public ModelDef build() {
            return new ModelDef(this);
        }
    }
}
