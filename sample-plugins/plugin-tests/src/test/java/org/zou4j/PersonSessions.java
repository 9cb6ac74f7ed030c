package org.zou4j;

import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.access.Caller;

/**
 * Sessions of given persons for these tests. Stands in for the engine's person session entry point until the auth work
 * provides one ({@code ZouEngine.sessionForPerson}); it sits in package {@code org.zou4j} for that reason only.
 */
public final class PersonSessions {
    private PersonSessions() {
    }

    /** A session of the person {@code personId}, with the role stored on their row. */
    public static Session of(ZouEngine engine, String personId) {
        Entry person = engine.systemSession().data("persons").get(personId);
        return new EngineSession(engine, new Caller(UUID.fromString(personId), person.getString("role"), Set.of(),
                false));
    }
}
