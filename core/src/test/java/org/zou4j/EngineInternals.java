package org.zou4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.zou4j.internal.crud.CrudService;

/** Test access to an engine's internals, for tests outside package {@code org.zou4j} (e.g. the storage contract). */
public final class EngineInternals {
    private EngineInternals() {
    }

    public static CrudService crud(ZouEngine engine) {
        return engine.crud();
    }

    public static ObjectMapper mapper(ZouEngine engine) {
        return engine.mapper();
    }
}
