package org.zou4j.internal.crud;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.model.Choice;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.model.Relation;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's generic {@code /data} behaviour (reference §4–§5) for every declared model: list with filters, get, create,
 * update and delete, each in one transaction, permission-checked for the caller, emitting the model's events in the
 * same transaction.
 */
public final class CrudService {
    private final Database db;
    private final ModelRegistry models;
    private final EventLog events;
    private final Values values;
    private final Serializer serializer;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CrudService(Database db, ModelRegistry models, EventLog events, ObjectMapper mapper, Clock clock) {
        this.db = db;
        this.models = models;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
        this.values = new Values(mapper);
        this.serializer = new Serializer(new JsonForm(mapper));
    }

    public ModelRegistry models() {
        return models;
    }

    public Database database() {
        return db;
    }

    public Values values() {
        return values;
    }

    public JsonForm jsonForm() {
        return serializer.form();
    }

    /** A context for work the caller does inside {@code tx} (null events: a read). */
    public HookContext context(Caller caller, Tx tx, EventLog.Batch batch) {
        return new HookContext(caller, tx, batch, this, clock);
    }

    /** Serializes rows of {@code m} as Zou does for the given view (for services beyond generic CRUD). */
    public List<Map<String, Object>> serialize(HookContext ctx, BoundModel m, List<Row> rows, boolean relations,
                                              ModelHooks.View view) throws SQLException {
        return serializer.many(ctx, m, rows, relations, view);
    }

    /**
     * Serializes one row of {@code m} with its collection relationships given (relation name to related ids, for
     * every relation of the model) rather than read: for a row just inserted in this transaction, whose links the
     * caller wrote itself.
     */
    public Map<String, Object> serializeWithRelations(HookContext ctx, BoundModel m, Row row,
                                                      Map<String, List<String>> relations, ModelHooks.View view)
            throws SQLException {
        return serializer.oneWithRelations(ctx, m, row, relations, view);
    }

    /** Loads a row by id, or throws Zou's 404. */
    public static Row require(Tx tx, BoundModel m, UUID id) throws SQLException {
        return load(tx, m, id);
    }

    // ---- list ------------------------------------------------------------------------------------------------------

    /**
     * Lists rows of {@code route}. The result either holds a materialized page or a live stream that owns a read
     * transaction until closed. Validation, permission and the query itself run before this returns, so any error
     * surfaces here, never half-way through a response.
     */
    public ListOutcome list(Caller caller, String route, Query query) {
        BoundModel m = models.route(route);
        if (m.hooks().preparesList()) {
            db.inTransaction(tx -> {
                HookContext ctx = context(caller, tx, events.begin(tx, caller.personId()));
                m.access().listScope(ctx.access(), query);
                m.hooks().prepareList(ctx);
                return null;
            });
        }
        Database.ReadTx read = db.openReadTx();
        try {
            HookContext ctx = context(caller, read.tx(), null);
            ListRequest req = ListRequest.parse(ctx, m, m.hooks().listQuery(ctx, query), values, mapper);
            List<Filter> filters = new ArrayList<>(req.filters());
            Filter scope = m.access().listScope(ctx.access(), query);
            if (scope != null) {
                filters.add(scope);
            }
            if (req.paginated()) {
                try (read) {
                    return ListOutcome.page(page(ctx, m, req, filters));
                }
            }
            int cap = m.def().listCap();
            var cursor = read.tx().stream(m.tableName(), filters, cap > 0 ? List.of(Tx.Order.desc("created_at")) : List.of(),
                    cap, 0);
            return ListOutcome.stream(new RowStream(ctx, m, cursor, read, req.relations(), req.fields(), serializer));
        } catch (SQLException e) {
            read.close();
            throw Database.translate(e);
        } catch (RuntimeException e) {
            read.close();
            throw e;
        }
    }

