package org.zou4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.Policies;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.ModelRegistry;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.events.EventSink;
import org.zou4j.internal.hooks.HookSettings;
import org.zou4j.internal.hooks.Hooks;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.sql.Database;
import org.zou4j.testing.TestStorage;

/**
 * The generic CRUD over a private H2 database with hooks configured by given settings (user limit, password hashing),
 * which the public engine builder does not expose yet.
 */
final class CrudHarness implements AutoCloseable {
    private final TestStorage storage = new TestStorage();
    private final CrudService crud;

    CrudHarness(HookSettings settings) {
        ObjectMapper mapper = new ObjectMapper();
        Database db = Database.open(storage);
        ModelRegistry registry = new ModelRegistry(Models.ALL, db.schema(), Policies::forModel,
                Hooks.configured(settings));
        crud = new CrudService(db, registry, new EventLog(mapper, Clock.systemUTC(), EventSink.NONE), mapper,
                Clock.systemUTC());
    }

    Entry create(String route, Map<String, ?> body) {
        return new Entry(crud.create(Caller.system(), route, new java.util.LinkedHashMap<>(body)));
    }

    Entry update(String route, String id, Map<String, ?> body) {
        return new Entry(crud.update(Caller.system(), route, id, new java.util.LinkedHashMap<>(body)));
    }

    CrudService crud() {
        return crud;
    }

    @Override
    public void close() {
        storage.close();
    }
}
