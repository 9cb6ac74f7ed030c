package org.zou4j.internal.hooks;

import java.util.Map;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.model.ModelDef;

/** Model-specific behaviour by table (Zou's per-resource overrides); models not listed behave generically. */
public final class Hooks {
    private Hooks() {
    }

    private static final Map<String, ModelHooks> BY_TABLE = Map.of(
            "person", new PersonHooks(),
            "entity", new EntityHooks());

    public static ModelHooks forModel(ModelDef def) {
        return BY_TABLE.getOrDefault(def.table(), ModelHooks.NONE);
    }
}