    private Map<String, Object> page(HookContext ctx, BoundModel m, ListRequest req, List<Filter> filters)
            throws SQLException {
        long total = ctx.tx().count(m.tableName(), filters);
        int limit = req.limit();
        int offset = (req.page() - 1) * limit;
        List<Map<String, Object>> data = List.of();
        if (req.page() >= 1 && offset <= total) {
            List<Row> rows = ctx.tx().select(m.tableName(), filters, List.of(Tx.Order.desc("updated_at"),
                    Tx.Order.desc("created_at"), Tx.Order.asc("id")), limit, offset);
            data = serializer.many(ctx, m, rows, req.relations(), ModelHooks.View.LIST);
            if (req.fields() != null) {
                data = data.stream().map(j -> Serializer.project(j, req.fields())).toList();
            }
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", data);
        envelope.put("total", total);
        envelope.put("nb_pages", (long) Math.ceil(total / (double) limit));
        envelope.put("limit", limit);
        envelope.put("offset", offset);
        envelope.put("page", req.page());
        return envelope;
    }

    // ---- get -------------------------------------------------------------------------------------------------------

    /** One row, serialized with relations unless {@code relations=false}-like is asked (Zou's single GET). */
    public Map<String, Object> get(Caller caller, String route, String id, Query query) {
        BoundModel m = models.route(route);
        UUID uuid = Values.parseId(id);
        boolean relations = !query.has("relations") || query.flag("relations");
        return db.read(tx -> {
            HookContext ctx = context(caller, tx, null);
            Row row = load(tx, m, uuid);
            m.access().checkRead(ctx.access(), row);
            return serializer.one(ctx, m, row, relations, ModelHooks.View.GET);
        });
    }

    private static Row load(Tx tx, BoundModel m, UUID id) throws SQLException {
        Row row = tx.byId(m.tableName(), id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    // ---- create ----------------------------------------------------------------------------------------------------

    /** Creates a row from a JSON body; answers the row as a single GET would (relations included). */
    public Map<String, Object> create(Caller caller, String route, Map<String, Object> body) {
        BoundModel m = models.route(route);
        requireBody(body);
        return write(!body.containsKey("password"), tx -> {
            HookContext ctx = context(caller, tx, events.begin(tx, caller.personId()));
            Row row = insert(ctx, m, body);
            Map<String, List<String>> noLinks = linksOfNewRow(ctx, m, body);
            return noLinks != null ? serializer.oneWithRelations(ctx, m, row, noLinks, ModelHooks.View.CREATE)
                    : serializer.one(ctx, m, row, true, ModelHooks.View.CREATE);
        });
    }

    /**
     * The collection relationships of a row just inserted without any in its body, when they are certainly empty
     * (none of their link tables was written in this transaction, and the row's id is new), so that they need not be
     * read; else null.
     */
    private static Map<String, List<String>> linksOfNewRow(HookContext ctx, BoundModel m, Map<String, Object> body) {
        Map<String, List<String>> empty = new java.util.HashMap<>();
        for (Relation r : m.def().relations()) {
            if (body.containsKey(r.name()) || ctx.tx().wrote(r.linkTable())) {
                return null;
            }
            empty.put(r.name(), List.of());
        }
        return empty;
    }

    /**
     * A write transaction; a short one may share its commit with concurrent writes
     * ({@link Database#inShortTransaction}). Not short: a body carrying a password (hashing it is deliberately slow)
     * or a forced delete (its cascade may be large), which commit on their own rather than hold up the writes grouped
     * with them.
     */
    private <T> T write(boolean shortWork, Database.TxWork<T> work) {
        return shortWork ? db.inShortTransaction(work) : db.inTransaction(work);
    }

    /** Inserts a row for {@code body} inside the caller's transaction (also used by hooks and services). */
    public Row insert(HookContext ctx, BoundModel m, Map<String, Object> rawBody) throws SQLException {
        ModelDef def = m.def();
        Map<String, Object> body = new LinkedHashMap<>(rawBody);
        m.hooks().normalizeBody(ctx, null, body);
        Map<String, Object> columns = new LinkedHashMap<>();
        Map<Relation, List<UUID>> links = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String key = e.getKey();
            if (ModelDef.BASE_FIELDS.contains(key)) {
                continue; // Zou strips these silently
            }
            Relation rel = def.relation(key);
            if (rel != null && rel.writable()) {
                links.put(rel, relationIds(key, e.getValue()));
                continue;
            }
            Column column = m.table().column(key);
            if (column == null || rel != null || def.engineFields().contains(key)) {
                unknown.add(key);
                continue;
            }
            columns.put(key, convert(m, column, e.getValue()));
        }
        Map<String, Object> written = withCollections(columns, links);
        m.access().checkCreate(ctx.access(), written);
        ReferenceCheck.check(ctx, m, written, null);
        if (!unknown.isEmpty()) {
            throw ZouException.plain(ErrorCode.UNKNOWN_FIELD, "'" + ZouException.echo(unknown.get(0))
                    + "' is an invalid keyword argument for "
                    + def.typeName());
        }
        UUID id = UUID.randomUUID();
        var now = ctx.now();
        columns.put("id", id);
        columns.put("created_at", now);
        columns.put("updated_at", now);
        m.hooks().beforeCreate(ctx, columns, body);
        checkChoices(m, columns);
        checkRequired(m, columns);
        // the row as read back (column defaults applied) from the insert itself
        Row created = ctx.tx().insertReturning(m.tableName(), columns);
        for (Map.Entry<Relation, List<UUID>> e : links.entrySet()) {
            writeLinks(ctx.tx(), e.getKey(), id, e.getValue(), false);
        }
        m.hooks().afterCreate(ctx, created, body);
        emit(ctx, m, created, "new");
        return created;
    }

    // ---- update ----------------------------------------------------------------------------------------------------

    /** Applies a partial update; answers the row without relations, as Zou's PUT does. */
    public Map<String, Object> update(Caller caller, String route, String id, Map<String, Object> body) {
        BoundModel m = models.route(route);
        requireBody(body);
        UUID uuid = Values.parseId(id);
        return write(!body.containsKey("password"), tx -> {
            HookContext ctx = context(caller, tx, events.begin(tx, caller.personId()));
            Row after = update(ctx, m, load(tx, m, uuid), body);
            return serializer.one(ctx, m, after, false, ModelHooks.View.UPDATE);
        });
    }

    /** Updates {@code current} inside the caller's transaction. */
    public Row update(HookContext ctx, BoundModel m, Row current, Map<String, Object> rawBody) throws SQLException {
        ModelDef def = m.def();
        Map<String, Object> body = new LinkedHashMap<>(rawBody);
        m.hooks().normalizeBody(ctx, current, body);
        Set<String> dropped = new LinkedHashSet<>(ModelDef.BASE_FIELDS);
        dropped.add("project_id");
        dropped.addAll(def.protectedFields());
        dropped.addAll(m.access().protectedFrom(ctx.caller()));
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<Relation, List<UUID>> links = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String key = e.getKey();
            if (dropped.contains(key)) {
                continue;
            }
            Relation rel = def.relation(key);
            if (rel != null) {
                if (rel.writable()) {
                    links.put(rel, relationIds(key, e.getValue()));
                }
                continue;
            }
            Column column = m.table().column(key);
            if (column == null || def.hiddenFields().contains(key)) {
                continue; // PUT ignores unknown keys (and never writes secrets through CRUD)
            }
            if ((column.type() == org.zou4j.internal.schema.ColumnType.DATE
                    || column.type() == org.zou4j.internal.schema.ColumnType.TIMESTAMP)
                    && "".equals(e.getValue())) {
                continue; // Zou skips empty date strings
            }
            changes.put(key, convert(m, column, e.getValue()));
        }
        Map<String, Object> written = withCollections(changes, links);
        m.access().checkUpdate(ctx.access(), current, written);
        ReferenceCheck.check(ctx, m, written, current);
        m.hooks().beforeUpdate(ctx, current, changes, body);
        checkChoices(m, changes);
        for (String key : changes.keySet()) {
            Column c = m.table().column(key);
            if (c != null && !c.nullable() && changes.get(key) == null) {
                throw ZouException.plain(ErrorCode.MISSING_FIELD, "A required field is missing.",
                        Map.of("fields", List.of(key)));
            }
        }
        if (m.table().has("updated_at")) {
            changes.put("updated_at", ctx.now());
        }
        ctx.tx().updateById(m.tableName(), current.id(), changes);
        for (Map.Entry<Relation, List<UUID>> e : links.entrySet()) {
            writeLinks(ctx.tx(), e.getKey(), current.id(), e.getValue(), true);
        }
        Row after = load(ctx.tx(), m, current.id());
        m.hooks().afterUpdate(ctx, current, after);
        emit(ctx, m, after, "update");
        return after;
    }

    // ---- delete ----------------------------------------------------------------------------------------------------

    /** Deletes a row; {@code force} lets models with dependants cascade (Zou's {@code ?force=true}). */
    public void delete(Caller caller, String route, String id, boolean force) {
        BoundModel m = models.route(route);
        UUID uuid = Values.parseId(id);
        write(!force, tx -> {
            HookContext ctx = context(caller, tx, events.begin(tx, caller.personId()));
            Row row = load(tx, m, uuid);
            m.hooks().refuseDelete(ctx, row);
            m.access().checkDelete(ctx.access(), row);
            m.hooks().beforeDelete(ctx, row, force);
            delete(ctx, m, row);
            return null;
        });
    }

    /** Deletes {@code row} and its link rows inside the caller's transaction, emitting the delete event. */
    public void delete(HookContext ctx, BoundModel m, Row row) throws SQLException {
        for (Relation rel : m.def().relations()) {
            if (!rel.isOneToMany()) {
                ctx.tx().delete(rel.linkTable(), List.of(Filter.eq(rel.ownColumn(), row.id())));
            }
        }
        try {
            ctx.tx().delete(m.tableName(), List.of(Filter.eq("id", row.id())));
        } catch (ZouException e) {
            if (e.code() == ErrorCode.REFERENCED) {
                throw m.hooks().deleteConflict(ctx, row, e);
            }
            throw e;
        }
        emit(ctx, m, row, "delete");
        m.hooks().afterDelete(ctx, row);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private void emit(HookContext ctx, BoundModel m, Row row, String verb) throws SQLException {
        if (!m.def().emitsEvents() || ctx.events() == null) {
            return;
        }
        String prefix = m.hooks().eventPrefix(ctx, row);
        String idKey = prefix != null ? prefix.replace('-', '_') + "_id" : m.def().eventIdKey();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(idKey, row.id().toString());
        m.hooks().eventData(ctx, row, verb, data);
        UUID projectId = m.hasProjectId() ? (UUID) row.get("project_id") : null;
        ctx.events().emit((prefix != null ? prefix : m.def().eventPrefix()) + ":" + verb, data, projectId);
    }

    /** What a permission check sees of a write: the column values plus written collections as id lists. */
    private static Map<String, Object> withCollections(Map<String, Object> columns, Map<Relation, List<UUID>> links) {
        if (links.isEmpty()) {
            return java.util.Collections.unmodifiableMap(columns);
        }
        Map<String, Object> all = new LinkedHashMap<>(columns);
        links.forEach((rel, ids) -> all.put(rel.name(), List.copyOf(ids)));
        return java.util.Collections.unmodifiableMap(all);
    }

    private Object convert(BoundModel m, Column column, Object value) {
        Choice choice = m.def().choices().get(column.name());
        if (choice != null && choice.isList()) {
            Values.checkChoice(choice, value);
        }
        Object v = values.fromJson(column, value);
        if (v instanceof String s && m.def().emailFields().contains(column.name())) {
            v = s.trim().toLowerCase(java.util.Locale.ROOT);
        }
        return v;
    }

    private static void checkChoices(BoundModel m, Map<String, Object> columns) {
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            Choice choice = m.def().choices().get(e.getKey());
            if (choice != null) {
                Values.checkChoice(choice, e.getValue());
            }
        }
    }

    private static void checkRequired(BoundModel m, Map<String, Object> columns) {
        List<String> missing = new ArrayList<>();
        for (Column c : m.table().columns()) {
            if (!c.nullable() && !c.hasDefault() && columns.get(c.name()) == null) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            throw ZouException.plain(ErrorCode.MISSING_FIELD, "A required field is missing.",
                    Map.of("fields", missing));
        }
    }

    private static void requireBody(Map<String, Object> body) {
        if (body == null) {
            throw ZouException.wrongParameter("Data are empty. Please verify that you sent JSON data and that you "
                    + "set the right headers.");
        }
    }

    /** Ids from a relation value: a list of id strings or of {@code {"id": ...}} dicts; null means empty. */
    private static List<UUID> relationIds(String key, Object value) {
        List<UUID> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        if (!(value instanceof List<?> list)) {
            throw ZouException.badRequest(ErrorCode.INVALID_VALUE, "Invalid value for '" + key
                    + "': expected a list of ids.");
        }
        for (Object o : list) {
            Object raw = o instanceof Map<?, ?> map ? map.get("id") : o;
            UUID id = raw instanceof String s ? Values.tryParseId(s) : null;
            if (id == null) {
                throw ZouException.badRequest(ErrorCode.INVALID_VALUE, "Invalid value for '" + key
                        + "': expected a list of ids.");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** Writes a collection: unknown ids are dropped silently, as Zou does; {@code replace} clears it first. */
    private static void writeLinks(Tx tx, Relation rel, UUID ownId, List<UUID> ids, boolean replace)
            throws SQLException {
        if (replace) {
            tx.delete(rel.linkTable(), List.of(Filter.eq(rel.ownColumn(), ownId)));
        }
        if (ids.isEmpty()) {
            return;
        }
        List<Object> known = tx.column(rel.otherTable(), "id", List.of(Filter.in("id", ids)));
        List<Object> ordered = new ArrayList<>();
        for (UUID id : ids) {
            if (known.contains(id)) {
                ordered.add(id);
            }
        }
        if (tx.database().schema().table(rel.linkTable()).has("id")) {
            for (Object other : ordered) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", UUID.randomUUID());
                var now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
                row.put("created_at", now);
                row.put("updated_at", now);
                row.put(rel.ownColumn(), ownId);
                row.put(rel.otherColumn(), other);
                tx.insert(rel.linkTable(), row);
            }
        } else {
            tx.insertLinks(rel.linkTable(), rel.ownColumn(), ownId, rel.otherColumn(), ordered);
        }
    }
}
