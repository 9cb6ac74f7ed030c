package org.zou4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.ListOutcome;

/** The engine's {@link DataSet}: generic CRUD of one route for one caller. */
final class EngineDataSet implements DataSet {
    private final ZouEngine engine;
    private final Caller caller;
    private final String route;

    EngineDataSet(ZouEngine engine, Caller caller, String route) {
        this.engine = engine;
        this.caller = caller;
        this.route = route;
    }

    @Override
    public String route() {
        return route;
    }

    @Override
    public ListResult query(Query query) {
        engine.ensureOpen();
        ListOutcome outcome = engine.crud().list(caller, route, query == null ? Query.all() : query);
        return new EngineListResult(outcome, engine.mapper());
    }

    @Override
    public List<Entry> list(Query query) {
        try (ListResult result = query(query)) {
            List<Entry> entries = new ArrayList<>();
            result.forEach(entries::add);
            return entries;
        }
    }

    @Override
    public Entry get(String id) {
        return get(id, Query.all());
    }

    @Override
    public Entry get(String id, Query options) {
        engine.ensureOpen();
        return Entry.owned(engine.crud().get(caller, route, id, options == null ? Query.all() : options));
    }

    @Override
    public Entry create(Map<String, ?> body) {
        engine.ensureOpen();
        return Entry.owned(engine.crud().create(caller, route, copy(body)));
    }

    @Override
    public Entry update(String id, Map<String, ?> body) {
        engine.ensureOpen();
        return Entry.owned(engine.crud().update(caller, route, id, copy(body)));
    }

    @Override
    public void delete(String id) {
        delete(id, false);
    }

    @Override
    public void delete(String id, boolean force) {
        engine.ensureOpen();
        engine.crud().delete(caller, route, id, force);
    }

    private static Map<String, Object> copy(Map<String, ?> body) {
        return body == null ? null : new LinkedHashMap<>(body);
    }
}
