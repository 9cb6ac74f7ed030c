package org.zou4j;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.sql.Database;

/**
 * Test-only ways in: a session for any caller (until sessions come from tokens), and raw transactions for fixture
 * rows no route can write (team links with project roles, salary scales).
 */
public final class TestSessions {
    private TestSessions() {
    }

    /** A session acting as {@code caller}. */
    public static Session as(ZouEngine engine, Caller caller) {
        return new EngineSession(engine, caller);
    }

    /** The caller of person {@code personId} as the auth layer would build it: role, departments, bot flag. */
    public static Caller callerOf(ZouEngine engine, String personId) {
        Entry p = engine.systemSession().data("persons").get(personId);
        Set<UUID> departments = new HashSet<>();
        for (Object d : (List<?>) p.get("departments")) {
            departments.add(UUID.fromString((String) d));
        }
        return new Caller(UUID.fromString(personId), p.getString("role"), departments,
                Boolean.TRUE.equals(p.get("is_bot")));
    }

    /** A session acting as person {@code personId}. */
    public static Session asPerson(ZouEngine engine, String personId) {
        return as(engine, callerOf(engine, personId));
    }

    /** Runs raw work on the engine's database in one transaction. */
    public static <T> T inTransaction(ZouEngine engine, Database.TxWork<T> work) {
        return engine.crud().database().inTransaction(work);
    }
}
